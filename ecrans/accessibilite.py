"""Accessibilité: the accessibility statement (RGAA 4.1 model), renders docs/accessibilite.md,
with the deployment's contact address (core.config.contact) where the statement names it."""
import streamlit as st

from core.config import DOCS_DIR, contact
from observatoire import layout

REPERE = "<!-- contact"
SANS_CONTACT = ("Contact : l'adresse de l'équipe n'a pas encore été renseignée pour ce site "
                "(réglage OBSERVATOIRE_CONTACT de son administrateur).")

st.title("Accessibilité")
st.caption("Déclaration d'accessibilité de l'Observatoire de la revitalisation.")
chemin = DOCS_DIR / "accessibilite.md"
try:
    texte = chemin.read_text(encoding="utf-8")
except OSError:
    layout.vide("La déclaration d'accessibilité n'est pas disponible pour le moment.")
    st.stop()
avant, repere, apres = texte.partition(REPERE)
st.markdown(avant)
if repere:
    adresse = contact()
    layout.texte_brut(f"Contact : {adresse}" if adresse else SANS_CONTACT)   # plain text, never Markdown
    st.markdown(apres.partition("-->")[2])
