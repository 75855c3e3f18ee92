"""The hand-built secrecy warehouse, written once per test run even under -n 2 (une_fois; read-only
for tests)."""
from __future__ import annotations

import pytest

from tests.fixtures.entrepot import une_fois
from tests.secret import lot_secret


@pytest.fixture(scope="session")
def entrepot_secret(empty_warehouse, tmp_path_factory):
    return une_fois(tmp_path_factory, "entrepot_secret.duckdb", lambda db: lot_secret.construire(db, empty_warehouse))
