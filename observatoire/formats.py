"""French formats for figures shown to users, and French labels for the contract's codes.

Pages, charts, downloads and the COPIL PDF all print numbers the same way: thousands
separated by a narrow no-break space (1 100), decimal comma (1,3), a no-break space before
units (12 500 €, 60 %), compact euros for headline figures (1,3 M€) and dates as 12/04/2023.
A missing value (None, NaN, a rate whose denominator is 0) prints as "–".
Pure functions, no Streamlit: the exports reuse them.
"""
from __future__ import annotations

import datetime as dt
import math

MANQUANT = "–"
SECRET = "s"   # a figure under statistical secrecy (core.diffusion)
_MILLIERS = "\u202f"   # narrow no-break space between groups of thousands
_ESPACE = "\u00a0"     # no-break space before a unit
# Plotly `layout.separators`: decimal comma, no-break space between thousands (on chart axes
# the narrow one, in Plotly's SVG fonts, is too thin to see: "20000").
SEPARATEURS_PLOTLY = "," + _ESPACE

LIBELLES_TYPE_AIDE = {
    "PRET": "Prêt",
    "PRET_HONNEUR": "Prêt d'honneur",
    "SUBVENTION": "Subvention",
    "GARANTIE": "Garantie",
    "ACCOMPAGNEMENT": "Accompagnement (conseil)",
    "ACTION_COLLECTIVE": "Action collective",
    "FORMATION": "Formation",
}
LIBELLES_TYPE_PROCEDURE = {
    "PSE": "PSE (plan de sauvegarde de l'emploi)",
    "RCC": "RCC (rupture conventionnelle collective)",
    "AUTRE": "Autre procédure",
}
LIBELLES_MODALITE = {
    "DIRECTE": "Directe",
    "MUTUALISEE": "Mutualisée (fonds)",
    "MIXTE": "Mixte",
    "TRESOR": "Versement au Trésor",
}
LIBELLES_STATUT = {
    "EN_COURS": "En cours",
    "CLOSE": "Close",
    "PROLONGEE": "Prolongée",
    "RESILIEE": "Résiliée",
}

# Codes of pipelines/signalements.py; `{cle}` is a rule of ref_regle (see libelles_signalement).
MODELES_SIGNALEMENT = {
    "TAUX_SMIC_INF_2": "Montant sous le minimum légal ({multiple_minimum} SMIC)",
    "TAUX_SMIC_SUP_4": "Montant au-delà de {multiple_penalite} SMIC",
    "DUREE_SUP_36": "Durée au-delà de {duree_max_mois} mois",
    "SIGNATURE_TARDIVE": "Signature plus de {delai_signature_mois} mois après la notification",
    "EMPLOIS_CREES_SUP_PREVUS": "Plus d'emplois créés que prévus",
    "SUIVI_DECROISSANT": "Suivi cumulé d'emplois en baisse",
    "TAUX_SMIC_INCOHERENT": "Taux SMIC déclaré incohérent avec le montant",
    "MONTANT_SOUS_MINIMUM": "Montant sous le minimum légal (sans taux déclaré)",
}


def libelles_signalement(regles: dict) -> dict[str, str]:
    """French label of every flag code, with the warehouse's rule values."""
    from core.indicateurs import texte

    return {code: texte(modele, regles) for code, modele in MODELES_SIGNALEMENT.items()}


def _absent(x) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return False


def _grouper(entier: str) -> str:
    signe, chiffres = ("-", entier[1:]) if entier.startswith("-") else ("", entier)
    groupes = []
    while len(chiffres) > 3:
        groupes.insert(0, chiffres[-3:])
        chiffres = chiffres[:-3]
    groupes.insert(0, chiffres)
    return signe + _MILLIERS.join(groupes)


def nombre(x, decimales: int = 0) -> str:
    """1100 → "1 100"; 2.456 (decimales=1) → "2,5"; None → "–"."""
    if _absent(x):
        return MANQUANT
    texte = f"{float(x):.{decimales}f}"
    if texte.startswith("-") and float(texte) == 0:
        texte = texte[1:]
    entier, _, frac = texte.partition(".")
    return _grouper(entier) + ("," + frac if frac else "")


def euros(x) -> str:
    """12500 → "12 500 €" (rounded to the euro)."""
    return MANQUANT if _absent(x) else f"{nombre(x)}{_ESPACE}€"


def euros_compacts(x) -> str:
    """Headline euros: 1_325_000 → "1,3 M€"; 850_000 → "850 k€"; 2.4e9 → "2,4 Md€"; 900 → "900 €"."""
    if _absent(x):
        return MANQUANT
    v = float(x)
    for seuil, unite in ((1e9, "Md€"), (1e6, "M€"), (1e3, "k€")):
        if abs(v) >= seuil:
            valeur = v / seuil
            decimales = 1 if abs(valeur) < 100 and unite != "k€" else 0
            texte = nombre(valeur, decimales)
            if texte.endswith(",0"):
                texte = texte[:-2]
            return f"{texte}{_ESPACE}{unite}"
    return euros(v)


def pourcentage(x, decimales: int = 0) -> str:
    """A fraction as a percentage: 0.6 → "60 %"; 1.234 (decimales=1) → "123,4 %"."""
    return MANQUANT if _absent(x) else f"{nombre(float(x) * 100, decimales)}{_ESPACE}%"


def multiple(x, decimales: int = 1) -> str:
    """A ratio such as the leverage effect: 2.35 → "×2,4" (rounded half-even by format)."""
    return MANQUANT if _absent(x) else f"×{nombre(x, decimales)}"


def date_fr(d) -> str:
    """datetime.date(2023, 4, 12) or "2023-04-12" → "12/04/2023"."""
    if d is None or (isinstance(d, float) and math.isnan(d)):
        return MANQUANT
    if isinstance(d, str):
        try:
            d = dt.date.fromisoformat(d[:10])
        except ValueError:
            return d
    return d.strftime("%d/%m/%Y")


def libelle(code, table: dict[str, str]) -> str:
    """French label of a contract code, the code itself when unknown, "–" when missing."""
    if code is None:
        return MANQUANT
    return table.get(code, str(code))


def selon_genre(genre: str, x, compact: bool = False) -> str:
    """A value in French by its kind in the registry of indicators (core.indicateurs)."""
    if genre == "euros":
        return euros_compacts(x) if compact else euros(x)
    if genre == "taux":
        return pourcentage(x)
    if genre == "multiple":
        return multiple(x)
    if genre == "decimal":
        return nombre(x, 1)
    if genre == "date":
        return date_fr(x)
    if genre in ("entier", "annee"):
        return nombre(x)
    return MANQUANT if _absent(x) else str(x)


def valeur_indicateur(code: str, x, compact: bool | None = None) -> str:
    """An indicator's value formatted as its registry entry says (metrics: euros compact if so)."""
    from core.indicateurs import indicateur

    ind = indicateur(code)
    return selon_genre(ind.genre, x, ind.compact if compact is None else compact)
