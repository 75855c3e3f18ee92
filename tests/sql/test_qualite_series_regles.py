"""qualite_signalements, emplois_convention_par_annee, emplois_fonds_par_annee (hand-built warehouse)
and the legal rules loaded by core.regles.charger_regles.
"""
from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from core.regles import ErreurRegles, charger_regles, monthly_smic
from pipelines.schema import create_schema
from tests.fixtures.entrepot import lignes


def test_qualite_signalements_resolves_every_flag(wh):
    rows = lignes(wh, "SELECT dataset, cle, id_restructuration, id_convention, id_fonds, id_aide, "
                       "code_ze, code_departement, code_region FROM qualite_signalements "
                       "ORDER BY dataset, cle, code")
    assert [tuple(r.values()) for r in rows] == [
        ("aides", "A3", None, None, "F1", "A3", "0053", "30", "76"),
        ("conventions", "C2", "R2", "C2", None, None, "0053", "84", "93"),
        ("conventions", "C2", "R2", "C2", None, None, "0053", "84", "93"),
        ("dotations", "C1|F1|2019-07-01", "R1", "C1", "F1", None, "9312", "13", "93"),
        ("fonds", "F2", None, None, "F2", None, None, "30", "76"),
        ("restructurations", "R1", "R1", None, None, None, "9312", "13", "93"),
        ("suivi_emplois", "A1|2021-06-30", "R1", "C1", None, "A1", "9312", "13", "93"),
        ("suivi_emplois", "A4|2024-03-31", None, None, "F1", "A4", "9312", "13", "93"),
    ]
    full = lignes(wh, "SELECT * FROM qualite_signalements WHERE dataset = 'fonds'")[0]
    assert full == dict(dataset="fonds", cle="F2", code="TEST_FONDS", colonne=None, message="message",
                        fichier="f.csv", ligne=3, batch_id="lot-test", id_restructuration=None,
                        id_convention=None, id_fonds="F2", id_aide=None, code_departement="30",
                        code_ze=None, code_region="76")


def test_emplois_convention_par_annee(wh):
    rows = lignes(wh, "SELECT * FROM emplois_convention_par_annee")
    got = {(r["id_convention"], r["annee"]): r["emplois_crees_attribues"] for r in rows}
    # C1: A1 +4 (2020) +4 (2021); 0.8 x A3 +5 (2021) +7 (2022) +3 (2023); 0.8 x A4 +6 (2024).
    expected = {("C1", 2019): 0.0, ("C1", 2020): 4.0, ("C1", 2021): 12.0, ("C1", 2022): 17.6,
                ("C1", 2023): 20.0, ("C1", 2024): 24.8,
                # C2 (signed 2023) gets 0.2 of F1's follow-ups, from A3's first one in 2021.
                ("C2", 2021): 1.0, ("C2", 2022): 2.4, ("C2", 2023): 3.0, ("C2", 2024): 4.2,
                ("C3", 2023): 0.0, ("C4", 2010): 0.0}
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert got[key] == pytest.approx(value), key
    assert set(rows[0]) == {"id_convention", "annee", "emplois_crees_attribues"}
    last = {r["id_convention"]: r["emplois_crees_attribues"] for r in lignes(
        wh, "SELECT * FROM kpi_convention")}
    assert got[("C1", 2024)] == pytest.approx(last["C1"]) and got[("C2", 2024)] == pytest.approx(last["C2"])


def test_emplois_fonds_par_annee(wh):
    rows = [tuple(r.values()) for r in lignes(wh, "SELECT * FROM emplois_fonds_par_annee")]
    assert rows == [("F1", 2019, 0), ("F1", 2020, 0), ("F1", 2021, 5), ("F1", 2022, 12), ("F1", 2023, 15),
                    ("F1", 2024, 21), ("F2", 2022, 2)]


def test_smic_table_and_rules_loaded():
    con = duckdb.connect()
    create_schema(con)
    charger_regles(con)
    charger_regles(con)   # idempotent
    smic = dict(con.sql("SELECT date_debut::VARCHAR, smic_mensuel FROM ref_smic").fetchall())
    assert len(smic) == 33
    # domain.md's figures, and two historical ones (hourly x 35 x 52 / 12).
    assert smic["2019-01-01"] == Decimal("1521.22") and smic["2024-11-01"] == Decimal("1801.80")
    assert smic["2026-01-01"] == Decimal("1823.03") and smic["2022-08-01"] == Decimal("1678.95")
    assert smic["2001-07-01"] == Decimal("1011.62") and smic["2011-12-01"] == Decimal("1393.82")
    in_force = "SELECT smic_mensuel FROM ref_smic WHERE date_debut <= ?::DATE ORDER BY date_debut DESC LIMIT 1"
    assert con.sql(in_force, params=["2002-01-17"]).fetchall()[0][0] == Decimal("1011.62")
    assert con.sql(in_force, params=["2025-06-30"]).fetchall()[0][0] == Decimal("1801.80")
    regles = {k: (v, a) for k, v, a in con.sql("SELECT cle, valeur, article FROM ref_regle").fetchall()}
    assert regles == {
        "multiple_minimum": ("2", "L1233-86 al. 1"), "multiple_penalite": ("4", "L1233-86 al. 2, D1233-44"),
        "duree_max_mois": ("36", "D1233-40"), "delai_signature_mois": ("6", "L1233-85"),
        "date_reference_smic": ("signature", None), "tolerance_conformite_euros": ("1", None),
        "secret_frequence_min": ("3", "Loi n° 51-711 du 7 juin 1951, art. 6 (pratique INSEE)"),
        "secret_dominance_pct": ("85", "Loi n° 51-711 du 7 juin 1951, art. 6 (pratique INSEE)"),
        "secret_date_effet": ("2026-12-01", None)}
    assert monthly_smic(Decimal("10.03")) == Decimal("1521.22")


def test_bad_rules_files_get_french_messages(tmp_path):
    con = duckdb.connect()
    create_schema(con)
    smic = tmp_path / "smic.csv"
    smic.write_text("date_debut;smic_horaire;smic_mensuel;source\n2019-01-01;10.03;1521.00;x\n", encoding="utf-8")
    with pytest.raises(ErreurRegles, match=r"smic\.csv, ligne 2, colonne smic_mensuel"):
        charger_regles(con, smic_file=smic)
    regles = tmp_path / "regles.csv"
    regles.write_text("cle;valeur;libelle;article\ndate_reference_smic;decision;x;\n", encoding="utf-8")
    with pytest.raises(ErreurRegles, match="doit valoir signature ou notification"):
        charger_regles(con, regles_file=regles)
    assert con.sql("SELECT count(*) FROM ref_smic").fetchall()[0][0] == 0
