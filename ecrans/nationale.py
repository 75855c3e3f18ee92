"""Vue nationale (the ministry): what the conventions achieve in France, under the sidebar filters.

Headline figures, jobs and money by year, the régions side by side, the share of conventions
meeting the legal minimum, breakdowns by instrument and operator, late deadlines by région, and
the Cour des comptes' published bilan beside the observatory's own figures (ref_bilan_externe). Layout only: figures
come from observatoire.queries, formats from observatoire.formats.
"""
import datetime as dt

import streamlit as st

from core.indicateurs import texte
from observatoire import charts, filters, layout, tableaux
from observatoire import formats as fmt
from observatoire import queries as q

PAR_TYPE = {"nb_en_retard": "En retard", "nb_signature_convention": "Conventions à signer",
            "nb_comite_annuel": "Comités annuels", "nb_fin_convention": "Fins de convention",
            "nb_bilan_final": "Bilans finaux", "nb_sous_consommation": "Sous-consommation"}
version = layout.page("Vue nationale",
                      "Ce que produisent les conventions de revitalisation, en France entière.")
f = filters.barre_laterale(version)
layout.texte_brut(filters.resume(f), petit=True)

# Indicators the régions chart offers (labels and formats: core.indicateurs).
INDICATEURS = ["emplois_crees", "emplois_supprimes", "taux_recreation", "montant_revitalisation",
               "euros_par_emploi", "effet_levier"]

