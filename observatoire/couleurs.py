"""The app's colours, one place: the State design system's chart palettes and the WCAG contrast
arithmetic that checks them (charts, maps and the accessibility tests use it).
"""
from __future__ import annotations

# Palettes of DSFR Chart, the State design system's chart module (GouvernementFR/dsfr-chart,
# src/assets/colors.json, light theme; documentation "Gestion des couleurs"): categorical
# colours 01-08 in this order, sequential from 09 to 10, divergent 11 → 13 → 15 (green, yellow,
# red, with 12 and 14 between), "default" for one-colour charts, "neutral" for the rest.
CATEGORIELLE = ("#5C68E5", "#82B5F2", "#29598F", "#31A7AE", "#81EEF5", "#B478F1", "#CFB1F5", "#CECECE")
SEQUENTIELLE = ("#DBDAFF", "#00005F")
DIVERGENTE = ("#298641", "#79D289", "#EFB900", "#FFA373", "#E91719")
DEFAUT = "#5C68E5"
NEUTRE = "#B1B1B1"
BLEU = DEFAUT                 # one-colour charts, jobs created, revitalisation euros
BLEU_FONCE = CATEGORIELLE[2]  # jobs cut, public co-financing (7,2:1 on white)
VIOLET = CATEGORIELLE[5]      # jobs planned, private co-financing (3,0:1 on white)
GRIS = NEUTRE                 # "Autres …" bar
TEXTE = "#161616"             # DSFR text grey, as in .streamlit/config.toml
TEXTE_SECONDAIRE = "#666666"  # DSFR "mention" grey: chart summaries (5,7:1 on white)
FOND = "#ffffff"
POLICE = "Marianne, Arial, sans-serif"


def luminance(couleur: str) -> float:
    """WCAG 2.1 relative luminance of a "#rrggbb" colour."""
    canaux = [int(couleur.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in canaux)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contraste(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio between two colours (1 to 21)."""
    clair, fonce = sorted((luminance(a), luminance(b)), reverse=True)
    return (clair + 0.05) / (fonce + 0.05)


def couleur_texte(fond: str) -> str:
    """White or the text grey, whichever contrasts more with `fond` (a bar's value label)."""
    return max((FOND, TEXTE), key=lambda c: contraste(c, fond))
