"""Entrypoint of the dashboard: page settings and the navigation between pages, nothing else.

    streamlit run app.py

Every page lives in ecrans/ and is registered here with a url_path equal to its file name, so
links such as /territoire?departement=13&debut=2020 keep working. The folder is deliberately
not called `pages/`: Streamlit treats a `pages/` folder next to the entrypoint as a legacy
(v1) multipage app until the entrypoint has run once, so on a fresh server the first visitor
of a deep link (/carte) would get that page run alone, without this navigation, wide layout or
sidebar, and every later session too until someone opened `/`. Streamlit serves its default
page only at the root URL (a default page's own url_path answers "Page not found"), so the
default page is a hidden one-line page that forwards `/` to `/nationale` with the link's query
parameters: `/?debut=2010` and `/nationale?debut=2010` both open Vue nationale filtered, and
the menu highlights it. Before any page runs, `acces.ouvrir_session()` resolves the viewer
(local mode, OIDC sign-in, public level; see observatoire/acces.py). Every page listed here
must exist: a missing file stops the app with Streamlit's error (and fails the tests) rather than silently leaving the menu.

The menu is drawn here from SECTIONS with st.page_link (Streamlit's own navigation is hidden):
its list markup fails the WCAG list rules (a `ul` with `div` children), and one list keeps
every page in the menu. observatoire.accessibilite sets the French document language and
the French texts of Streamlit's widgets on every run.
"""
from __future__ import annotations

import streamlit as st

from observatoire import acces, accessibilite

ACCUEIL = "ecrans/nationale.py"

st.set_page_config(page_title="Observatoire de la revitalisation", page_icon=":material/insights:",
                   layout="wide", initial_sidebar_state="expanded")

SECTIONS = {
    "Tableaux de bord": [
        (ACCUEIL, "Vue nationale", ":material/flag:", "nationale"),
        ("ecrans/carte.py", "Carte des bassins d'emploi", ":material/map:", "carte"),
        ("ecrans/territoire.py", "Territoire / COPIL", ":material/location_city:", "territoire"),
        ("ecrans/echeances.py", "Échéances", ":material/event:", "echeances"),
    ],
    "Détail": [
        ("ecrans/conventions.py", "Conventions", ":material/handshake:", "conventions"),
        ("ecrans/fonds.py", "Fonds mutualisés", ":material/account_balance:", "fonds"),
    ],
    "Données et méthode": [
        ("ecrans/donnees.py", "Données", ":material/upload_file:", "donnees"),
        ("ecrans/methodologie.py", "Méthodologie", ":material/menu_book:", "methodologie"),
        ("ecrans/accessibilite.py", "Accessibilité", ":material/accessibility_new:", "accessibilite"),
    ],
}


def accueil() -> None:
    """The root URL: open Vue nationale with the same query parameters."""
    st.switch_page(ACCUEIL, query_params=st.query_params.to_dict())


def _pages() -> dict[str, list]:
    menu = {section: [st.Page(chemin, title=titre, icon=icone, url_path=url)
                      for chemin, titre, icone, url in entrees]
            for section, entrees in SECTIONS.items()}
    menu[next(iter(menu))].insert(0, st.Page(accueil, title="Accueil", url_path="accueil",
                                             default=True, visibility="hidden"))
    return menu


def _menu(pages: dict[str, list]) -> None:
    """The app's menu in the sidebar: one bold section label, then a link per visible page."""
    with st.sidebar.container(key="menu"):
        for section, entrees in pages.items():
            st.markdown(f"**{section}**")
            for page in entrees:
                if page.visibility != "hidden":
                    st.page_link(page)
        st.divider()


accessibilite.appliquer()
PAGES = _pages()
courante = st.navigation(PAGES, position="hidden")
_menu(PAGES)
acces.ouvrir_session()   # who is looking (sign-in page and stop, or habilitations): every read of this run uses it
courante.run()
