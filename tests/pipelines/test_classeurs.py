"""Workbooks in every format offices use: the same batch as .xlsx, .ods and .xls (converted by
LibreOffice, tests/fixtures/classeurs/fabriquer.py) loads to the same warehouse.

The batch has title rows above a header (one merged across the columns), French headers, typed
cells, cells merged down a column in the data, a "Lisez-moi" sheet, a hidden sheet and one bad
SIREN; the warehouses are compared whole, every table, once file names, batch ids and load
times (which must differ) are set aside.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.fixtures.entrepot import lire, load_into, snapshot

CLASSEURS = Path(__file__).resolve().parents[1] / "fixtures" / "classeurs"
query = lire


def _normalised(db, ext: str, batch_id: str) -> dict[str, list[tuple]]:
    content_hash = query(db, "SELECT content_hash FROM ingestion_log WHERE batch_id = ?", [batch_id])[0][0]

    def value(v):
        if isinstance(v, str):
            return v.replace(batch_id, "LOT").replace(content_hash, "EMPREINTE").replace(f"lot.{ext}", "lot.CLASSEUR")
        return None if isinstance(v, dt.datetime) else v
    return {t: sorted((tuple(value(v) for v in row) for row in rows), key=repr) for t, rows in snapshot(db).items()}


@pytest.fixture(scope="module")
def warehouses(empty_warehouse, tmp_path_factory):
    out = {}
    for ext in ("xlsx", "ods", "xls"):
        folder = tmp_path_factory.mktemp(f"classeur_{ext}")
        db = folder / "warehouse.duckdb"
        shutil.copy2(empty_warehouse, db)
        report = load_into(db, CLASSEURS / f"lot.{ext}")
        out[ext] = (db, report)
    return out


def test_the_xlsx_batch_loads_with_title_rows_merged_cells_and_typed_cells(warehouses):
    db, report = warehouses["xlsx"]
    assert not report.refused, report.refusal_message
    counts = {k: (c.loaded, c.rejected) for k, c in report.per_dataset.items()}
    assert counts == {"restructurations": (3, 0), "conventions": (4, 0), "fonds": (2, 0), "dotations": (3, 0),
                      "aides": (4, 1), "suivi_emplois": (5, 0)}
    # Title rows: the user's row numbers (header on row 4, an empty row 7 skipped).
    assert query(db, "SELECT id_restructuration, siren, date_notification, ligne FROM restructurations ORDER BY 1") == [
        ("R-1", "552100554", dt.date(2022, 1, 15), 5), ("R-2", "732829320", dt.date(2008, 3, 1), 6),
        ("R-3", "542065479", dt.date(2023, 6, 1), 8)]
    # Merged cells: C-4 shares R-1 with C-1; the second dotation shares C-1 and F-13; A-1 followed twice.
    assert query(db, "SELECT id_convention, id_restructuration FROM conventions ORDER BY 1") == [
        ("C-1", "R-1"), ("C-2", "R-2"), ("C-3", "R-3"), ("C-4", "R-1")]
    assert query(db, "SELECT id_convention, id_fonds, date_versement, ligne FROM dotations ORDER BY ligne") == [
        ("C-1", "F-13", dt.date(2022, 9, 1), 3), ("C-1", "F-13", dt.date(2023, 9, 1), 4),
        ("C-2", "F-54", dt.date(2009, 1, 15), 5)]
    assert query(db, "SELECT id_aide, count(*) FROM suivi_emplois GROUP BY 1 ORDER BY 1")[0] == ("A-1", 2)
    assert query(db, "SELECT fichier, ligne, colonne, valeur FROM quarantine") == [
        ("lot.xlsx › Aides", 6, "siren_beneficiaire", "123456789")]


@pytest.mark.parametrize("ext", ["ods", "xls"])
def test_ods_and_xls_versions_load_to_the_same_warehouse_as_the_xlsx(warehouses, ext):
    db, report = warehouses[ext]
    assert not report.refused, report.refusal_message
    xlsx_db, xlsx_report = warehouses["xlsx"]
    assert report.batch_id != xlsx_report.batch_id        # other bytes, another batch
    assert query(db, "SELECT DISTINCT fichier FROM conventions") == [(f"lot.{ext} › Conventions",)]
    assert _normalised(db, ext, report.batch_id) == _normalised(xlsx_db, "xlsx", xlsx_report.batch_id)
