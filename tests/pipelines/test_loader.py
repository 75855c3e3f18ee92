"""charger_lot on a real warehouse (built by the real build): values, lineage, flags, replacement,
idempotency, one transaction, speed."""
from __future__ import annotations

import datetime as dt
import json
import time
from decimal import Decimal

import duckdb
import pytest

from pipelines.loader import charger_lot
from tests.fixtures.entrepot import lire, load_into, snapshot
from tests.fixtures.lots import ecrire_csv


@pytest.fixture
def wh(empty_warehouse, copy_of):
    return copy_of(empty_warehouse)


@pytest.fixture
def wh_valide(entrepot_du_lot, copy_of):
    """A private copy of the session's warehouse holding the valid batch (loaded once per run)."""
    return copy_of(entrepot_du_lot("valide"))


_load = load_into


def test_good_batch_loads_every_row_with_values_and_lineage(lots, wh):
    report = _load(wh, lots["valide"])
    assert not report.refused and not report.already_loaded
    counts = {k: (c.loaded, c.rejected, c.flagged) for k, c in report.per_dataset.items()}
    assert counts == {"restructurations": (3, 0, 0), "conventions": (3, 0, 5), "fonds": (2, 0, 0),
                      "dotations": (3, 0, 0), "aides": (4, 0, 0), "suivi_emplois": (5, 0, 2)}
    assert (report.nb_charges, report.nb_rejetes, report.nb_signales) == (20, 0, 7)
    # French forms parsed, defaults applied, commune codes resolved, lineage kept.
    assert lire(wh, "SELECT siren, code_commune_saisi, code_commune, date_notification, type_procedure, "
                     "emplois_supprimes FROM restructurations ORDER BY id_restructuration") == [
        ("552100554", "13001", "13001", dt.date(2022, 1, 15), "PSE", 120),
        ("732829320", "54528", "54528", dt.date(2008, 3, 1), "PSE", 826),
        ("542065479", "13201", "13055", dt.date(2023, 6, 1), "RCC", 45),   # Marseille 1er → Marseille
    ]
    assert lire(wh, "SELECT id_convention, duree_mois, taux_smic, montant_engage, modalite, objectif_emplois, "
                     "statut FROM conventions ORDER BY 1") == [
        ("C-1", 36, 3.0, Decimal("577000.00"), "MUTUALISEE", 120, "EN_COURS"),   # objectif = emplois supprimés
        ("C-2", 48, 4.5, Decimal("5000000.00"), "DIRECTE", 900, "CLOSE"),
        ("C-3", 36, 1.5, Decimal("119267.10"), "MIXTE", 40, "EN_COURS"),          # duree and statut defaults
    ]
    assert lire(wh, "SELECT id_aide, siren_beneficiaire, code_naf, type_aide, montant_revitalisation, "
                     "cofinancement_public, cofinancement_prive FROM aides ORDER BY 1") == [
        ("A-1", "380129866", "62.01Z", "PRET_HONNEUR", Decimal("15000.00"), Decimal("5000.00"), Decimal("30000.50")),
        ("A-2", "123456782", "10.71C", "SUBVENTION", Decimal("25000.00"), Decimal("0.00"), Decimal("0.00")),
        ("A-3", None, None, "ACTION_COLLECTIVE", Decimal("80000.00"), Decimal("20000.00"), Decimal("0.00")),
        ("A-4", "401234562", None, "PRET", Decimal("45000.00"), Decimal("0.00"), Decimal("100000.00")),
    ]
    batch = report.batch_id
    assert lire(wh, "SELECT DISTINCT batch_id FROM suivi_emplois") == [(batch,)]
    assert lire(wh, "SELECT fichier, ligne FROM dotations ORDER BY ligne") == [
        ("dotations.csv", 2), ("dotations.csv", 3), ("dotations.csv", 4)]
    log = lire(wh, "SELECT batch_id, nb_charges, nb_rejetes, nb_signales, detail, fichiers FROM ingestion_log")
    assert len(log) == 1 and log[0][:4] == (batch, 20, 0, 7)
    assert json.loads(log[0][4])["conventions"] == {"charges": 3, "rejetes": 0, "signales": 5}
    assert "aides.csv" in json.loads(log[0][5])


def test_flags_codes_and_messages(entrepot_du_lot):
    wh = entrepot_du_lot("valide")          # the session's warehouse, only read
    flags = lire(wh, "SELECT dataset, cle, code, colonne, ligne FROM signalements ORDER BY dataset, ligne, code")
    assert flags == [
        ("conventions", "C-2", "DUREE_SUP_36", "duree_mois", 3),
        ("conventions", "C-2", "SIGNATURE_TARDIVE", "date_signature", 3),
        ("conventions", "C-2", "TAUX_SMIC_SUP_4", "taux_smic", 3),
        ("conventions", "C-3", "SIGNATURE_TARDIVE", "date_signature", 4),
        ("conventions", "C-3", "TAUX_SMIC_INF_2", "taux_smic", 4),
        ("suivi_emplois", "A-1|2024-06-30", "SUIVI_DECROISSANT", "emplois_crees", 3),
        ("suivi_emplois", "A-2|2023-12-31", "EMPLOIS_CREES_SUP_PREVUS", "emplois_crees", 4),
    ]
    msg = dict(((c, k), m) for c, k, m in lire(wh, "SELECT cle, code, message FROM signalements"))
    assert msg[("C-2", "SIGNATURE_TARDIVE")] == ("convention signée le 15/12/2008, plus de 6 mois après la "
                                                 "notification du 01/03/2008 (L1233-85)")
    assert "4,5 × SMIC" in msg[("C-2", "TAUX_SMIC_SUP_4")]


