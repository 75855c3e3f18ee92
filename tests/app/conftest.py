"""Fixtures for the app tests: a small hand-made warehouse whose figures are computed by hand.

`petit_entrepot` is the empty warehouse (real build: geography, rules, views) plus the batch
in tests/app/lot_petit loaded by the real ingestion. Its expected figures are worked out in
the tests from the CSV files. `app` returns an AppTest of the entrypoint pointed at a private
copy of a warehouse through OBSERVATOIRE_DB.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ICI = Path(__file__).resolve().parent
APP = ICI.parent.parent / "app.py"
LOT_PETIT = ICI / "lot_petit"


@pytest.fixture(scope="session")
def petit_entrepot(empty_warehouse, tmp_path_factory) -> Path:
    from pipelines.ingest import ingerer_lot

    db = tmp_path_factory.mktemp("wh_petit") / "warehouse.duckdb"
    shutil.copy2(empty_warehouse, db)
    rapport = ingerer_lot(db, LOT_PETIT)
    assert not rapport.refused and rapport.nb_rejetes == 0, rapport.summary_fr()
    return db


@pytest.fixture
def app(monkeypatch, copy_of):
    """app(db) -> AppTest of app.py reading a private copy of the warehouse `db`."""
    from streamlit.testing.v1 import AppTest

    def _app(db: Path, query_params: dict | None = None):
        copie = copy_of(db)
        monkeypatch.setenv("OBSERVATOIRE_DB", str(copie))
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params.update(query_params or {})
        at.db = copie
        return at
    return _app

