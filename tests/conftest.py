"""Shared fixtures: real warehouses built once per test session with the real build command.

`sample_warehouse` is the warehouse users get from `python -m pipelines.build` (reference
geography, rules, bundled sample); `empty_warehouse` is the same without the sample;
`entrepot_du_lot(nom)` is the empty warehouse plus one hand-made batch of tests/fixtures/lots.py
loaded by the real ingestion; `lots[nom]` is that batch's folder. Each warehouse is built once per
run, even with `pytest -n 2` (`tests.fixtures.entrepot.une_fois`): they are shared read-only, so
tests that modify a warehouse copy it first (`copy_of` fixture).
"""
from __future__ import annotations

import functools
import gc
import os
import shutil
from pathlib import Path

import pytest

from tests.fixtures.entrepot import ingerer, une_fois
from tests.fixtures.lots import LOTS, ecrire_lot

ROOT = Path(__file__).resolve().parent.parent

TEST_OUTPUT = ROOT / "test-output"


# Python's cyclic garbage collector runs its young generation every 700 allocations by default; the
# tests build many short-lived objects (Plotly figures, Polars expressions, AppTest trees): over
# tests/app and tests/pipelines it ran 4 111 times for 3,4 s of CPU (about 5 %). Collecting less
# often changes no result (docs/tests.md, fourth pass).
GC_SEUILS = (10_000, 20, 10)


def pytest_configure(config):
    """In every process that runs tests (not the `pytest -n` controller, which only hands tests out
    and prints reports: importing Streamlit there cost it a second of CPU), share Streamlit's caches.
    Every process collects its garbage less often (GC_SEUILS)."""
    gc.set_threshold(*GC_SEUILS)
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        return
    _partager_les_caches_streamlit()


def _partager_les_caches_streamlit() -> None:
    from streamlit import config as st_config
    from streamlit.components.v2 import manifest_scanner
    from streamlit.runtime.scriptrunner import script_cache

    # Every AppTest scans the metadata of every installed package for Streamlit v2 components
    # (0.6 s of CPU each, over a hundred AppTests per run); the installed packages do not change
    # during a run, so each test process scans once.
    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)

    # Each AppTest has its own ScriptCache, so every run parsed app.py and its page again and rewrote
    # their AST for Streamlit's "magic" (about a tenth of a small page's run); the bytecode of an
    # unchanged file is the same, so each test process compiles each page once.
    compiler = script_cache.ScriptCache.get_bytecode

    @functools.cache
    def bytecode(chemin: str, _mtime_ns: int, _taille: int, magie: bool):
        return compiler(script_cache.ScriptCache(), chemin)

    def bytecode_partage(self, script_path: str):
        etat = os.stat(script_path)
        return bytecode(os.path.abspath(script_path), etat.st_mtime_ns, etat.st_size,
                        bool(st_config.get_option("runner.magicEnabled")))

    script_cache.ScriptCache.get_bytecode = bytecode_partage


def _construire(with_sample: bool):
    def construire(db: Path) -> None:
        from pipelines.build import construire_entrepot

        construire_entrepot(db, with_sample=with_sample, log=lambda *a, **k: None)
    return construire


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    return une_fois(tmp_path_factory, "entrepot_echantillon.duckdb", _construire(True))


@pytest.fixture(scope="session")
def empty_warehouse(tmp_path_factory) -> Path:
    return une_fois(tmp_path_factory, "entrepot_vide.duckdb", _construire(False))


@pytest.fixture(scope="session")
def lots(tmp_path_factory) -> dict[str, Path]:
    """{name: folder} of every hand-made batch (tests/fixtures/lots.py), written once."""
    racine = tmp_path_factory.mktemp("lots")
    return {nom: ecrire_lot(lot, racine / f"lot_{nom}") for nom, lot in LOTS.items()}


@pytest.fixture(scope="session")
def entrepot_du_lot(empty_warehouse, lots, tmp_path_factory):
    """entrepot_du_lot(nom) -> the empty warehouse plus the batch `nom`, built on first use."""
    def _entrepot(nom: str) -> Path:
        def construire(db: Path) -> None:
            shutil.copy2(empty_warehouse, db)
            ingerer(db, lots[nom])
        return une_fois(tmp_path_factory, f"entrepot_lot_{nom}.duckdb", construire)
    return _entrepot


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
