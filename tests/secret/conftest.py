"""The hand-built secrecy warehouse, written once per test run even under -n 2 (une_fois; read-only
for tests)."""
from __future__ import annotations

import pytest

from tests.fixtures.entrepot import une_fois
from tests.secret import lot_secret


@pytest.fixture(scope="session")
def entrepot_secret(tmp_path_factory):
    return une_fois(tmp_path_factory, "entrepot_secret.duckdb", lot_secret.construire)
