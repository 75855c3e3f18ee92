"""Données: uploading a good and a bad batch through the page, and the upload helper itself.

The good batch adds one restructuring in Nancy (54395, 40 jobs cut) and one aid of a
convention already loaded (C3, 10 000 €, 4 jobs created), and carries one bad aid row
(negative amount) that must land in quarantine with a French message. The bad batch lacks a
required column and must be refused as a whole, leaving the warehouse untouched.
"""
import duckdb

from core import entrepot as db
from observatoire import upload
from tests.fixtures.ecran import table, textes, valeurs

RESTRUCTURATIONS = (b"id_restructuration;siren;raison_sociale;code_commune;date_notification;type_procedure;"
                    b"emplois_supprimes\nR9;552100554;Delta Acier;54395;2023-05-02;PSE;40\n")
AIDES = (b"id_aide;id_convention;id_fonds;siren_beneficiaire;nom_beneficiaire;code_commune;code_naf;type_aide;"
         b"date_decision;montant_revitalisation;cofinancement_public;cofinancement_prive;emplois_prevus\n"
         b"A9;C3;;732829320;PME Neuf;54395;;PRET;2023-06-01;10000;0;0;4\n"
         b"A10;C3;;732829320;PME Dix;54395;;PRET;2023-06-01;-5;0;0;4\n")
SUIVI = b"id_aide;date_constat;emplois_crees\nA9;2024-06-01;4\n"
SANS_MONTANT = (b"id_convention;id_restructuration;date_signature;departement;modalite\n"
                b"C9;R1;2021-07-01;13;DIRECTE\n")


def _donnees(app, db_path):
    at = app(db_path, prive=True).switch_page("ecrans/donnees.py").run()   # the tests load batches into it
    assert not at.exception
    return at


def test_un_bon_lot_est_charge_et_les_pages_suivent(app, petit_entrepot):
    at = _donnees(app, petit_entrepot)
    avant = db.data_version(at.db)
    at.file_uploader(key="fichiers_lot").set_value([
        ("restructurations.csv", RESTRUCTURATIONS, "text/csv"), ("aides.csv", AIDES, "text/csv"),
        ("suivi_emplois.csv", SUIVI, "text/csv")]).run()
    at.button(key="charger").click().run()
    assert not at.exception
    assert db.data_version(at.db) != avant
    assert "Lot chargé : 3 lignes chargées, 1 rejetées" in at.success[0].value
    rejets = at.dataframe[1].value
    assert rejets["Ligne"].tolist() == [3] and rejets["Colonne"].tolist() == ["montant_revitalisation"]
    quarantaine = at.dataframe[2].value  # page table of the quarantine table in the warehouse
    assert quarantaine["fichier"].tolist() == ["aides.csv"] and quarantaine["ligne"].tolist() == [3]
    assert quarantaine["message"][0]  # the ingestion's French sentence
    assert len(table(at, "finished_at")) == 2  # load history: the small batch and this one
    # without a restart, the national page now counts 350 + 40 cut and 42 + 4 created
    at.switch_page("ecrans/nationale.py").run()
    v = valeurs(at)
    assert (v["Emplois supprimés"], v["Emplois créés"]) == ("390", "46")


def test_un_lot_refuse_laisse_l_entrepot_intact(app, petit_entrepot):
    at = _donnees(app, petit_entrepot)
    avant = db.data_version(at.db)
    at.file_uploader(key="fichiers_lot").set_value(("conventions.csv", SANS_MONTANT, "text/csv")).run()
    at.button(key="charger").click().run()
    assert not at.exception
    assert at.error and "Lot refusé" in at.error[0].value and "montant_engage" in at.error[0].value
    assert db.data_version(at.db) == avant
    assert "Aucune ligne rejetée" in textes(at)


def test_televersement_formats_refuses(petit_entrepot, copy_of):
    copie = copy_of(petit_entrepot)
    rapport = upload.charger_televersement([("notes.txt", b"x")], copie)
    assert rapport.refused and "notes.txt" in rapport.refusal_message
    assert upload.charger_televersement([], copie).refused


def test_televersement_d_un_classeur(petit_entrepot, copy_of, tmp_path):
    import polars as pl

    copie = copy_of(petit_entrepot)
    classeur = tmp_path / "lot.xlsx"
    pl.read_csv(RESTRUCTURATIONS, separator=";", infer_schema=False).write_excel(
        classeur, worksheet="restructurations")
    rapport = upload.charger_televersement([("lot.xlsx", classeur.read_bytes())], copie)
    assert not rapport.refused, rapport.summary_fr()
    assert rapport.per_dataset["restructurations"].loaded == 1
    with duckdb.connect(str(copie), read_only=True) as con:
        valeur = con.sql("SELECT emplois_supprimes FROM restructurations WHERE id_restructuration = 'R9'").pl()
    assert valeur.item() == 40


def test_signalements_de_qualite_filtrables(app, petit_entrepot):
    # From the CSV files: C2 runs 48 months (> 36) and was signed 2022-12-01, more than 6 months
    # after R2's notification (2022-01-10), and commits 100 000 € for 50 jobs cut with no declared
    # multiple: 100 000 / (1 678,95 × 50) = 1,19 × SMIC < 2 ×; A1 declares 12 jobs for 10 planned, A4 25 for 20.
    at = _donnees(app, petit_entrepot)
    choix = at.selectbox(key="code_signalement")
    assert choix.options[0] == "Tous les signalements (5)"
    assert "Montant sous le minimum légal (sans taux déclaré) (1)" in choix.options
    assert "Plus d'emplois créés que prévus (2)" in choix.options
    sig = table(at, "libelle_code")
    assert sorted(zip(sig["cle"], sig["id_convention"], sig["id_aide"].fillna(""))) == [
        ("A1|2023-09-01", "C1", "A1"), ("A4|2022-01-01", "C3", "A4"), ("C2", "C2", ""), ("C2", "C2", ""),
        ("C2", "C2", "")]
    choix.set_value("EMPLOIS_CREES_SUP_PREVUS").run()
    assert not at.exception
    sig = table(at, "libelle_code")
    assert sorted(sig["id_aide"]) == ["A1", "A4"]
    assert set(sig["libelle_code"]) == {"Plus d'emplois créés que prévus"}
    assert "12 emplois créés déclarés au 01/09/2023 pour 10 prévus par l'aide A1" in " ".join(sig["message"])
    cles = [b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")]
    assert {"csv_t_signalements", "xlsx_t_signalements"} <= set(cles)  # the list can be downloaded
