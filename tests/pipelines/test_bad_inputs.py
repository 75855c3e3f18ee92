"""Bad input never corrupts the warehouse: each class of mistake, compared table by table before
and after (or file bytes for refused batches through ingerer_lot)."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import openpyxl
import pytest

import pipelines.loader as loader
from pipelines.ingest import ingerer_lot
from pipelines.loader import charger_lot
from tests.fixtures.entrepot import lire, load_into, snapshot
from tests.fixtures.lots import ecrire_csv

DATA_TABLES = ("restructurations", "conventions", "fonds", "dotations", "aides", "suivi_emplois")
CONV = ("id_convention;id_restructuration;date_signature;duree_mois;departement;taux_smic;montant_engage;"
        "modalite;operateur;objectif_emplois;statut")
AIDES = ("id_aide;id_convention;id_fonds;siren_beneficiaire;nom_beneficiaire;code_commune;code_naf;type_aide;"
         "date_decision;montant_revitalisation;cofinancement_public;cofinancement_prive;emplois_prevus")
RESTR = ("id_restructuration;siren;raison_sociale;groupe;code_commune;date_notification;type_procedure;"
         "emplois_supprimes")


@pytest.fixture
def wh(entrepot_du_lot, copy_of):
    """A warehouse holding the valid fixture batch: a private copy of the session's one (loaded
    once per run by the real ingestion, tests/conftest.py)."""
    return copy_of(entrepot_du_lot("valide"))


_load = load_into


def _only_quarantine_and_log_changed(before, after, n_quarantined):
    for t in DATA_TABLES + ("signalements",):
        assert after[t] == before[t], t
    assert len(after["quarantine"]) == len(before["quarantine"]) + n_quarantined
    assert len(after["ingestion_log"]) == len(before["ingestion_log"]) + 1


def _rejection(db, batch_id, ligne):
    rows = lire(db, "SELECT colonne, valeur, message, cle, donnees_brutes FROM quarantine "
                     "WHERE batch_id = ? AND ligne = ?", [batch_id, ligne])
    assert len(rows) == 1
    return rows[0]


def test_text_negative_amounts_impossible_dates_unknown_communes_formulas(wh, tmp_path):
    lot = tmp_path / "lot"
    ecrire_csv(lot, "aides.csv", [
        AIDES,
        "B-1;C-1;;;Alpha;13001;;PRET;12/10/2022;-500;;;5",
        "B-2;C-1;;;Beta;13001;;PRET;12/10/2022;beaucoup;;;5",
        "B-3;C-1;;;Gamma;13001;;PRET;31/02/2023;1000;;;5",
        "B-4;C-1;;;Delta;99999;;PRET;12/10/2022;1000;;;5",
        "B-5;C-1;;;Epsilon;13001;;PRET;12/10/2022;=B2*2;;;5",
        "B-6;C-1;;12345678;Zeta;13001;;PRET;12/10/2022;1000;;;12,5",
    ])
    before = snapshot(wh)
    report = _load(wh, lot)
    after = snapshot(wh)
    _only_quarantine_and_log_changed(before, after, 6)
    assert (report.nb_charges, report.nb_rejetes) == (0, 6)
    b = report.batch_id
    assert _rejection(wh, b, 2)[:3] == ("montant_revitalisation", "-500",
                                        "colonne montant_revitalisation : « -500 » : montant négatif")
    assert _rejection(wh, b, 3)[2] == ("colonne montant_revitalisation : « beaucoup » n'est pas un montant "
                                       "en euros")
    assert _rejection(wh, b, 4)[2] == "colonne date_decision : « 31/02/2023 » n'est pas une date valide"
    assert _rejection(wh, b, 5)[2] == ("colonne code_commune : « 99999 » n'est pas un code commune INSEE "
                                       "connu (référentiel COG 2025)")
    assert "formule sans valeur calculée" in _rejection(wh, b, 6)[2]
    colonne, valeur, message, cle, brut = _rejection(wh, b, 7)
    assert (colonne, valeur, cle) == ("siren_beneficiaire", "12345678", "B-6")
    assert message == ("colonne siren_beneficiaire : « 12345678 » n'est pas un SIREN valide (9 chiffres "
                       "attendus) ; colonne emplois_prevus : « 12,5 » n'est pas un nombre entier (pas de "
                       "décimales)")
    assert json.loads(brut)["emplois_prevus"] == "12,5"
    assert report.errors[5].text_fr().startswith("aides.csv, ligne 7, colonne siren_beneficiaire : « 12345678 »")


def test_duplicates_within_a_batch_reject_every_copy(wh, tmp_path):
    lot = tmp_path / "lot"
    ecrire_csv(lot, "conventions.csv", [CONV, "D-1;R-1;10/05/2022;;13;3;1000;DIRECTE;;;",
                                       "D-2;R-1;10/05/2022;;13;3;1000;DIRECTE;;;",
                                       "D-1;R-1;11/05/2022;;13;3;2000;DIRECTE;;;",
                                       "D-1;R-1;12/05/2022;;13;3;3000;DIRECTE;;;"])
    report = _load(wh, lot)
    assert (report.nb_charges, report.nb_rejetes) == (1, 3)
    msgs = {e.ligne: e.message for e in report.errors}
    assert msgs[2] == ("colonne id_convention : identifiant en double dans le lot : même id_convention "
                       "aux lignes 4, 5")
    assert msgs[4] == ("colonne id_convention : identifiant en double dans le lot : même id_convention "
                       "aux lignes 2, 5")
    assert lire(wh, "SELECT count(*) FROM conventions WHERE id_convention = 'D-1'") == [(0,)]


def test_dangling_and_rejected_references(wh, tmp_path):
    lot = tmp_path / "lot"
    ecrire_csv(lot, "conventions.csv", [CONV, "E-1;R-404;10/05/2022;;13;3;-1;DIRECTE;;;"])
    ecrire_csv(lot, "aides.csv", [AIDES, "A-30;E-1;;;X;13001;;PRET;12/10/2022;1000;;;5",
                                 "A-31;C-404;;;X;13001;;PRET;12/10/2022;1000;;;5",
                                 "A-32;;F-404;;X;13001;;PRET;12/10/2022;1000;;;5"])
    ecrire_csv(lot, "suivi_emplois.csv", ["id_aide;date_constat;emplois_crees", "A-30;31/12/2023;2"])
    before = snapshot(wh)
    report = _load(wh, lot)
    _only_quarantine_and_log_changed(before, snapshot(wh), 5)
    msgs = {(e.fichier, e.ligne): e.message for e in report.errors}
    assert msgs[("conventions.csv", 2)].startswith(
        "colonne id_restructuration : la restructuration R-404 est inconnue (ni dans ce lot, ni dans l'entrepôt)")
    assert msgs[("aides.csv", 2)] == ("colonne id_convention : la convention E-1 référencée a été rejetée "
                                      "(conventions.csv, ligne 2)")
    assert msgs[("aides.csv", 3)] == ("colonne id_convention : la convention C-404 est inconnue (ni dans ce "
                                      "lot, ni dans l'entrepôt)")
    assert msgs[("aides.csv", 4)] == ("colonne id_fonds : le fonds F-404 est inconnu (ni dans ce lot, ni dans "
                                      "l'entrepôt)")
    assert msgs[("suivi_emplois.csv", 2)] == ("colonne id_aide : l'aide A-30 référencée a été rejetée "
                                              "(aides.csv, ligne 2)")


def test_reference_to_a_row_rejected_by_an_earlier_batch_says_so_until_corrected(wh, tmp_path):
    first = tmp_path / "lot1"
    ecrire_csv(first, "conventions.csv", [CONV, "E-9;R-1;10/05/2022;;13;3;-1;DIRECTE;;;"])
    r1 = _load(wh, first)
    assert r1.nb_rejetes == 1
    loaded_on = lire(wh, "SELECT strftime(started_at, '%d/%m/%Y') FROM ingestion_log WHERE batch_id = ?",
                      [r1.batch_id])[0][0]
    second = tmp_path / "lot2"
    ecrire_csv(second, "aides.csv", [AIDES, "A-90;E-9;;;X;13001;;PRET;12/10/2022;1000;;;5"])
    r2 = _load(wh, second)
    assert [e.message for e in r2.errors] == [
        f"colonne id_convention : la convention E-9 référencée a été rejetée (conventions.csv, ligne 2, "
        f"lot {r1.batch_id} chargé le {loaded_on})"]
    # once corrected, the same aid loads
    third = tmp_path / "lot3"
    ecrire_csv(third, "conventions.csv", [CONV, "E-9;R-1;10/05/2022;;13;3;1000;DIRECTE;;;"])
    ecrire_csv(third, "aides.csv", [AIDES, "A-90;E-9;;;X;13001;;PRET;12/10/2022;1000;;;5"])
    r3 = _load(wh, third)
    assert (r3.nb_charges, r3.nb_rejetes) == (2, 0), r3.summary_fr()
    assert lire(wh, "SELECT corrige_par_batch FROM quarantine WHERE batch_id = ?", [r1.batch_id]) == [
        (r3.batch_id,)]


def test_cp1252_file_and_title_rows_above_the_header(wh, tmp_path):
    lot = tmp_path / "lot"
    ecrire_csv(lot, "restructurations.csv", [
        "Export DDETS Meurthe-et-Moselle;;;;;;;",
        "Extraction du 01/02/2024;;;;;;;",
        "Identifiant de la restructuration;SIREN;Raison sociale;Groupe;Code commune;Date de notification;Type de procédure;"
        "Emplois supprimés",
        "R-50;552100554;Aciérie Lorraine;;54323;01/02/2020;AUTRE;35",
    ], encoding="cp1252")
    report = _load(wh, lot)
    assert (report.nb_charges, report.nb_rejetes) == (1, 0), report.summary_fr()
    assert lire(wh, "SELECT raison_sociale, ligne, code_commune FROM restructurations WHERE id_restructuration "
                     "= 'R-50'") == [("Aciérie Lorraine", 4, "54323")]


def test_merged_cells_and_formula_without_value_in_excel(wh, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "aides"
    sheet.append(["Aides accordées en 2023"])
    sheet.merge_cells("A1:M1")                       # title banner
    sheet.append(AIDES.split(";"))
    sheet.append(["M-1", "C-1", None, None, "Alpha", "13001", None, "Prêt", dt.date(2023, 4, 12), 15000, None, None, 3])
    sheet.append(["M-2", None, None, None, "Beta", "13001", None, "Prêt", dt.date(2023, 4, 12), 1325000.5, None, None, 4])
    sheet.append(["M-3", "C-1", None, None, "Gamma", "13001", None, "Prêt", dt.date(2023, 4, 12), "=J3+J4", None, None, 4])
    sheet.merge_cells("B3:B4")                       # one convention for two aids, merged vertically
    path = tmp_path / "aides.xlsx"
    book.save(path)
    report = _load(wh, path)
    assert (report.nb_charges, report.nb_rejetes) == (2, 1), report.summary_fr()
    assert lire(wh, "SELECT id_aide, id_convention, date_decision, montant_revitalisation::DOUBLE, ligne "
                     "FROM aides WHERE id_aide LIKE 'M-%' ORDER BY 1") == [
        ("M-1", "C-1", dt.date(2023, 4, 12), 15000.0, 3), ("M-2", "C-1", dt.date(2023, 4, 12), 1325000.5, 4)]
    assert report.errors[0].ligne == 5 and "formule sans valeur calculée" in report.errors[0].message


def test_corrected_row_of_a_later_batch_replaces_and_clears_quarantine(wh, tmp_path):
    bad = ecrire_csv(tmp_path / "l1", "restructurations.csv", [RESTR, "R-60;552100554;X;;13001;2020-01-01;PSE;-3"])
    r1 = _load(wh, bad)
    assert r1.errors[0].message == "colonne emplois_supprimes : « -3 » : nombre négatif"
    good = ecrire_csv(tmp_path / "l2", "restructurations.csv", [RESTR, "R-60;552100554;X;;13001;2020-01-01;PSE;3"])
    r2 = _load(wh, good)
    assert lire(wh, "SELECT corrige_par_batch FROM quarantine WHERE cle = 'R-60'") == [(r2.batch_id,)]
    assert lire(wh, "SELECT emplois_supprimes, batch_id FROM restructurations WHERE id_restructuration = 'R-60'") \
        == [(3, r2.batch_id)]


@pytest.mark.parametrize("name, lines, expected", [
    ("clients.csv", ["a;b", "1;2"], "jeu de données inconnu"),
    ("conventions.csv", ["id_convention;date_signature", "C-1;2022-01-01"], "colonne"),
    ("aides.csv", [""], "vide"),
])
def test_refused_batch_leaves_the_file_byte_for_byte(wh, tmp_path, name, lines, expected):
    lot = tmp_path / "lot"
    ecrire_csv(lot, "fonds.csv", ["id_fonds;nom;departement;gestionnaire", "F-99;Nouveau;13;X"])
    ecrire_csv(lot, name, lines)
    before_bytes = wh.read_bytes()
    report = ingerer_lot(wh, lot)
    assert report.refused and expected in report.refusal_message
    assert wh.read_bytes() == before_bytes
    assert not list(wh.parent.glob(f".{wh.name}.ingest-*"))


def test_refused_batch_through_load_batch_leaves_content(wh, tmp_path):
    lot = tmp_path / "lot"
    ecrire_csv(lot, "conventions.csv", ["id_convention;departement", "C-1;13"])
    before = snapshot(wh)
    report = _load(wh, lot)
    assert report.refused and "id_restructuration" in report.refusal_message
    assert snapshot(wh) == before


def test_crash_mid_load_rolls_everything_back(wh, tmp_path, monkeypatch):
    lot = tmp_path / "lot"
    ecrire_csv(lot, "fonds.csv", ["id_fonds;nom;departement;gestionnaire", "F-98;Nouveau;13;X"])
    ecrire_csv(lot, "aides.csv", [AIDES, "A-40;;F-98;;X;13001;;PRET;12/10/2022;1000;;;5"])
    real = loader.write_dataset

    def crash_on_aides(con, v, batch_id):
        if v.dataset.name == "aides":
            raise RuntimeError("disk full")
        return real(con, v, batch_id)

    monkeypatch.setattr(loader, "write_dataset", crash_on_aides)
    before = snapshot(wh)
    con = duckdb.connect(str(wh))
    with pytest.raises(RuntimeError, match="disk full"):
        charger_lot(con, lot)
    con.close()
    assert snapshot(wh) == before                      # fonds F-98 written then rolled back
    before_bytes = wh.read_bytes()
    with pytest.raises(RuntimeError):
        ingerer_lot(wh, lot)
    assert wh.read_bytes() == before_bytes
    assert not list(wh.parent.glob(f".{wh.name}.ingest-*"))


def test_header_only_file_and_unknown_columns_are_reported(wh, tmp_path):
    lot = tmp_path / "lot"
    ecrire_csv(lot, "fonds.csv", ["id_fonds;nom;departement;gestionnaire;Remarque interne"])
    ecrire_csv(lot, "dotations.csv", ["id_convention;id_fonds;montant;date_versement;Visa",
                                     "C-1;F-13;1 000;01/10/2024;ok"])
    before = snapshot(wh)
    report = _load(wh, lot)
    assert not report.refused
    assert {k: (c.loaded, c.rejected) for k, c in report.per_dataset.items()} == {"fonds": (0, 0),
                                                                                 "dotations": (1, 0)}
    assert report.ignored_columns == {"fonds.csv": ["Remarque interne"], "dotations.csv": ["Visa"]}
    assert "dotations.csv : colonne ignorée (hors contrat) : Visa" in report.summary_fr()
    after = snapshot(wh)
    assert len(after["dotations"]) == len(before["dotations"]) + 1
    assert after["fonds"] == before["fonds"]
