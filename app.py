"""Entrypoint of the dashboard: page settings and the navigation between pages, nothing else.

    streamlit run app.py

Every page lives in pages/ and is registered here with a stable url_path, so links such as
/territoire?departement=13&debut=2020 keep working. A page whose file is not there yet (pages
are written by several people) is simply left out of the menu rather than breaking the app.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

RACINE = Path(__file__).resolve().parent

st.set_page_config(page_title="Observatoire de la revitalisation", page_icon=":material/insights:",
                   layout="wide", initial_sidebar_state="expanded")

SECTIONS = {
    "Tableaux de bord": [
        ("pages/vue_nationale.py", "Vue nationale", ":material/flag:", "nationale"),
        ("pages/carte.py", "Carte des bassins d'emploi", ":material/map:", "carte"),
        ("pages/territoire.py", "Territoire / COPIL", ":material/location_city:", "territoire"),
    ],
    "Détail": [
        ("pages/conventions.py", "Conventions", ":material/handshake:", "conventions"),
        ("pages/fonds.py", "Fonds mutualisés", ":material/account_balance:", "fonds"),
    ],
    "Données et méthode": [
        ("pages/donnees.py", "Données", ":material/upload_file:", "donnees"),
        ("pages/methodologie.py", "Méthodologie", ":material/menu_book:", "methodologie"),
    ],
}


def _pages() -> dict[str, list]:
    menu: dict[str, list] = {}
    for section, entrees in SECTIONS.items():
        pages = [st.Page(chemin, title=titre, icon=icone, url_path=url,
                         default=(url == "nationale"))
                 for chemin, titre, icone, url in entrees if (RACINE / chemin).is_file()]
        if pages:
            menu[section] = pages
    return menu


st.navigation(_pages(), position="sidebar").run()
