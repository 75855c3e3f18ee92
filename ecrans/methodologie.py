"""Méthodologie: indicator definitions, sources and caveats, and what the sample data are.

Renders docs/methodologie.md (indicators) and docs/donnees-exemple.md (the synthetic sample)
as written by their authors, so the documentation and the app never disagree.
"""
import streamlit as st

from core.config import DOCS_DIR
from observatoire import layout

DOCUMENTS = (
    ("Indicateurs, sources et limites", DOCS_DIR / "methodologie.md"),
    ("Les données d'exemple", DOCS_DIR / "donnees-exemple.md"),
)

st.title("Méthodologie")
st.caption("Définitions des indicateurs, sources, limites, et nature des données d'exemple.")
version = layout.version_si_disponible()  # the documentation is readable without a warehouse
if version:
    layout.avis_echantillon(version)

onglets = st.tabs([titre for titre, _ in DOCUMENTS])
for onglet, (titre, chemin) in zip(onglets, DOCUMENTS):
    with onglet:
        try:
            texte = chemin.read_text(encoding="utf-8")
        except OSError:
            layout.vide(f"Le document « {titre} » n'est pas encore disponible ({chemin.name}).")
            continue
        st.markdown(texte)
