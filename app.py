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
the menu highlights it. A page whose file is missing is left out of the menu.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

RACINE = Path(__file__).resolve().parent
ACCUEIL = "ecrans/nationale.py"

st.set_page_config(page_title="Observatoire de la revitalisation", page_icon=":material/insights:",
                   layout="wide", initial_sidebar_state="expanded")

SECTIONS = {
    "Tableaux de bord": [
        (ACCUEIL, "Vue nationale", ":material/flag:", "nationale"),
        ("ecrans/carte.py", "Carte des bassins d'emploi", ":material/map:", "carte"),
        ("ecrans/territoire.py", "Territoire / COPIL", ":material/location_city:", "territoire"),
    ],
    "Détail": [
        ("ecrans/conventions.py", "Conventions", ":material/handshake:", "conventions"),
        ("ecrans/fonds.py", "Fonds mutualisés", ":material/account_balance:", "fonds"),
    ],
    "Données et méthode": [
        ("ecrans/donnees.py", "Données", ":material/upload_file:", "donnees"),
        ("ecrans/methodologie.py", "Méthodologie", ":material/menu_book:", "methodologie"),
    ],
}


def accueil() -> None:
    """The root URL: open Vue nationale with the same query parameters."""
    st.switch_page(ACCUEIL, query_params=st.query_params.to_dict())


def _pages() -> dict[str, list]:
    menu: dict[str, list] = {}
    for section, entrees in SECTIONS.items():
        pages = [st.Page(chemin, title=titre, icon=icone, url_path=url)
                 for chemin, titre, icone, url in entrees if (RACINE / chemin).is_file()]
        if pages:
            menu[section] = pages
    if (RACINE / ACCUEIL).is_file():
        premiere = next(iter(menu))
        menu[premiere].insert(0, st.Page(accueil, title="Accueil", url_path="accueil",
                                         default=True, visibility="hidden"))
    return menu


st.navigation(_pages(), position="sidebar").run()
