"""Imports go one way: core ← pipelines, core ← observatoire ← ecrans / app.py, and never across.

The ingestion side (pipelines) and the app side (observatoire, ecrans, app.py) share the core and
never import each other; the core imports neither; no two top-level packages import each other.
Every import counts, the lazy ones inside functions included.
"""
from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
PAQUETS = ("core", "pipelines", "observatoire", "ecrans")
# What each side may import among the project's packages (and Streamlit, for the app side only).
PERMIS = {
    "core": {"core"},
    "pipelines": {"core", "pipelines"},
    "observatoire": {"core", "observatoire"},
    "ecrans": {"core", "observatoire"},
    "app": {"core", "observatoire"},
}
PROJET = set(PAQUETS) | {"app", "tests"}


def _modules(paquet: str) -> list[Path]:
    if paquet == "app":
        return [RACINE / "app.py"]
    return sorted((RACINE / paquet).rglob("*.py"))


def _imports(chemin: Path) -> set[str]:
    """Top-level names imported anywhere in the file (module level or inside functions)."""
    noms = set()
    for noeud in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"))):
        if isinstance(noeud, ast.Import):
            noms |= {a.name.split(".")[0] for a in noeud.names}
        elif isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module:
            noms.add(noeud.module.split(".")[0])
    return noms


@functools.cache
def _graphe() -> dict[str, dict[str, set[str]]]:
    """paquet -> imported project package -> files doing it (parsed once per test process; read only)."""
    g: dict[str, dict[str, set[str]]] = {}
    for paquet in PERMIS:
        for chemin in _modules(paquet):
            for nom in _imports(chemin) & PROJET:
                g.setdefault(paquet, {}).setdefault(nom, set()).add(str(chemin.relative_to(RACINE)))
    return g


@pytest.mark.parametrize("paquet", list(PERMIS))
def test_imports_dans_le_bon_sens(paquet):
    interdits = {nom: fichiers for nom, fichiers in _graphe().get(paquet, {}).items() if nom not in PERMIS[paquet]}
    assert not interdits, f"{paquet} importe ce qu'il ne doit pas : {interdits}"


def test_aucun_paquet_ne_s_importe_mutuellement():
    g = _graphe()
    paires = {tuple(sorted((a, b))) for a in g for b in g[a] if a != b and a in g.get(b, {})}
    assert not paires, f"imports croisés : {paires}"


def test_le_coeur_et_l_ingestion_n_importent_pas_streamlit():
    fautifs = [str(c.relative_to(RACINE)) for p in ("core", "pipelines") for c in _modules(p)
               if {"streamlit", "plotly"} & _imports(c)]
    assert not fautifs


def test_le_test_voit_une_violation(tmp_path):
    """The checker itself: a file importing pipelines from observatoire is caught."""
    fichier = tmp_path / "x.py"
    fichier.write_text("def f():\n    from pipelines.ingest import ingerer_lot\n    import core.sql\n")
    assert _imports(fichier) == {"pipelines", "core"}
