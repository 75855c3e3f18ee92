"""Accessibilité: the accessibility statement (RGAA 4.1 model), renders docs/accessibilite.md."""
import streamlit as st

from core.config import DOCS_DIR
from observatoire import layout

st.title("Accessibilité")
st.caption("Déclaration d'accessibilité de l'Observatoire de la revitalisation.")
chemin = DOCS_DIR / "accessibilite.md"
try:
    st.markdown(chemin.read_text(encoding="utf-8"))
except OSError:
    layout.vide("La déclaration d'accessibilité n'est pas disponible pour le moment.")
