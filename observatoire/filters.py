"""The sidebar filters every page shares, kept in the session and mirrored in the URL.

Filters (year range, opérateur, instrument, type de procédure, and a région or département
where a page needs one) live in plain `st.session_state` keys (`flt_*`), which survive page
changes, unlike widget state. A link's query parameters seed them on a session's first run,
and every run writes them back to `st.query_params`, so copying the address reproduces the
view. The result is a hashable `Filtres` (see observatoire.queries) that keys the caches.
"""
from __future__ import annotations

import streamlit as st

from observatoire import queries
from observatoire.formats import LIBELLES_TYPE_AIDE, LIBELLES_TYPE_PROCEDURE
from observatoire.queries import Filtres

__all__ = ["Filtres", "barre_laterale", "resume", "PARAMETRES_URL"]

# query parameter → session key
PARAMETRES_URL = {
    "debut": "flt_debut", "fin": "flt_fin", "operateur": "flt_operateur",
    "instrument": "flt_type_aide", "procedure": "flt_type_procedure",
    "region": "flt_region", "departement": "flt_departement",
}
_TOUS = None


def _depuis_url() -> None:
    """On a session's first run, copy the link's query parameters into the session."""
    if st.session_state.get("flt_init"):
        return
    for param, cle in PARAMETRES_URL.items():
        valeur = st.query_params.get(param)
        if valeur not in (None, ""):
            st.session_state[cle] = valeur
    st.session_state["flt_init"] = True


def _vers_url(valeurs: dict[str, object]) -> None:
    for param, valeur in valeurs.items():
        if valeur is None:
            if param in st.query_params:
                del st.query_params[param]
        elif st.query_params.get(param) != str(valeur):
            st.query_params[param] = str(valeur)


def _entier(valeur) -> int | None:
    try:
        return int(valeur)
    except (TypeError, ValueError):
        return None


def _choix(libelle: str, options: list, cle: str, etiquettes, aide: str | None = None):
    """A selectbox whose value is remembered in `flt_<cle>` (unknown values fall back to the first)."""
    courant = st.session_state.get(f"flt_{cle}")
    index = options.index(courant) if courant in options else 0
    valeur = st.selectbox(libelle, options, index=index, format_func=etiquettes,
                          key=f"w_{cle}", help=aide)
    st.session_state[f"flt_{cle}"] = valeur
    return valeur


def _annees(version: str) -> tuple[int | None, int | None]:
    bornes = queries.bornes_annees(version)
    if bornes is None:
        st.caption("Période : aucune donnée chargée.")
        return None, None
    bas, haut = bornes
    debut = _entier(st.session_state.get("flt_debut")) or bas
    fin = _entier(st.session_state.get("flt_fin")) or haut
    debut, fin = min(max(debut, bas), haut), max(min(fin, haut), bas)
    if bas == haut:
        st.caption(f"Période : {bas}")
        choix = (bas, haut)
    else:
        choix = st.slider("Période (années)", bas, haut, (min(debut, fin), max(debut, fin)),
                          key="w_annees",
                          help="Notification pour les emplois supprimés, signature pour les "
                               "conventions, décision pour les aides.")
    a, b = (None if choix[0] == bas else choix[0]), (None if choix[1] == haut else choix[1])
    st.session_state["flt_debut"], st.session_state["flt_fin"] = a, b
    return a, b


def barre_laterale(version: str, territoire: str | None = None) -> Filtres:
    """Draw the shared filters in the sidebar and return them.

    territoire: None (no territory picker), "region" (optional région, default France
    entière) or "departement" (one département required; default the one with most conventions).
    """
    _depuis_url()
    with st.sidebar:
        st.header("Filtres")
        debut, fin = _annees(version)
        operateur = _choix("Opérateur", [_TOUS, *queries.operateurs(version)], "operateur",
                           lambda o: "Tous les opérateurs" if o is None else o)
        type_aide = _choix("Instrument", [_TOUS, *LIBELLES_TYPE_AIDE], "type_aide",
                           lambda c: "Tous les instruments" if c is None else LIBELLES_TYPE_AIDE[c])
        procedure = _choix("Type de procédure", [_TOUS, *LIBELLES_TYPE_PROCEDURE], "type_procedure",
                           lambda c: "Toutes les procédures" if c is None else LIBELLES_TYPE_PROCEDURE[c])
        region = departement = None
        if territoire == "region":
            regs = queries.ref_regions(version)
            noms = dict(zip(regs["code_region"], regs["libelle"]))
            region = _choix("Région", [_TOUS, *noms], "region",
                            lambda c: "France entière" if c is None else f"{noms[c]} ({c})")
        elif territoire == "departement":
            departement = _choix_departement(version)
    f = Filtres(debut, fin, operateur, type_aide, procedure, region, departement)
    _vers_url({"debut": debut, "fin": fin, "operateur": operateur, "instrument": type_aide,
               "procedure": procedure,
               "region": region, "departement": departement})
    return f


def _choix_departement(version: str) -> str:
    deps = queries.ref_departements(version)
    noms = dict(zip(deps["code_departement"], deps["libelle"]))
    if st.session_state.get("flt_departement") not in noms:
        actifs = queries.departements(version).sort(
            ["nb_conventions", "code_departement"], descending=[True, False])
        st.session_state["flt_departement"] = actifs["code_departement"][0] if actifs.height else next(iter(noms))
    return _choix("Département", list(noms), "departement", lambda c: f"{c} – {noms[c]}")


def resume(f: Filtres) -> str:
    """The active filters in one French phrase, for captions and exports."""
    morceaux = []
    if f.annee_debut or f.annee_fin:
        morceaux.append(f"années {f.annee_debut or '…'}–{f.annee_fin or '…'}")
    if f.operateur:
        morceaux.append(f"opérateur {f.operateur}")
    if f.type_aide:
        morceaux.append(f"instrument « {LIBELLES_TYPE_AIDE.get(f.type_aide, f.type_aide)} »")
    if f.type_procedure:
        morceaux.append(f"procédure {f.type_procedure}")
    return "Filtres : " + (", ".join(morceaux) if morceaux else "aucun (toutes les données)")
