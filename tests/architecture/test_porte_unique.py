"""One door for reads: no page, export or COPIL code reaches DuckDB except through core.query.

Statically: on the app side (app.py, ecrans/, observatoire/) nothing imports duckdb or calls the
warehouse module's statement runner; inside the core only core/query.py does. Pages hold no SQL
text. The run-time check (every page reads only through the door) is tests/app/test_ecrans_fumee.py.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
COTE_APPLI = [RACINE / "app.py", *sorted((RACINE / "ecrans").glob("*.py")),
              *sorted((RACINE / "observatoire").rglob("*.py"))]
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b.+\bFROM\b|\bFROM\s+\w+\s+WHERE\b", re.IGNORECASE | re.DOTALL)


def _noms(chemin: Path) -> tuple[set[str], set[str]]:
    """(imported modules, attribute / name references) of a file."""
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    imports, refs = set(), set()
    for n in ast.walk(arbre):
        if isinstance(n, ast.Import):
            imports |= {a.name for a in n.names}
        elif isinstance(n, ast.ImportFrom) and n.module:
            imports.add(n.module)
            refs |= {f"{n.module}.{a.name}" for a in n.names}
        elif isinstance(n, ast.Attribute):
            refs.add(n.attr)
    return imports, refs


def test_le_cote_appli_n_ouvre_pas_duckdb():
    fautifs = [str(c.relative_to(RACINE)) for c in COTE_APPLI if any(m.split(".")[0] == "duckdb" for m in _noms(c)[0])]
    assert not fautifs, f"duckdb importé hors de la porte : {fautifs}"


def test_seule_la_porte_execute_des_requetes():
    fautifs = []
    for chemin in [*COTE_APPLI, *sorted((RACINE / "core").glob("*.py"))]:
        if chemin.name in ("query.py", "entrepot.py") and chemin.parent.name == "core":
            continue
        _imports, refs = _noms(chemin)
        if refs & {"execute", "_connection", "core.entrepot.execute", "core.entrepot._connection"} and (
                "core.entrepot" in _imports or "entrepot" in refs):
            fautifs.append(str(chemin.relative_to(RACINE)))
    assert not fautifs, f"lecture hors de core.query : {fautifs}"


def test_les_pages_ne_contiennent_pas_de_sql():
    fautifs = []
    for chemin in [RACINE / "app.py", *sorted((RACINE / "ecrans").glob("*.py"))]:
        for n in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"))):
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and SQL.search(n.value):
                fautifs.append(f"{chemin.name}: {n.value[:60]!r}")
    assert not fautifs
