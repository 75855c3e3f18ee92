"""Carte des bassins d'emploi: a choropleth of the zones d'emploi (or départements, régions) and,
for the territory clicked or picked, its panel (figures, trend, conventions, supported firms).

The choice of level, indicator, view and territory lives in the URL, like the sidebar filters.
"""
from __future__ import annotations

import polars as pl
import streamlit as st

from observatoire import charts, filters, layout, maps, masques, queries
from observatoire import queries_details as qd
from observatoire.blocs_details import choix_url, tableau

KPI = {"zone_emploi": queries.zones_emploi, "departement": queries.departements, "region": queries.regions}

version = layout.page("Carte des bassins d'emploi",
                      "Où les emplois ont été supprimés, où ils sont recréés : cliquez sur un "
                      "territoire pour ouvrir sa fiche.")


def _clic_sur_la_carte() -> None:
    """A new click on the map selects that territory (before the picker is drawn)."""
    etat = st.session_state.get("carte_map")
    points = (etat or {}).get("selection", {}).get("points", []) if etat else []
    codes = tuple(p.get("location") for p in points if p.get("location"))
    if codes != st.session_state.get("carte_dernier_clic"):
        st.session_state["carte_dernier_clic"] = codes
        if codes:
            st.session_state["carte_zone"] = codes[0]


def _fiche(ligne: dict, niveau: str, code: str, f: filters.Filtres) -> None:
    st.subheader(f"{ligne['libelle']} ({code})")
    layout.metriques_indicateurs(ligne, ["emplois_supprimes", "emplois_crees", "taux_recreation",
                                         "montant_revitalisation", "euros_par_emploi", "effet_levier",
                                         "nb_beneficiaires", "nb_aides"], par_ligne=2, court=True)
    serie = queries.serie_annuelle(version, f, niveau, code)
    colonnes = [c for c in ("emplois_supprimes", "emplois_prevus", "emplois_crees") if c in serie.columns]
    masquee = "secret" in serie.columns and serie["secret"].is_not_null().any()
    if serie.height == 0 or (sum(serie[c].fill_null(0).sum() for c in colonnes) == 0 and not masquee):
        layout.vide("Aucun emploi supprimé ni créé dans ce territoire sur la période choisie.")
    else:
        layout.graphique(charts.serie_emplois(serie, titre="Évolution par année", max_etiquettes=6), "carte_serie")


def _tables_zone(code: str, nom: str, f: filters.Filtres) -> None:
    onglet_conv, onglet_aides = st.tabs(["Conventions de la zone", "Entreprises et actions aidées"])
    with onglet_conv:
        st.caption("Conventions dont le site de la restructuration est dans la zone, ou qui "
                   "financent des aides dans la zone (directement ou via un fonds mutualisé, au prorata).")
        tableau(qd.zone_conventions(version, code, f),
                ["id_convention", "raison_sociale", "departement", "date_signature", "emplois_supprimes",
                 "objectif_emplois", "montant_engage", "conforme_minimum", "site_dans_zone",
                 "nb_aides_zone", "emplois_crees_zone", "montant_zone"],
                f"conventions_zone_{code}_{nom}", "carte_conv",
                "Aucune convention n'est liée à cette zone d'emploi avec ces filtres.")
    with onglet_aides:
        tableau(qd.zone_aides(version, code, f),
                ["nom_beneficiaire", "siren_beneficiaire", "type_aide", "date_decision", "section_naf",
                 "operateur", "financeur", "montant_revitalisation", "emplois_prevus", "emplois_crees"],
                f"aides_zone_{code}_{nom}", "carte_aides",
                "Aucune aide n'a été accordée dans cette zone d'emploi avec ces filtres.")