with layout.protege("la vue nationale"):
    nat = q.national(version, f)
    n = nat.row(0, named=True) if nat.height else {}
    if not n or not (n.get("nb_conventions") or n.get("nb_aides") or n.get("emplois_supprimes") or n.get("secret")):
        layout.vide("Aucune convention, aucune aide et aucun emploi supprimé ne correspondent à ces "
                    "filtres. Élargissez la période ou retirez un filtre dans le panneau latéral.")
        st.stop()

    layout.metriques_indicateurs(n, ["emplois_supprimes", "emplois_crees", "taux_recreation",
                                     "montant_revitalisation", "effet_levier", "euros_par_emploi",
                                     "nb_conventions", "nb_beneficiaires"])

    conf = q.conformite(version, f).row(0, named=True)
    nb_conv, nb_ok = conf["nb_conventions"] or 0, conf["nb_conformes"] or 0
    minimum = texte("le minimum légal de {multiple_minimum} SMIC mensuels par emploi supprimé "
                    "(art. L1233-86 du Code du travail)", layout.regles())
    if nb_conv:
        st.markdown(f"**{fmt.pourcentage(nb_ok / nb_conv)} des conventions** ({fmt.nombre(nb_ok)} sur "
                    f"{fmt.nombre(nb_conv)}) engagent au moins {minimum}.")
        st.progress(min(1.0, nb_ok / nb_conv))
    else:
        st.markdown(f"Aucune convention n'a été signée avec ces filtres : la part des conventions qui "
                    f"engagent au moins {minimum} ne peut pas être calculée.")

    st.subheader("Évolution par année")
    serie = q.serie_annuelle(version, f)
    if serie.is_empty():
        layout.vide("Aucune année ne porte de données pour ces filtres.")
    else:
        gauche, droite = st.columns(2)
        with gauche:
            layout.graphique(charts.serie_emplois(serie), "serie_emplois")
        with droite:
            layout.graphique(charts.serie_montants(serie), "serie_montants")
        with st.expander("Tableau par année"):
            tableaux.tableau(serie, ["annee", "emplois_supprimes", "emplois_prevus", "emplois_crees",
                                   "montant_revitalisation", "cofinancement_public", "cofinancement_prive", "nb_aides", "nb_conventions",
                                   "montant_engage"], "serie_annuelle_nationale")

    st.subheader("Par région")
    regions = q.regions(version, f)
    choix = st.segmented_control("Indicateur", INDICATEURS, default="emplois_crees",
                                 format_func=layout.libelle_indicateur, key="nat_indicateur")
    choix = choix or "emplois_crees"
    nom = layout.libelle_indicateur(choix)
    formateur = lambda x: fmt.valeur_indicateur(choix, x)  # noqa: E731
    if regions.filter(regions[choix].is_not_null() & (regions[choix] != 0)).is_empty():
        layout.vide(f"Aucune région n'a de valeur pour « {nom} » avec ces filtres.")
    else:
        layout.graphique(charts.barres_horizontales(regions, "libelle", choix, nom, formateur), "regions")
    tableaux.tableau(regions.sort(choix, descending=True, nulls_last=True), ["libelle", "emplois_supprimes", "emplois_crees", "taux_recreation",
                             "montant_revitalisation", "effet_levier", "euros_par_emploi", "nb_conventions",
                             "nb_beneficiaires", "nb_aides"], "indicateurs_par_region", cle="t_regions")

    st.subheader("Répartition des aides")
    for dimension, titre, libelles, autres in (
            ("type_aide", "Par instrument", fmt.LIBELLES_TYPE_AIDE, None),
            ("operateur", "Par opérateur", None, "Autres opérateurs ({n})")):
        st.markdown(f"**{titre}**")
        rep = q.repartition(version, f, dimension)
        if rep.is_empty():
            layout.vide("Aucune aide ne correspond à ces filtres.")
            continue
        gauche, droite = st.columns(2)
        with gauche:
            layout.graphique(charts.barres_repartition(rep, "montant_revitalisation", tableaux.libelle_colonne("montant_revitalisation"),
                                                       libelles, fmt.euros_compacts, max_barres=15,
                                                       autres=autres), f"rep_{dimension}")
            if autres and rep.filter(rep["montant_revitalisation"] > 0).height > 15:
                st.caption("Les 15 opérateurs aux plus forts montants de revitalisation, les autres "
                           "regroupés ; la liste complète est dans le tableau.")
        with droite:
            tableaux.tableau(rep, ["libelle", "nb_aides", "nb_beneficiaires", "montant_revitalisation",
                                      "emplois_crees", "effet_levier", "euros_par_emploi"],
                           f"repartition_{dimension}", cle=f"t_{dimension}",
                           config={"libelle": tableaux.colonne(titre.removeprefix("Par ").capitalize())})

    st.subheader("Échéances en retard par région")
    aujourd_hui = dt.date.today()
    retards = q.echeances_regions(version, aujourd_hui)
    st.caption(f"Au {fmt.date_fr(aujourd_hui)}, indépendamment des filtres : conventions à signer, comités "
               "annuels, fins de convention, bilans finaux et sous-consommations dont la date est passée.")
    if not retards["nb_en_retard"].sum():
        layout.vide("Aucune échéance n'est en retard.")
    else:   # a static table: the Échéances page has the detail and its downloads
        st.table([{"Région": r["libelle"], **{titre: fmt.nombre(r[c]) for c, titre in PAR_TYPE.items()}}
                  for r in retards.iter_rows(named=True) if r["nb_en_retard"]], hide_index=True)
    st.page_link("ecrans/echeances.py", label="Le détail des échéances", icon=":material/event:")

    st.subheader("Repère : le bilan publié par la Cour des comptes")
    bilan = q.bilan_externe(version)
    for b in bilan.iter_rows(named=True):
        chiffre = fmt.euros_compacts if b["unite"] == "euros" else fmt.nombre
        st.markdown(f"**{b['libelle']}, {b['annee_debut']}–{b['annee_fin']}** : {chiffre(b['valeur_publiee'])} "
                    f"selon la Cour des comptes ; {chiffre(b['valeur_observatoire'])} dans l'observatoire "
                    "(données chargées, mêmes années de signature).")
    sources = sorted(set(bilan["source"].to_list()))
    st.caption("Source : " + " ; ".join(sources) + ". Les chiffres de l'observatoire ne dépendent pas des "
               "filtres et ne portent que sur les conventions chargées.")
