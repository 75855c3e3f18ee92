"""Derived tables (sql/ files that CREATE OR REPLACE TABLE): recomputed by every batch, never stale.

A real warehouse (the real build, without sample) gets two small batches through charger_lot; the
second adds a follow-up to an aid of the first, a fund fed by the first batch's convention and an
aid of that fund. Figures expected after each batch are worked out by hand below. Then every
derived table must equal its own definition evaluated afresh, and a batch that fails after the
refresh must leave data and derived tables as they were. The warehouses after batch 1 and after
batches 1 + 2 are loaded once per run (tests.fixtures.entrepot.une_fois); a test that writes opens
a private copy.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines import loader
from pipelines.loader import charger_lot
from pipelines.schema import derived_files, refresh_derived
from tests.fixtures.entrepot import lignes, tables_derivees_perimees, une_fois


def _write(folder: Path, files: dict[str, list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in files.items():
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# Batch 1: R1 (Aix-en-Provence 13001, 100 jobs cut) -> C1 (MIXTE, 400 000 €, 48 months: flagged); A1, direct aid of C1
# in 13001 (60 000 €, 10 planned), one follow-up: 4 jobs at 2022-09-01.
LOT_1 = {
    "restructurations": [
        "id_restructuration;siren;raison_sociale;code_commune;date_notification;type_procedure;emplois_supprimes",
        "R1;552100554;Usine Alpha;13001;2021-03-01;PSE;100"],
    "conventions": [
        "id_convention;id_restructuration;date_signature;duree_mois;departement;montant_engage;modalite;"
        "operateur;objectif_emplois;statut",
        "C1;R1;2021-06-01;48;13;400000;MIXTE;Sodie;100;EN_COURS"],
    "aides": [
        "id_aide;id_convention;id_fonds;siren_beneficiaire;nom_beneficiaire;code_commune;code_naf;type_aide;"
        "date_decision;montant_revitalisation;cofinancement_public;cofinancement_prive;emplois_prevus",
        "A1;C1;;732829320;PME Un;13001;62.01Z;PRET;2021-09-01;60000;20000;40000;10"],
    "suivi_emplois": ["id_aide;date_constat;emplois_crees", "A1;2022-09-01;4"],
}
# Batch 2: a later follow-up of A1 (9 jobs at 2023-09-01); fund F1 (Meurthe-et-Moselle) fed only
# by C1 (100 000 €), its aid A2 in Nancy 54395 (30 000 €, 5 planned) with 2 jobs at 2023-06-01.
LOT_2 = {
    "fonds": ["id_fonds;nom;departement;gestionnaire;date_creation", "F1;Fonds Lorraine;54;ADIE;2021-01-01"],
    "dotations": ["id_convention;id_fonds;montant;date_versement", "C1;F1;100000;2022-01-15"],
    "aides": [
        "id_aide;id_convention;id_fonds;siren_beneficiaire;nom_beneficiaire;code_commune;code_naf;type_aide;"
        "date_decision;montant_revitalisation;cofinancement_public;cofinancement_prive;emplois_prevus",
        "A2;;F1;443061841;PME Deux;54395;25.11Z;SUBVENTION;2022-03-01;30000;0;0;5"],
    "suivi_emplois": ["id_aide;date_constat;emplois_crees", "A1;2023-09-01;9", "A2;2023-06-01;2"],
}


def _entrepot_des_lots(tmp_path_factory, empty_warehouse, nom: str, lots: list[dict]) -> Path:
    """The empty warehouse plus `lots` loaded in order by charger_lot, built once per run (une_fois)."""
    def construire(db: Path) -> None:
        shutil.copy2(empty_warehouse, db)
        with duckdb.connect(str(db)) as c:
            for i, lot in enumerate(lots, 1):
                report = charger_lot(c, _write(db.parent / f"{nom}_lot{i}", lot))
                assert not report.refused and report.nb_rejetes == 0, report.summary_fr()
    return une_fois(tmp_path_factory, f"{nom}.duckdb", construire)


@pytest.fixture(scope="module")
def apres_lot_1(tmp_path_factory, empty_warehouse) -> Path:
    return _entrepot_des_lots(tmp_path_factory, empty_warehouse, "derivees_lot1", [LOT_1])


@pytest.fixture(scope="module")
def apres_lot_2(tmp_path_factory, empty_warehouse) -> Path:
    """After batch 1 then batch 2, read-only: the tests that only read after the second batch."""
    return _entrepot_des_lots(tmp_path_factory, empty_warehouse, "derivees_lot2", [LOT_1, LOT_2])


@pytest.fixture
def con(apres_lot_1, copy_of):
    """A private warehouse holding batch 1 (a copy of the one loaded once), open for writing."""
    c = duckdb.connect(str(copy_of(apres_lot_1)))
    yield c
    c.close()


def _national(c) -> dict:
    row = lignes(c, "SELECT emplois_supprimes, emplois_crees, montant_revitalisation, nb_aides, "
                     "nb_conventions, montant_engage FROM kpi_national")[0]
    return row


def _c1(c) -> dict:
    return lignes(c, "SELECT montant_attribue, emplois_crees_attribues, emplois_prevus_attribues, "
                      "nb_aides_attribuees FROM kpi_convention WHERE id_convention = 'C1'")[0]


def test_first_batch_fills_the_derived_tables(con):
    assert _national(con) == dict(emplois_supprimes=100, emplois_crees=4.0, montant_revitalisation=60000.0,
                                  nb_aides=1, nb_conventions=1, montant_engage=400000.0)
    assert _c1(con) == dict(montant_attribue=60000.0, emplois_crees_attribues=4.0,
                            emplois_prevus_attribues=10.0, nb_aides_attribuees=1)
    assert con.sql("SELECT id_aide, emplois_crees, code_departement FROM int_aides").fetchall() == [
        ("A1", 4, "13")]


def test_second_batch_is_reflected_everywhere(apres_lot_2):
    # batch 2 was loaded without rejection (fixture); the warehouse is only read here
    with duckdb.connect(str(apres_lot_2), read_only=True) as con:
        # A1's latest follow-up is now 9; A2 adds 2 jobs and 30 000 €.
        assert _national(con) == dict(emplois_supprimes=100, emplois_crees=11.0, montant_revitalisation=90000.0,
                                      nb_aides=2, nb_conventions=1, montant_engage=400000.0)
        # F1 is fed by C1 alone (part 1): C1 gets A1 entirely and A2 entirely.
        assert _c1(con) == dict(montant_attribue=90000.0, emplois_crees_attribues=11.0,
                                emplois_prevus_attribues=15.0, nb_aides_attribuees=2)
        assert con.sql("SELECT code_departement, emplois_crees, nb_aides FROM kpi_departement "
                       "WHERE code_departement IN ('13', '54') ORDER BY 1").fetchall() == [
            ("13", 9.0, 1), ("54", 2.0, 1)]
        assert con.sql("SELECT id_fonds, dotations, emplois_crees, nb_aides FROM kpi_fonds").fetchall() == [
            ("F1", 100000.0, 2, 1)]
        # Jobs known at each year end: 4 in 2022 (A1), 9 + 2 in 2023.
        assert con.sql("SELECT annee, emplois_crees_attribues FROM emplois_convention_par_annee "
                       "WHERE id_convention = 'C1' ORDER BY annee").fetchall() == [
            (2021, 0.0), (2022, 4.0), (2023, 11.0)]
        assert con.sql("SELECT id_aide, id_convention, part FROM int_attribution ORDER BY id_aide").fetchall() == [
            ("A1", "C1", 1.0), ("A2", "C1", 1.0)]
        # Filtered macros read the same tables: the instrument filter keeps A2 only.
        assert con.sql("SELECT emplois_crees, nb_aides FROM kpi_national_f(NULL, NULL, NULL, 'SUBVENTION', NULL)"
                       ).fetchall() == [(2.0, 1)]


def test_every_derived_table_equals_its_definition_after_a_batch(apres_lot_2, copy_of):
    assert len(derived_files()) >= 8
    with duckdb.connect(str(copy_of(apres_lot_2))) as con:    # the check creates temporary tables
        assert tables_derivees_perimees(con) == []


def test_data_changed_outside_a_batch_needs_refresh_derived(con):
    con.execute("DELETE FROM suivi_emplois")
    assert con.sql("SELECT emplois_crees FROM kpi_national").fetchall() == [(4.0,)]   # stale until…
    refresh_derived(con)
    assert con.sql("SELECT emplois_crees FROM kpi_national").fetchall() == [(0.0,)]


def test_a_batch_failing_after_the_refresh_leaves_data_and_derived_tables(con, tmp_path, monkeypatch):
    def refresh_then_fail(c):
        refresh_derived(c)
        raise RuntimeError("panne simulée après la mise à jour des indicateurs")
    monkeypatch.setattr(loader, "refresh_derived", refresh_then_fail)
    with pytest.raises(RuntimeError):
        charger_lot(con, _write(tmp_path / "lot2", LOT_2))
    assert _national(con)["emplois_crees"] == 4.0
    assert con.sql("SELECT count(*) FROM aides").fetchall() == [(1,)]
    assert con.sql("SELECT count(*) FROM int_aides").fetchall() == [(1,)]


def test_warehouse_whose_derived_objects_are_still_views_is_upgraded(con, tmp_path):
    # A warehouse built before int_aides became a table: the next batch recreates the layer.
    con.execute("DROP TABLE int_aides")
    con.execute("CREATE VIEW int_aides AS SELECT * FROM int_aide_resultats")
    charger_lot(con, _write(tmp_path / "lot2", LOT_2))
    kind = con.sql("SELECT table_type FROM information_schema.tables WHERE table_name = 'int_aides'").fetchall()
    assert kind == [("BASE TABLE",)]
    assert _national(con)["emplois_crees"] == 11.0
