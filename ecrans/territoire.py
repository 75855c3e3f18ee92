"""Territoire / COPIL (prefecture secretaries-general): one département, as shown at the COPIL.

Pick a département (kept in the URL); its figures in big print, its conventions with progress
bars and compliance flags, its pooled funds, its jobs over time, its late and coming deadlines
(observatoire.calendrier), then the COPIL pack (brief and
PDF, provided by observatoire.copil_ui when present). Layout only.
"""
import streamlit as st

from core.indicateurs import indicateur
from observatoire import calendrier, charts, filters, layout, tableaux
from observatoire import formats as fmt
from observatoire import queries as q
from observatoire.acces import perimetre_courant

try:  # written separately (COPIL brief); the page works without it
    from observatoire.copil_ui import render_copil_pack
except ImportError:
    render_copil_pack = None

version = layout.page("Territoire / COPIL", "Le bilan d'un département, prêt à projeter en comité de suivi.")
f = filters.barre_laterale(version, territoire="departement")
code = f.code_departement
deps = q.ref_departements(version)
nom = dict(zip(deps["code_departement"], deps["libelle"])).get(code, code)
C = tableaux.colonne
I = tableaux.colonne_indicateur

with layout.protege("la vue territoriale"):
    st.header(f"{nom} ({code})")   # reference geography, not user text
    layout.texte_brut(filters.resume(f), petit=True)
    detail = perimetre_courant().voit_detail(code)
    ligne = q.departement(version, f, code)
    d = ligne.row(0, named=True) if ligne.height else {}
    convs = q.conventions(version, f, departement=code)
    fonds = q.fonds(version, f, departement=code)
    if not d or not (d.get("emplois_supprimes") or d.get("nb_aides") or d.get("secret") or convs.height or fonds.height):
        layout.vide(f"Aucune convention, aucun fonds et aucune aide pour {nom} avec ces filtres. "
                    "Choisissez un autre département ou élargissez la période.")
        st.stop()

    layout.metriques_indicateurs(d, ["emplois_supprimes", "emplois_crees", "taux_recreation", "nb_beneficiaires",
                                     "montant_revitalisation", "effet_levier", "euros_par_emploi"])
    nb_conv = convs.height if detail else q.conformite(version, f, departement=code)["nb_conventions"][0]
    layout.metriques_indicateurs(d, ["nb_conventions"], court=True, valeurs={"nb_conventions": nb_conv})

    st.subheader("Conventions du département")
    if not detail:
        layout.vide("Le détail des conventions et des fonds de ce département est réservé aux agents "
                    "habilités pour ce département : seuls ses chiffres agrégés sont affichés.")
    elif convs.is_empty():
        layout.vide("Aucune convention signée dans ce département avec ces filtres.")
    else:
        vue = convs.with_columns(
            convs["statut"].replace_strict(fmt.LIBELLES_STATUT, default=convs["statut"]),
            (~convs["conforme_minimum"]).alias("sous_minimum"))
        tableaux.tableau(vue, [
            "raison_sociale", "date_signature", "emplois_supprimes", "objectif_emplois",
            "emplois_crees_attribues", "taux_atteinte_objectif", "taux_recreation", "montant_engage",
            "contribution_minimale", "montant_attribue", "taux_consommation", "statut", "sous_minimum",
            "duree_sup_max", "signature_tardive", "sup_penalite"], f"conventions_{code}", cle="t_conv", config={
            "raison_sociale": C("Entreprise", pinned=True),
            "date_signature": C("Signature", "date"),
            "objectif_emplois": I("objectif_emplois", indicateur("objectif_emplois").titre_court),
            "emplois_crees_attribues": I("emplois_crees_attribues", tableaux.libelle_colonne("emplois_crees")),
            "taux_atteinte_objectif": I("taux_atteinte_objectif", genre="progression"),
            "taux_consommation": I("taux_consommation", genre="progression"),
            "statut": C("Statut"),
        })

    st.subheader("Fonds mutualisés du département")
    if not detail:
        layout.vide("Détail réservé aux agents habilités pour ce département.")
    elif fonds.is_empty():
        layout.vide("Aucun fonds mutualisé dans ce département.")
    else:
        tableaux.tableau(fonds, ["nom", "gestionnaire", "dotations", "montant_revitalisation", "emplois_crees",
                               "nb_beneficiaires", "effet_levier", "euros_par_emploi"], f"fonds_{code}",
                       cle="t_fonds", config={"nom": C("Fonds", pinned=True), "gestionnaire": C("Gestionnaire")})

    st.subheader("Emplois dans le temps")
    serie = q.serie_annuelle(version, f, "departement", code)
    if serie.is_empty():
        layout.vide("Aucune donnée annuelle pour ce département avec ces filtres.")
    else:
        layout.graphique(charts.serie_emplois(serie, titre=None, max_etiquettes=14), "serie_dep")

    st.subheader("Échéances du département")
    calendrier.bloc_departement(version, code)

st.divider()
st.subheader("Dossier du COPIL")
if render_copil_pack is None:
    st.caption("La préparation du dossier de COPIL (note et PDF) sera disponible ici.")
else:
    with layout.protege("le dossier de COPIL"):
        render_copil_pack(code, f)
