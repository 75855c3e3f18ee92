"""Conventions: the searchable, sortable list under the shared filters, and one convention's
detail (its restructuring, its obligations, its aids, its attributed jobs over time).

The convention opened is in the URL (`?convention=`), so a link reproduces it.
"""
from __future__ import annotations

import streamlit as st

from core.indicateurs import texte as avec_regles
from observatoire import filters, formats, layout, queries
from observatoire import queries_details as qd
from observatoire.blocs_details import choix_url, figure_cumul, selection_tableau, tableau

COLONNES_LISTE = ["id_convention", "raison_sociale", "departement", "date_signature", "emplois_supprimes",
                  "objectif_emplois", "contribution_minimale", "montant_engage", "conforme_minimum",
                  "montant_attribue", "emplois_crees_attribues", "taux_recreation",
                  "taux_atteinte_objectif", "taux_consommation", "statut"]

version = layout.page("Conventions de revitalisation",
                      "Chaque convention signée avec l'État : ses obligations, ses aides et les "
                      "emplois qui lui sont attribués.")


def _texte_dans_url(texte: str) -> None:
    if texte:
        st.query_params["q"] = texte
    elif "q" in st.query_params:
        del st.query_params["q"]


def _obligations(c: dict) -> None:
    st.markdown("#### Obligations")
    r, L = layout.regles(), layout.libelle_indicateur   # labels from the registry (core.indicateurs)
    layout.metriques([
        (L("contribution_minimale"), formats.euros(c["contribution_minimale"]),
         f"{formats.nombre(c.get('smic_mensuel'), 2)} € de SMIC mensuel au {formats.date_fr(c.get('date_smic'))} "
         f"× {avec_regles('{multiple_minimum}', r)} × {formats.nombre(c['emplois_supprimes'])} emplois supprimés."),
        (L("montant_engage"), formats.euros(c["montant_engage"])),
        ("Multiple du SMIC", formats.nombre(c.get("taux_smic"), 1), "Euros engagés par emploi supprimé, en SMIC mensuels."),
        (L("objectif_emplois"), formats.nombre(c["objectif_emplois"])),
    ])
    alertes = [
        (c.get("conforme_minimum") is False, avec_regles("Le montant engagé est inférieur au minimum légal "
                                                   "({multiple_minimum} SMIC mensuels par emploi supprimé).", r)),
        (bool(c.get("sup_penalite")), avec_regles("Le montant engagé dépasse {multiple_penalite} SMIC mensuels par emploi "
                                            "supprimé (pratique usuelle : à vérifier).", r)),
        (bool(c.get("duree_sup_max")), f"Durée de {c.get('duree_mois')} mois, "
                                       + avec_regles("au-delà des {duree_max_mois} mois prévus par le texte.", r)),
        (bool(c.get("signature_tardive")), avec_regles("Convention signée plus de {delai_signature_mois} mois après la "
                                                 "notification.", r)),
    ]
    for actif, texte in alertes:
        if actif:
            st.warning(texte, icon=":material/warning:")
    if c.get("conforme_minimum"):
        st.success("Le montant engagé respecte le minimum légal.", icon=":material/check_circle:")
    gauche, droite = st.columns(2)
    conso, atteinte = c.get("taux_consommation"), c.get("taux_atteinte_objectif")
    gauche.progress(min(max(conso or 0.0, 0.0), 1.0),
                    text=f"Consommation : {formats.pourcentage(conso)} ({formats.euros(c['montant_attribue'])} attribués)")
    droite.progress(min(max(atteinte or 0.0, 0.0), 1.0),
                    text=f"Objectif d'emplois atteint : {formats.pourcentage(atteinte)} "
                         f"({formats.nombre(c['emplois_crees_attribues'], 0 if float(c['emplois_crees_attribues']).is_integer() else 1)} emplois attribués)")
    signalements = qd.convention_signalements(version, c["id_convention"])
    if signalements.height:
        with st.expander(f"Signalements enregistrés au chargement ({signalements.height})"):
            for message in signalements["message"].to_list():
                layout.texte_brut(f"• {message}")


