"""Fixtures for the app tests: a small hand-made warehouse whose figures are computed by hand.

`petit_entrepot` is the empty warehouse (real build: geography, rules, views) plus the batch
PETIT of tests/fixtures/lots.py loaded by the real ingestion. Its expected figures are worked
out in the tests from those rows. `entrepot_exemple` holds the batch EXEMPLE (map, conventions,
funds pages). `app` returns an AppTest of the entrypoint pointed at a warehouse through
OBSERVATOIRE_DB (a private copy for a test that writes).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.ecran import APP


@pytest.fixture(scope="session")
def petit_entrepot(entrepot_du_lot) -> Path:
    return entrepot_du_lot("petit")


@pytest.fixture(scope="session")
def entrepot_exemple(entrepot_du_lot) -> Path:
    return entrepot_du_lot("exemple")


@pytest.fixture
def app(monkeypatch, copy_of):
    """app(db) -> AppTest of app.py reading the warehouse `db`; app(db, prive=True) reads a private
    copy instead, for a test that writes (a batch uploaded on Données). Session warehouses are
    read by the pages as they are: the app opens them read-only, and the door's cache (keyed by
    file and data version) then serves an unchanged warehouse's rows to every test of the run."""
    from streamlit.testing.v1 import AppTest

    def _app(db: Path, query_params: dict | None = None, *, prive: bool = False):
        lu = copy_of(db) if prive else db
        monkeypatch.setenv("OBSERVATOIRE_DB", str(lu))
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params.update(query_params or {})
        at.db = lu
        return at
    return _app

