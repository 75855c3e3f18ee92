"""Modules stay small enough to read in one sitting: at most 300 lines outside tests, 150 per page.

A module that grows past the limit is split by responsibility (e.g. the map's geometry,
observatoire/geojson.py, out of the choropleth, observatoire/maps.py; the tables,
observatoire/tableaux.py, out of the page frame, observatoire/layout.py), not squeezed. There is
no list of exceptions: every module is under the limit.
"""
from __future__ import annotations

from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
MAX_MODULE = 300
MAX_ECRAN = 150
HORS = {"tests", ".venv", "test-output"}


def _modules() -> list[Path]:
    return sorted(p for p in RACINE.rglob("*.py")
                  if not HORS & set(p.relative_to(RACINE).parts[:1]) and "site-packages" not in p.parts)


def _lignes(chemin: Path) -> int:
    return len(chemin.read_text(encoding="utf-8").splitlines())


def test_les_modules_sont_trouves():
    noms = {str(p.relative_to(RACINE)) for p in _modules()}
    assert {"app.py", "core/query.py", "pipelines/parsers.py", "observatoire/maps.py", "ecrans/carte.py",
            "scripts/bench_views.py"} <= noms


@pytest.mark.parametrize("limite, dossier", [(MAX_MODULE, None), (MAX_ECRAN, "ecrans")])
def test_aucun_module_trop_long(limite, dossier):
    tailles = {str(p.relative_to(RACINE)): _lignes(p) for p in _modules()
               if dossier is None or p.relative_to(RACINE).parts[0] == dossier}
    trop_longs = {nom: n for nom, n in tailles.items() if n > limite}
    assert not trop_longs, f"plus de {limite} lignes, à découper par responsabilité : {trop_longs}"
