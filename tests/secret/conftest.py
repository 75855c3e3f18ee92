"""The hand-built secrecy warehouse, written once per test session (read-only for tests)."""
from __future__ import annotations

import pytest

from tests.secret import lot_secret


@pytest.fixture(scope="session")
def entrepot_secret(tmp_path_factory):
    return lot_secret.construire(tmp_path_factory.mktemp("wh_secret") / "secret.duckdb")
