"""Modules stay small enough to read in one sitting: at most 300 lines outside tests, 150 per page.

A module that grows past the limit is split by responsibility (e.g. the map's geometry,
observatoire/geojson.py, out of the choropleth, observatoire/maps.py), not squeezed.
"""
from __future__ import annotations

from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
MAX_MODULE = 300
MAX_ECRAN = 150
HORS = {"tests", ".venv", "test-output"}
# Known debt, to split by responsibility (issue 9): a module listed here may not grow past its
# recorded size, and must leave the list once it is back under the limit.
EN_ATTENTE = {"observatoire/layout.py": 304}


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
    trop_longs = {nom: n for nom, n in tailles.items() if n > max(limite, EN_ATTENTE.get(nom, 0))}
    assert not trop_longs, f"plus de {limite} lignes, à découper par responsabilité : {trop_longs}"


def test_la_dette_connue_ne_fait_que_baisser():
    revenus = {nom: _lignes(RACINE / nom) for nom in EN_ATTENTE if _lignes(RACINE / nom) <= MAX_MODULE}
    assert not revenus, f"de nouveau sous {MAX_MODULE} lignes : retirer de EN_ATTENTE {revenus}"
