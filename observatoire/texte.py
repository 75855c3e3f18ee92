"""User text on the pages: shown as typed, never as Markdown or HTML (re-exported by layout)."""
from __future__ import annotations

import html
import re

import streamlit as st

# --- User text -----------------------------------------------------------------------------
# Company names, fund names, comments, identifiers, messages quoting a cell: data, never markup.
# Streamlit's Markdown (st.markdown, st.subheader, st.caption, st.info…) would render
# "**X** [clic](https://…)" as bold and a live link, and turns a bare https://… into a link even
# when Markdown characters are escaped; so user text goes through st.html with every character
# HTML-escaped (the text shows exactly as typed, nothing is interpreted) or through st.text.

def titre_brut(texte: str, niveau: int = 3) -> None:
    """A heading whose whole text is shown as typed (h2/h3/h4)."""
    niveau = min(max(niveau, 2), 4)
    st.html(f"<h{niveau} class='observatoire-titre'>{html.escape(str(texte))}</h{niveau}>")


def texte_brut(texte: str, petit: bool = False) -> None:
    """A paragraph shown as typed (line breaks kept); `petit`: caption size and colour."""
    style = "font-size:0.875rem;opacity:0.75;" if petit else ""
    lignes = "<br>".join(html.escape(str(ligne)) for ligne in str(texte).split("\n"))
    st.html(f"<p class='observatoire-texte' style='{style}margin:0 0 0.5rem 0'>{lignes}</p>")


def avis_perimetre(quoi: str) -> bool:
    """Say what the viewer's périmètre hides on a page of firm-level `quoi` ("conventions", "fonds");
    False for the public level (the page then has nothing firm-level to show)."""
    from observatoire.acces import perimetre_courant

    p = perimetre_courant()
    if p.public:
        st.info(f"Le détail des {quoi} est réservé aux agents habilités. En accès public, seuls les "
                "chiffres agrégés sont affichés (Vue nationale, Carte, Territoire).", icon=":material/lock:")
        return False
    if not p.voit_tout:
        st.caption(f"Votre habilitation : {quoi} des départements {p.libelle_departements()} ; "
                   "ailleurs, seuls les chiffres agrégés sont affichés.")
    return True


_MARKDOWN = re.compile(r"([\\`*{}\[\]()#+\-.!|<>~$&]|(?<!\w)_|_(?!\w))")  # intraword _ is inert


def inerte(texte: str) -> str:
    """User text made inert for the few Markdown elements that must quote it (an alert's message):
    Markdown and HTML characters escaped, and the autolinks (https://, www., e-mail) broken by a
    zero-width space. Prefer titre_brut / texte_brut, which interpret nothing at all."""
    t = _MARKDOWN.sub(r"\\\1", str(texte))
    return t.replace(":", ":\u200b").replace("@", "@\u200b").replace("www", "w\u200bww")