with layout.protege("la carte"):
    f = filters.barre_laterale(version)
    c1, c2, c3, c4 = st.columns([1.1, 1.4, 1.3, 1.1], vertical_alignment="bottom")
    with c1:
        niveau = choix_url("niveau", "carte_niveau", list(maps.COUCHES),
                           lambda n: maps.COUCHES[n][2], "Découpage")
    with c2:
        indicateur = choix_url("indicateur", "carte_indicateur", list(maps.INDICATEURS),
                               lambda i: maps.INDICATEURS[i].libelle, "Indicateur")
    with c3:
        cadrage = choix_url("vue", "carte_vue", list(maps.CADRAGES), lambda v: maps.CADRAGES[v][0],
                        "Territoire affiché", aide="Les départements et régions d'outre-mer "
                        "(DROM) s'affichent un par un.")
    with c4:
        fond = st.toggle("Fond de carte (Internet)", key="carte_fond",
                         help="Ajoute routes et villes (tuiles CARTO) : nécessite une connexion Internet.")

    code_col, un_territoire, _ = maps.COUCHES[niveau]
    noms = qd.territoires(version, niveau)
    donnees = KPI[niveau](version, f)
    if "libelle" not in donnees.columns:
        donnees = donnees.join(noms.select(pl.col("code").alias(code_col), "libelle"), on=code_col, how="left")
    libelles = dict(zip(noms["code"], noms["libelle"]))
    if not any(donnees[c].fill_null(0).sum() for c in ("emplois_supprimes", "nb_aides") if c in donnees.columns) \
            and not ("secret" in donnees.columns and donnees["secret"].is_not_null().any()):
        layout.vide("Aucun emploi supprimé et aucune aide ne correspondent à ces filtres : la carte serait "
                    "vide. Élargissez la période ou retirez un filtre dans le panneau latéral.")
        st.caption(filters.resume(f))
        st.stop()

    _clic_sur_la_carte()
    code = choix_url("zone", "carte_zone", noms["code"].to_list(),
                     lambda c: f"{libelles.get(c, c)} ({c})", f"Choisir une {un_territoire}",
                     aucun="Aucune sélection (cliquez sur la carte)")

    carte, fiche = st.columns([3, 2], gap="medium")
    with carte:
        fig = maps.figure_carte(donnees, qd.geometrie(version, niveau), niveau, indicateur,
                                cadrage=cadrage, fond_de_carte=fond, selection=code)
        layout.graphique(fig, "carte_map", on_select="rerun", selection_mode="points",
                         config={"scrollZoom": True, "displaylogo": False})
        st.caption(f"{filters.resume(f)}. En gris clair : pas de donnée (indicateur non calculable) ; en "
                   "gris foncé : s, secret statistique. Taux de recréation : rouge sous 100 %, jaune autour "
                   "de 100 %, vert au-dessus. Le tableau sous la carte en donne toutes les valeurs.")
    with fiche:
        if code is None:
            layout.vide(f"Cliquez sur une {un_territoire} de la carte, ou choisissez-la dans la "
                        "liste ci-dessus, pour afficher sa fiche.")
        else:
            ligne = donnees.filter(pl.col(code_col) == code)
            if ligne.height == 0:
                layout.vide("Ce territoire n'a aucune donnée avec ces filtres.")
            else:
                _fiche(ligne.row(0, named=True), niveau, code, f)
    if code is not None and niveau == "zone_emploi" and not masques.public():   # no firm rows in public
        _tables_zone(code, libelles.get(code, code), f)
    elif code is not None and niveau == "departement":
        st.page_link("ecrans/territoire.py", label="Voir ce département sur la page Territoire / COPIL",
                     icon=":material/location_city:", query_params={"departement": code})
    st.subheader(f"Tableau des {maps.COUCHES[niveau][2].lower()}")
    st.caption("Alternative à la carte : les mêmes indicateurs pour chaque territoire, à trier et à "
               "télécharger ; choisissez un territoire dans la liste « Choisir » ci-dessus pour ouvrir sa fiche.")
    tableau(donnees.sort(indicateur, descending=True, nulls_last=True),
            [code_col, "libelle", *[i for i in maps.INDICATEURS if i in donnees.columns], "nb_aides"],
            f"carte_{niveau}", "carte_tout", "Aucun territoire à afficher.", hauteur=300)
