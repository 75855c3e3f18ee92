"""Streamlit pieces shared by the map, Conventions and Fonds mutualisés pages.

Why: these pages show many tables of the same columns (jobs, euros, rates, dates); one place
gives each column its French header and its format, puts the CSV/XLSX download buttons under
every table, says an empty table in a sentence, and keeps a page's selection (zone,
convention, fund) in the URL. Numbers stay numbers in the tables (so sorting works) and are
shown in French whatever the browser's language (tableaux.grille says how); the downloads carry
French headers. No SQL, no business rules.
"""
from __future__ import annotations

import polars as pl
import streamlit as st

from observatoire import downloads, formats, layout, tableaux

# column → (French header, kind)
# Descriptive columns of the detail tables; indicators (jobs, euros, rates…) come from the
# registry (core.indicateurs) through tableaux.colonne_de.
DESCRIPTIFS: dict[str, tuple[str, str]] = {
    "id_convention": ("Code convention", "texte"), "id_fonds": ("Code du fonds", "texte"),
    "id_aide": ("Code aide", "texte"), "raison_sociale": ("Entreprise", "texte"),
    "nom": ("Nom du fonds", "texte"), "fonds": ("Fonds", "texte"),
    "gestionnaire": ("Gestionnaire", "texte"),
    "departement": ("Département", "texte"), "libelle_departement": ("Département", "texte"),
    "date_signature": ("Signature", "date"), "date_decision": ("Décision", "date"),
    "date_versement": ("Versement", "date"), "premier_versement": ("Premier versement", "date"),
    "dernier_versement": ("Dernier versement", "date"),
    "emplois_attribues": ("Emplois attribués", "decimal"),
    "emplois_crees_zone": ("Emplois créés dans la zone", "decimal"),
    "montant_zone": ("Euros dans la zone", "euros"), "montant": ("Montant", "euros"),
    "part": ("Part", "taux"),
    "site_dans_zone": ("Site dans la zone", "booleen"),
    "nb_aides_zone": ("Aides dans la zone", "entier"), "nb_versements": ("Versements", "entier"),
    "nom_beneficiaire": ("Bénéficiaire", "texte"), "siren_beneficiaire": ("SIREN", "texte"),
    "type_aide": ("Instrument", "texte"), "section_naf": ("Section NAF", "texte"),
    "operateur": ("Opérateur", "texte"), "financeur": ("Convention ou fonds", "texte"),
    "zone_emploi": ("Zone d'emploi", "texte"), "via": ("Voie", "texte"),
    "statut": ("Statut", "texte"), "code_ze": ("Code zone", "texte"),
    "code_departement": ("Code département", "texte"), "code_region": ("Code région", "texte"),
    "libelle": ("Territoire", "texte"),
}


def _colonne(nom: str) -> tableaux.Colonne:
    if nom == "secret":
        return tableaux.colonne_secret()
    if nom in DESCRIPTIFS:
        libelle, genre = DESCRIPTIFS[nom]
        return tableaux.colonne(libelle, genre)
    return tableaux.colonne_de(nom) or tableaux.colonne(nom)


def lisible(df: pl.DataFrame, colonnes: list[str]) -> pl.DataFrame:
    """The chosen columns with codes turned into French labels (instrument, status)."""
    df = df.select([c for c in colonnes if c in df.columns])
    for col, table in (("type_aide", formats.LIBELLES_TYPE_AIDE), ("statut", formats.LIBELLES_STATUT)):
        if col in df.columns:
            df = df.with_columns(pl.col(col).replace_strict(table, default=pl.col(col), return_dtype=pl.String))
    return df


def tableau(df: pl.DataFrame, colonnes: list[str], nom: str, cle: str, vide: str,
            selection: bool = False, hauteur: int | str = "auto"):
    """A sortable table with French headers and formats, download buttons, or `vide` when empty.

    With `selection=True` one row can be picked; returns the picked row index or None.
    """
    if df.height == 0:
        layout.vide(vide)
        return None
    df, colonnes = tableaux.avec_secret(df, colonnes)
    vue = lisible(df, colonnes)
    options = {"on_select": "rerun", "selection_mode": "single-row"} if selection else {}
    if isinstance(hauteur, int):  # no blank rows under a short table
        hauteur = min(hauteur, 35 * (vue.height + 1) + 3)
    evenement = tableaux.grille(vue, {c: _colonne(c) for c in vue.columns}, key=f"tab_{cle}",
                              width="stretch", height=hauteur, **options)
    tableaux.legende_secret(vue)
    downloads.boutons(vue.rename({c: _colonne(c).libelle for c in vue.columns}), nom, cle=cle,
                      entreprise=bool(set(df.columns) & downloads.COLONNES_ENTREPRISE))
    if selection:
        lignes = evenement.selection.rows if evenement else []
        return lignes[0] if lignes else None
    return None


def choix_url(param: str, cle: str, options: list, etiquette, libelle: str,
              aucun: str | None = None, index_defaut: int = 0, aide: str | None = None):
    """A selectbox whose choice is kept in the URL (`?param=`) so a link reproduces it.

    With `aucun`, a first option None labelled `aucun` ("Aucune sélection"). A value given by
    the URL (or set in `st.session_state[cle]` before the call) wins over `index_defaut`.
    """
    choix = ([None] if aucun else []) + list(options)
    if cle not in st.session_state or st.session_state[cle] not in choix:
        depuis_url = st.query_params.get(param)
        st.session_state[cle] = depuis_url if depuis_url in choix else (choix[index_defaut] if choix else None)
    valeur = st.selectbox(libelle, choix, key=cle, help=aide, placeholder=aucun or "Choisir",
                          format_func=lambda v: aucun if v is None else etiquette(v))
    if valeur is None:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != str(valeur):
        st.query_params[param] = str(valeur)
    return valeur


def figure_cumul(df: pl.DataFrame, colonne: str, titre: str, max_etiquettes: int = 14):
    """Bars of a cumulative job count by year (end-of-year figure), French hover labels."""
    import plotly.graph_objects as go

    from observatoire import charts

    annees = [int(a) for a in df["annee"].to_list()]
    valeurs = df[colonne].cast(pl.Float64).to_list()
    textes = [formats.nombre(v) for v in valeurs]
    fig = go.Figure(go.Bar(x=annees, y=valeurs, marker_color=charts.BLEU, text=textes,
                           textposition="outside", customdata=textes, name="Emplois créés",
                           hovertemplate="Fin %{x} : %{customdata} emplois créés<extra></extra>"))
    fig.update_layout(yaxis_title="Emplois créés (cumul)", showlegend=False)
    fig.update_yaxes(tickformat=",.0f")
    charts.axe_annees(fig, annees, max_etiquettes)
    charts.decrire(fig, charts.resume_annuel(titre, annees, valeurs, cumul=True) + ".")
    return charts.mise_en_page(fig, titre, hauteur=320)


def selection_tableau(cle: str, frame: pl.DataFrame, colonne: str, cle_choix: str) -> None:
    """A row newly picked in table `cle` (drawn from `frame`) selects its `colonne` value in the
    selectbox `cle_choix`; call before the selectbox is drawn."""
    etat = st.session_state.get(f"tab_{cle}")
    lignes = tuple(etat["selection"]["rows"]) if etat else ()
    if lignes != st.session_state.get(f"{cle}_dernier_choix"):
        st.session_state[f"{cle}_dernier_choix"] = lignes
        if lignes and lignes[0] < frame.height:
            st.session_state[cle_choix] = frame[colonne][lignes[0]]
