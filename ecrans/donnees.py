"""Données: load a batch from the browser, see what happened to it, and the load history.

Uploaded files go through observatoire.upload (temporary folder → pipelines.ingest, which
swaps in a new warehouse file); the data version changes, so every page shows the new
figures on its next run without a restart. Layout only.
"""
from pathlib import Path

import polars as pl
import streamlit as st

from core.config import DATA_DIR
from observatoire import acces, layout, tableaux, upload
from observatoire import formats as fmt
from observatoire import queries as q
from observatoire.acces import perimetre_courant

MODELE = DATA_DIR / "template" / "modele_lot_revitalisation.xlsx"
C = tableaux.colonne

version = layout.page("Données", "Charger un lot de conventions, d'aides et de suivis ; consulter les "
                      "lignes rejetées et l'historique des chargements.")

moi = perimetre_courant()
st.subheader("Charger un lot")
if not moi.peut_charger:
    layout.vide("Votre habilitation ne permet pas de charger des lots (rôles redacteur et administrateur "
                "uniquement)." if not moi.public else "Le chargement des lots est réservé aux agents habilités.")
elif not moi.voit_tout:
    st.caption(f"Vous chargez pour les départements {moi.libelle_departements()} : une ligne d'un autre "
               "département est mise en quarantaine.")
if moi.peut_charger:
    st.markdown("Déposez **plusieurs fichiers** (un par jeu de données : `restructurations`, `conventions`, "
                "`fonds`, `dotations`, `aides`, `suivi_emplois`, en CSV, XLSX, XLS, ODS ou Parquet) **ou un "
                "classeur** Excel ou LibreOffice, une feuille par jeu de données, nommée d'après lui ou reconnue "
                "à ses en-têtes. Les lignes invalides sont mises en quarantaine ; le reste du lot est chargé.")
    if MODELE.is_file():
        st.download_button("Télécharger le modèle de lot (Excel)", MODELE.read_bytes, MODELE.name,
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           on_click="ignore", icon=":material/download:", key="modele")
    fichiers = st.file_uploader("Fichiers du lot", type=["csv", "xlsx", "xlsm", "xls", "ods", "parquet"],
                                accept_multiple_files=True, key="fichiers_lot")
    if st.button("Charger ce lot", type="primary", disabled=not fichiers, key="charger"):
        barre = st.progress(0.0, text="Lecture des fichiers…")
        with st.status("Chargement du lot…", expanded=False) as statut:
            def suivre(etape) -> None:   # a step (stage, rows) moves the bar; a message (plain text) the details
                if hasattr(etape, "fraction"):
                    barre.progress(etape.fraction, text=etape.texte_fr())
                else:
                    statut.text(str(etape))
            rapport = upload.charger_televersement([(f.name, f.getvalue()) for f in fichiers], progress=suivre,
                                                   perimetre=moi)
            statut.update(label="Lot traité", state="error" if rapport.refused else "complete")
        barre.progress(1.0, text="Lot refusé" if rapport.refused else "Lot traité")
        st.session_state["dernier_rapport"] = rapport

rapport = st.session_state.get("dernier_rapport")
if rapport is not None:
    if rapport.refused:   # the summary quotes file names and cells: made inert
        st.error(layout.inerte(rapport.summary_fr()), icon=":material/block:")
    elif rapport.already_loaded:
        st.info(layout.inerte(rapport.summary_fr()), icon=":material/info:")
    else:
        st.success(f"Lot chargé : {fmt.nombre(rapport.nb_charges)} lignes chargées, "
                   f"{fmt.nombre(rapport.nb_rejetes)} rejetées, {fmt.nombre(rapport.nb_signales)} signalées. "
                   "Toutes les pages affichent désormais ces données.", icon=":material/check_circle:")
        comptes = pl.DataFrame([{"Jeu de données": nom, "Chargées": c.loaded, "Rejetées": c.rejected,
                                 "Signalées": c.flagged} for nom, c in rapport.per_dataset.items()])
        if comptes.height:
            tableaux.grille(comptes, {n: C(n, "entier") for n in ("Chargées", "Rejetées", "Signalées")},
                          width="content")
        if rapport.errors:
            st.markdown("**Lignes rejetées de ce lot** (gardées en quarantaine) :")
            st.dataframe(pl.DataFrame([{"Fichier": e.fichier, "Ligne": e.ligne, "Colonne": e.colonne,
                                        "Valeur": e.valeur, "Message": e.message} for e in rapport.errors]),
                         hide_index=True)
            if len(rapport.errors) < rapport.nb_rejetes:
                st.caption(f"Les {fmt.nombre(len(rapport.errors))} premières sur {fmt.nombre(rapport.nb_rejetes)} : "
                           "toutes sont gardées dans la quarantaine ci-dessous.")
        if rapport.signalements:
            st.markdown("**Signalements** (lignes chargées, à vérifier) :")
            st.dataframe(pl.DataFrame([{"Fichier": s.fichier, "Ligne": s.ligne, "Colonne": s.colonne,
                                        "Message": s.message} for s in rapport.signalements]), hide_index=True)
            if len(rapport.signalements) < rapport.nb_signales:
                st.caption(f"Les {fmt.nombre(len(rapport.signalements))} premiers sur "
                           f"{fmt.nombre(rapport.nb_signales)} : tous figurent dans les signalements ci-dessous.")