def _detail(id_convention: str) -> None:
    ligne = qd.convention(version, id_convention)
    if ligne.height == 0:
        layout.vide("Cette convention n'existe pas dans les données chargées, ou elle relève d'un "
                    "département hors de votre périmètre.")
        return
    c = ligne.row(0, named=True)
    layout.titre_brut(f"{c['raison_sociale']} — convention {c['id_convention']}")
    # Markdown only for what the app writes (labels, dates, numbers); what users typed goes as plain text.
    st.markdown(
        f"**Restructuration** : {formats.libelle(c['type_procedure'], formats.LIBELLES_TYPE_PROCEDURE)}, notifiée le "
        f"{formats.date_fr(c['date_notification'])}, **{formats.nombre(c['emplois_supprimes'])} emplois supprimés**.  \n"
        f"**Convention** signée le {formats.date_fr(c['date_signature'])} pour {formats.nombre(c['duree_mois'])} mois, "
        f"département {c.get('libelle_departement') or ''} ({c['departement']}) ; modalité "
        f"{formats.libelle(c['modalite'], formats.LIBELLES_MODALITE).lower()}, "
        f"statut {formats.libelle(c['statut'], formats.LIBELLES_STATUT).lower()}.")
    groupe = f", groupe {c['groupe']}" if c.get("groupe") else ""
    layout.texte_brut(
        f"Restructuration {c['id_restructuration']} — site : {c.get('commune') or c['code_commune']}, zone d'emploi "
        f"{c.get('libelle_ze') or formats.MANQUANT}. SIREN {c['siren']}{groupe}. "
        f"Opérateur : {c.get('operateur') or formats.MANQUANT}."
        + (f"\n{c['commentaire']}" if c.get("commentaire") else ""))
    _obligations(c)
    aides, emplois, dotations = st.tabs(["Aides attribuées", "Emplois dans le temps", "Versements aux fonds"])
    with aides:
        st.caption("Aides directes de la convention, et sa part des aides des fonds mutualisés qu'elle "
                   "abonde (au prorata de ses dotations).")
        tableau(qd.convention_aides(version, id_convention),
                ["id_aide", "nom_beneficiaire", "type_aide", "date_decision", "zone_emploi", "via", "part",
                 "montant_revitalisation", "emplois_crees", "montant_attribue", "emplois_attribues"],
                f"aides_convention_{id_convention}", "conv_aides", "Aucune aide n'est encore attribuée à cette convention.")
    with emplois:
        serie = qd.convention_emplois(version, id_convention)
        if serie.height == 0 or serie["emplois_crees_attribues"].fill_null(0).max() == 0:
            layout.vide("Aucun emploi créé n'est encore attribué à cette convention.")
        else:
            layout.graphique(figure_cumul(serie, "emplois_crees_attribues",
                                          "Emplois créés attribués, cumul en fin d'année"), "conv_serie")
            tableau(serie, ["annee", "emplois_crees_attribues"], f"emplois_convention_{id_convention}",
                    "conv_emplois", "")
    with dotations:
        tableau(qd.convention_dotations(version, id_convention), ["id_fonds", "fonds", "date_versement", "montant"],
                f"dotations_convention_{id_convention}", "conv_dot", "Cette convention n'a rien versé à un fonds mutualisé.")


with layout.protege("les conventions"):
    f = filters.barre_laterale(version)
    liste = queries.conventions(version, f)
    recherche = st.text_input("Rechercher une convention", key="conv_recherche",
                              placeholder="Entreprise, identifiant ou numéro de département",
                              value=st.query_params.get("q", ""))
    _texte_dans_url(recherche)
    trouvees = qd.rechercher(liste, recherche, ["raison_sociale", "id_convention", "departement", "siren"])
    layout.avis_perimetre("conventions")
    st.caption(f"{formats.nombre(trouvees.height)} convention(s) sur {formats.nombre(liste.height)} — "
               "cliquez sur une ligne pour ouvrir la convention ; cliquez sur un titre de colonne pour trier.")
    layout.texte_brut(filters.resume(f), petit=True)   # names an operator: plain text
    selection_tableau("conv_liste", trouvees, "id_convention", "conv_id")
    tableau(trouvees, COLONNES_LISTE, "conventions", "conv_liste",
            "Aucune convention ne correspond à cette recherche et à ces filtres." if liste.height
            else "Aucune convention n'est chargée pour ces filtres.", selection=True, hauteur=360)
    toutes = queries.conventions(version)
    noms = dict(zip(toutes["id_convention"], toutes["raison_sociale"]))
    choisie = choix_url("convention", "conv_id", list(noms),
                        lambda i: f"{i} — {noms.get(i, '')}", "Convention affichée", aucun="Aucune")
    if choisie:
        _detail(choisie)
    else:
        layout.vide("Cliquez sur une ligne du tableau, ou choisissez une convention dans la liste, pour afficher son détail.")