def test_thresholds_come_from_ref_regle(lots, wh):
    con = duckdb.connect(str(wh))
    con.execute("UPDATE ref_regle SET valeur = '50' WHERE cle = 'duree_max_mois'")
    con.execute("UPDATE ref_regle SET valeur = '5' WHERE cle = 'multiple_penalite'")
    report = charger_lot(con, lots["valide"])
    con.close()
    codes = {(f.cle, f.code) for f in report.signalements}
    assert ("C-2", "DUREE_SUP_36") not in codes          # 48 months ≤ 50
    assert ("C-2", "TAUX_SMIC_SUP_4") not in codes       # 4.5 ≤ 5
    assert ("C-3", "TAUX_SMIC_INF_2") in codes


def test_same_batch_twice_changes_nothing(lots, wh):
    first = _load(wh, lots["valide"])
    before = snapshot(wh)
    again = _load(wh, lots["valide"])
    assert again.already_loaded and again.batch_id == first.batch_id and again.nb_charges == 0
    assert snapshot(wh) == before


def test_corrected_row_replaces_old_one_and_marks_quarantine(wh_valide, tmp_path):
    wh = wh_valide
    header = ("id_convention;id_restructuration;date_signature;duree_mois;departement;taux_smic;"
              "montant_engage;modalite;operateur;objectif_emplois;statut")
    bad = ecrire_csv(tmp_path / "lot2", "conventions.csv", [header, "C-4;R-1;10/05/2022;36;13;3;-5;DIRECTE;;;"])
    r2 = _load(wh, bad)
    assert (r2.nb_charges, r2.nb_rejetes) == (0, 1)
    fixed = ecrire_csv(tmp_path / "lot3", "conventions.csv", [
        header, "C-4;R-1;10/05/2022;36;13;3;592 408,80;DIRECTE;;;",             # 3 × 1 645,58 × 120
        "C-2;R-2;2008-06-15;36;54;3;3 243 404,64;directe;SIDE;900;close"])   # 3 × 1 308,88 × 826   # C-2 corrected: no more flags
    r3 = _load(wh, fixed)
    assert (r3.nb_charges, r3.nb_rejetes, r3.nb_signales) == (2, 0, 0)
    assert lire(wh, "SELECT corrige_par_batch FROM quarantine WHERE cle = 'C-4'") == [(r3.batch_id,)]
    assert lire(wh, "SELECT duree_mois, date_signature, batch_id, ligne FROM conventions WHERE id_convention = 'C-2'") \
        == [(36, dt.date(2008, 6, 15), r3.batch_id, 3)]
    assert lire(wh, "SELECT count(*) FROM conventions") == [(4,)]
    # The old flags of C-2 went with the old row; C-3's stay.
    assert lire(wh, "SELECT code FROM signalements WHERE cle = 'C-2'") == []
    assert len(lire(wh, "SELECT code FROM signalements WHERE cle = 'C-3'")) == 2


def test_references_to_rows_of_earlier_batches(wh_valide, tmp_path):
    wh = wh_valide
    lot = ecrire_csv(tmp_path / "suivi", "suivi_emplois.csv", [
        "id_aide;date_constat;emplois_crees", "A-4;30/06/2025;9", "A-4;30/12/2025;7", "A-9;30/06/2025;1"])
    r = _load(wh, lot)
    assert (r.nb_charges, r.nb_rejetes) == (2, 1)
    assert r.errors[0].message == ("colonne id_aide : l'aide A-9 est inconnue (ni dans ce lot, ni dans "
                                   "l'entrepôt)")
    assert [(f.cle, f.code) for f in r.signalements] == [("A-4|2025-12-30", "SUIVI_DECROISSANT")]


def test_decreasing_follow_up_against_warehouse_rows(wh_valide, tmp_path):
    wh = wh_valide                  # A-4 has 4 jobs at 31/12/2024
    lot = ecrire_csv(tmp_path / "suivi", "suivi_emplois.csv", ["id_aide;date_constat;emplois_crees",
                                                              "A-4;30/06/2025;3"])
    r = _load(wh, lot)
    assert [(f.cle, f.code) for f in r.signalements] == [("A-4|2025-06-30", "SUIVI_DECROISSANT")]
    assert "moins qu'un constat antérieur de l'aide A-4 (4)" in r.signalements[0].message