version = layout.version_donnees()  # the batch above may have swapped in a new warehouse
if moi.public:
    layout.vide("Les lignes en quarantaine, les signalements et l'historique des chargements sont réservés "
                "aux agents habilités.")
    st.stop()
with layout.protege("l'historique des chargements"):
    st.subheader("Lignes en quarantaine")
    historique = q.historique_chargements(version)
    lots = historique["batch_id"].to_list()
    sources = dict(zip(lots, historique["source"].to_list()))
    lot = st.selectbox("Lot", [None, *lots], key="lot_quarantaine",
                       format_func=lambda b: "Tous les lots" if b is None else f"{b} – {Path(sources[b]).name}")
    quarantaine = q.quarantaine(version, lot)
    if quarantaine.is_empty():
        layout.vide("Aucune ligne rejetée" + (" dans ce lot." if lot else " : tout ce qui a été envoyé est chargé."))
    else:
        tableaux.tableau(quarantaine.with_columns(pl.col("corrige_par_batch").is_not_null().alias("corrigee")),
                       ["fichier", "ligne", "colonne", "valeur", "message", "cle", "departement", "dataset", "batch_id",
                        "corrigee"],
                       "quarantaine", cle="t_quarantaine", config={
                           "fichier": C("Fichier"), "ligne": C("Ligne", "annee"), "colonne": C("Colonne"),
                           "valeur": C("Valeur"), "message": C("Message", width="large"), "cle": C("Identifiant"),
                           "departement": C("Département"), "dataset": C("Jeu de données"), "batch_id": C("Lot"),
                           "corrigee": C("Corrigée depuis", "booleen")})

    st.subheader("Signalements de qualité")
    st.caption("Lignes chargées mais à vérifier (montant hors des bornes légales, durée, signature tardive, "
               "suivi incohérent), avec la convention, le fonds ou l'aide concernés.")
    tous = q.signalements(version)
    libelles = fmt.libelles_signalement(layout.regles())
    comptes = dict(tous.group_by("code").len().iter_rows())
    code = st.selectbox("Type de signalement", [None, *sorted(comptes)], key="code_signalement",
                        format_func=lambda c: f"Tous les signalements ({fmt.nombre(tous.height)})" if c is None
                        else f"{fmt.libelle(c, libelles)} ({fmt.nombre(comptes[c])})")
    signalements = q.signalements(version, code)
    if signalements.is_empty():
        layout.vide("Aucun signalement : les lignes chargées respectent toutes les règles de vraisemblance.")
    else:
        tableaux.tableau(signalements.with_columns(
            pl.col("code").replace_strict(libelles, default=pl.col("code")).alias("libelle_code")),
            ["libelle_code", "dataset", "cle", "message", "id_convention", "id_fonds", "id_aide", "code_departement",
             "fichier", "ligne", "batch_id"], "signalements", cle="t_signalements", hauteur=320, config={
                "libelle_code": C("Signalement"), "dataset": C("Jeu de données"), "cle": C("Identifiant"),
                "message": C("Message", width="large"), "id_convention": C("Convention"), "id_fonds": C("Fonds"),
                "id_aide": C("Aide"), "code_departement": C("Département"), "fichier": C("Fichier"),
                "ligne": C("Ligne", "annee"), "batch_id": C("Lot")})

    st.subheader("Historique des chargements")
    if historique.is_empty():
        layout.vide("Aucun lot n'a encore été chargé dans l'entrepôt.")
    else:
        vue = historique.with_columns(
            pl.col("source").map_elements(lambda s: Path(s).name, return_dtype=pl.String))
        tableaux.tableau(vue, ["finished_at", "source", "batch_id", "utilisateur", "role", "nb_charges", "nb_rejetes",
                             "nb_signales"], "historique_chargements", cle="t_historique", config={
                           "finished_at": C("Chargé le", "datetime"), "source": C("Source"), "batch_id": C("Lot"),
                           "utilisateur": C("Chargé par"), "role": C("Rôle"),
                           "nb_charges": C("Lignes chargées", "entier"), "nb_rejetes": C("Rejetées", "entier"),
                           "nb_signales": C("Signalées", "entier")})

if moi.voit_journal:
    with layout.protege("le journal"):
        acces.afficher_journal(moi)
