"""Fonds mutualisés: the searchable list of pooled departmental funds under the shared filters,
and one fund's detail (its contributors, its beneficiaries, its instruments, its jobs over time).

The fund opened is in the URL (`?fonds=`), so a link reproduces it.
"""
from __future__ import annotations

import streamlit as st

from observatoire import charts, filters, formats, layout, queries, tableaux
from observatoire import queries_details as qd
from observatoire.blocs_details import choix_url, figure_cumul, selection_tableau, tableau

COLONNES_LISTE = ["id_fonds", "nom", "departement", "gestionnaire", "dotations", "montant_revitalisation",
                  "emplois_crees", "nb_beneficiaires", "effet_levier", "euros_par_emploi"]

version = layout.page("Fonds mutualisés",
                      "Les fonds départementaux où plusieurs entreprises versent leur contribution : "
                      "qui les abonde, qui en bénéficie, avec quels instruments.")


def _detail(id_fonds: str, f: filters.Filtres) -> None:
    ligne = qd.fonds(version, id_fonds)
    if ligne.height == 0:
        layout.vide("Ce fonds n'existe pas dans les données chargées, ou il relève d'un département "
                    "hors de votre périmètre.")
        return
    d = ligne.row(0, named=True)
    layout.titre_brut(f"{d['nom']} ({d['id_fonds']})")
    layout.texte_brut(f"Géré par {d['gestionnaire']}, département {d.get('libelle_departement') or ''} "
                      f"({d['departement']})"
                      + (f", créé le {formats.date_fr(d['date_creation'])}" if d.get("date_creation") else "") + "."
                      + (f"\n{d['commentaire']}" if d.get("commentaire") else ""))
    L = layout.libelle_indicateur   # labels from the registry (core.indicateurs)
    layout.metriques([
        (L("dotations"), formats.euros_compacts(d["dotations"])),
        ("Revitalisation accordée", formats.euros_compacts(d["montant_revitalisation"])),
        (L("taux_consommation"), formats.pourcentage(d.get("taux_consommation")), "Revitalisation accordée / dotations."),
        ("Conventions contributrices", formats.nombre(d.get("nb_conventions"))),
        (L("emplois_crees"), formats.nombre(d["emplois_crees"])),
        (L("nb_beneficiaires"), formats.nombre(d["nb_beneficiaires"])),
        (L("euros_par_emploi"), formats.euros(d["euros_par_emploi"])),
        (L("effet_levier"), formats.multiple(d["effet_levier"]), "(Revitalisation + cofinancements) / revitalisation."),
    ])
    contrib, benef, instr, emplois = st.tabs(["Contributeurs", "Bénéficiaires", "Instruments", "Emplois dans le temps"])
    with contrib:
        tableau(qd.fonds_contributeurs(version, id_fonds),
                ["id_convention", "raison_sociale", "nb_versements", "premier_versement", "dernier_versement",
                 "montant", "part"],
                f"contributeurs_{id_fonds}", "fonds_contrib", "Aucune convention n'a encore abondé ce fonds.")
    with benef:
        tableau(qd.fonds_aides(version, id_fonds, f),
                ["id_aide", "nom_beneficiaire", "siren_beneficiaire", "type_aide", "date_decision", "zone_emploi",
                 "montant_revitalisation", "cofinancement_public", "cofinancement_prive", "emplois_prevus",
                 "emplois_crees"],
                f"beneficiaires_{id_fonds}", "fonds_aides", "Ce fonds n'a accordé aucune aide avec ces filtres.")
    with instr:
        parts = qd.fonds_instruments(version, id_fonds, f)
        if parts.height:
            layout.graphique(charts.barres_repartition(parts.rename({"type_aide": "modalite"}), "montant_revitalisation",
                                                       tableaux.libelle_colonne("montant_revitalisation"),
                                                       formats.LIBELLES_TYPE_AIDE, formats.euros,
                                                       "Euros de revitalisation par instrument"), "fonds_instr")
        tableau(parts, ["type_aide", "nb_aides", "montant_revitalisation", "emplois_crees", "effet_levier"],
                f"instruments_{id_fonds}", "fonds_instr_tab", "Ce fonds n'a accordé aucune aide avec ces filtres.")
    with emplois:
        serie = qd.fonds_emplois(version, id_fonds)
        if serie.height == 0 or serie["emplois_crees"].fill_null(0).max() == 0:
            layout.vide("Aucun emploi créé n'est encore constaté pour les aides de ce fonds.")
        else:
            layout.graphique(figure_cumul(serie, "emplois_crees", "Emplois créés, cumul en fin d'année"),
                             "fonds_serie")
            tableau(serie, ["annee", "emplois_crees"], f"emplois_fonds_{id_fonds}", "fonds_emplois", "")


with layout.protege("les fonds mutualisés"):
    f = filters.barre_laterale(version)
    liste = queries.fonds(version, f)
    recherche = st.text_input("Rechercher un fonds", key="fonds_recherche",
                              placeholder="Nom, gestionnaire, identifiant ou numéro de département")
    trouves = qd.rechercher(liste, recherche, ["nom", "gestionnaire", "id_fonds", "departement"])
    layout.avis_perimetre("fonds")
    st.caption(f"{formats.nombre(trouves.height)} fonds sur {formats.nombre(liste.height)} — les fonds suivent "
               "les filtres d'années et d'instrument. Cliquez sur une ligne pour ouvrir le fonds.")
    layout.texte_brut(filters.resume(f), petit=True)   # names an operator: plain text
    selection_tableau("fonds_liste", trouves, "id_fonds", "fonds_id")
    tableau(trouves, COLONNES_LISTE, "fonds_mutualises", "fonds_liste",
            "Aucun fonds ne correspond à cette recherche et à ces filtres." if liste.height
            else "Aucun fonds mutualisé n'est chargé pour ces filtres.", selection=True, hauteur=300)
    tous = queries.fonds(version)
    noms = dict(zip(tous["id_fonds"], tous["nom"]))
    choisi = choix_url("fonds", "fonds_id", list(noms), lambda i: f"{noms.get(i, i)} ({i})",
                       "Fonds affiché", aucun="Aucun")
    if choisi:
        _detail(choisi, f)
    else:
        layout.vide("Cliquez sur une ligne du tableau, ou choisissez un fonds dans la liste, pour afficher son détail.")