def test_100k_aids_and_follow_ups_load_fast(wh_valide, tmp_path):
    wh = wh_valide
    n = 50_000
    lot = tmp_path / "gros"
    aides = ["id_aide;id_convention;id_fonds;siren_beneficiaire;nom_beneficiaire;code_commune;code_naf;"
             "type_aide;date_decision;montant_revitalisation;cofinancement_public;cofinancement_prive;"
             "emplois_prevus"]
    aides += [f"G-{i};C-1;;552 100 554;Entreprise {i};13001;62.01Z;Prêt;{1 + i % 28:02d}/03/2023;"
              f"{15000 + i % 997} {i % 100:02d},50;1 000;{i % 5000};{i % 7}" for i in range(n)]
    suivi = ["id_aide;date_constat;emplois_crees"] + [f"G-{i};31/12/2024;{i % 9}" for i in range(n)]
    ecrire_csv(lot, "aides.csv", aides)
    ecrire_csv(lot, "suivi_emplois.csv", suivi)
    started = time.perf_counter()
    r = _load(wh, lot)
    elapsed = time.perf_counter() - started
    assert (r.nb_charges, r.nb_rejetes) == (2 * n, 0)
    assert lire(wh, "SELECT sum(emplois_crees) FROM suivi_emplois WHERE id_aide LIKE 'G-%'") == [
        (sum(i % 9 for i in range(n)),)]
    assert lire(wh, "SELECT montant_revitalisation FROM aides WHERE id_aide = 'G-1234'") == [
        (Decimal(f"{15000 + 1234 % 997}34.50"),)]
    print(f"100 000 rows validated and loaded in {elapsed:.1f} s")


def test_template_workbook_matches_contract_and_loads_cleanly(wh, tmp_path):
    import openpyxl

    from pipelines.contract import DATASETS
    from pipelines.template import TEMPLATE_PATH, build_template

    fresh = build_template(tmp_path / "modele.xlsx")
    assert fresh.read_bytes() == TEMPLATE_PATH.read_bytes(), "run python -m pipelines.template"
    book = openpyxl.load_workbook(fresh)
    assert book.sheetnames == ["Lisez-moi"] + [d.name for d in DATASETS]
    for ds in DATASETS:
        assert [c.value for c in book[ds.name][1]] == [c.name for c in ds.columns]
    readme = {(r[0], r[1]): r[3] for r in book["Lisez-moi"].iter_rows(min_row=5, values_only=True)}
    assert readme[("aides", "code_naf")] == "Code NAF rév. 2 (ex. 62.01Z)"
    assert len(readme) == sum(len(d.columns) for d in DATASETS)
    report = _load(wh, fresh)
    assert (report.nb_charges, report.nb_rejetes, report.nb_signales) == (len(DATASETS), 0, 0), report.summary_fr()
    assert lire(wh, "SELECT id_aide, id_fonds, siren_beneficiaire, date_decision, type_aide FROM aides") == [
        ("A-2024-001", "F-13-EX", "380129866", dt.date(2024, 10, 1), "PRET_HONNEUR")]


def test_keys_stay_unique_when_rows_are_sent_again_edited_flagged_or_unchanged(wh_valide, tmp_path):
    """The tables have no PRIMARY KEY (sql/ddl/02_data_tables.sql): the loader alone keeps each key once.
    The valid batch sent again in another order, with its flagged rows (replaced), unchanged rows (left)
    and edited counts (corrected in place), plus one new aid and follow-up, adds one row each."""
    from pipelines.contract import DATASETS
    from tests.fixtures.lots import VALIDE, ecrire_lot

    def plus_un(ligne: str) -> str:
        debut, _, n = ligne.rpartition(";")
        return f"{debut};{int(n) + 1}"

    lot = {nom: [lignes[0], *reversed(lignes[1:])] for nom, lignes in VALIDE.items()}
    lot["aides.csv"] = [lot["aides.csv"][0], *map(plus_un, lot["aides.csv"][1:]),
                        "A-5;;F-13;;Zêta;13001;;SUBVENTION;01/03/2023;10 000;0;0;2"]
    lot["suivi_emplois.csv"] = [lot["suivi_emplois.csv"][0], *map(plus_un, lot["suivi_emplois.csv"][1:]),
                                "A-5;31/12/2023;1"]
    report = _load(wh_valide, ecrire_lot(lot, tmp_path / "encore"))
    assert not report.refused and report.nb_rejetes == 0
    attendu = {"restructurations": 3, "conventions": 3, "fonds": 2, "dotations": 3, "aides": 5,
               "suivi_emplois": 6, "comites": 0}
    for ds in DATASETS:
        cle = ", ".join(ds.key)
        assert lire(wh_valide, f"SELECT count(*), count(DISTINCT ({cle})) FROM {ds.name}") \
            == [(attendu[ds.name], attendu[ds.name])], ds.name
    assert lire(wh_valide, "SELECT emplois_prevus FROM aides ORDER BY id_aide") == [(6,), (11,), (1,), (13,), (2,)]
    assert lire(wh_valide, "SELECT sum(emplois_crees) FROM suivi_emplois") == [(36 + 5 + 1,)]
