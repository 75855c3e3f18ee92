"""Shared fixtures: real warehouses built once per test session with the real build command.

`sample_warehouse` is the warehouse users get from `python -m pipelines.build` (reference
geography, rules, bundled sample); `empty_warehouse` is the same without the sample.
Tests that modify a warehouse must copy it first (`copy_of` fixture).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

TEST_OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    from pipelines.build import construire_entrepot

    db = tmp_path_factory.mktemp("wh_sample") / "warehouse.duckdb"
    construire_entrepot(db, with_sample=True, log=lambda *a, **k: None)
    return db


@pytest.fixture(scope="session")
def empty_warehouse(tmp_path_factory) -> Path:
    from pipelines.build import construire_entrepot

    db = tmp_path_factory.mktemp("wh_empty") / "warehouse.duckdb"
    construire_entrepot(db, with_sample=False, log=lambda *a, **k: None)
    return db


@pytest.fixture
def copy_of(tmp_path):
    """copy_of(db) -> a private copy of a warehouse file that the test may modify."""
    def _copy(db: Path) -> Path:
        target = tmp_path / f"copy_{db.parent.name}_{db.name}"
        shutil.copy2(db, target)
        return target
    return _copy


@pytest.fixture(scope="session")
def test_output() -> Path:
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT
