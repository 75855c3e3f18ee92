"""Create the warehouse's schema, its semantic layer, and keep the derived tables up to date.

Tables come from `sql/ddl/`, the semantic layer from `sql/staging`, `sql/intermediate`,
`sql/macros` and `sql/marts` (one statement per file, named after what it creates), created in
dependency order: a file runs after every file whose object it names (`layer_order`), so each file
sits in the layer it belongs to whatever its name. Most of the
layer is views and table macros; the heavy, filter-independent intermediate results (latest
follow-up per aid, located aids, attribution, convention results, located facts, flags) are
`CREATE OR REPLACE TABLE … AS SELECT` files: *derived tables*, computed from the data tables.
`create_views` computes them from the data present; `refresh_derived` brings them up to date
(only the rows a batch touched, see `pipelines.refresh`, or all of them) and is called by
`pipelines.loader.charger_lot` inside the batch's transaction, so data and derived tables always
commit together. Re-running either is safe.
"""
from __future__ import annotations

import heapq
import re
from functools import lru_cache
from pathlib import Path

import duckdb

from core.sql import VIEW_LAYERS, layer_files, sql_ecriture
from pipelines import refresh

_TABLE = re.compile(r"^\s*CREATE\s+OR\s+REPLACE\s+TABLE\s+(\w+)\b", re.IGNORECASE | re.MULTILINE)
_VUE = re.compile(r"^\s*CREATE\s+OR\s+REPLACE\s+VIEW\s+(\w+)\b", re.IGNORECASE | re.MULTILINE)
_OBJET = re.compile(r"^\s*CREATE\s+OR\s+REPLACE\s+(?:TABLE|VIEW|MACRO)\s+(\w+)\b", re.IGNORECASE | re.MULTILINE)
_COMMENTAIRE = re.compile(r"--[^\n]*")
_MOT = re.compile(r"\b\w+\b")


class OrdreImpossible(RuntimeError):
    """The semantic layer's files depend on each other in a cycle."""


@lru_cache(maxsize=1)
def _ordre_cache(signature: tuple) -> tuple[Path, ...]:
    fichiers = [Path(p) for p, _ in signature]
    return tuple(_trier(fichiers))


def _trier(fichiers: list[Path]) -> list[Path]:
    """Files in dependency order: a file comes after every file whose object it names.

    Ties (files that do not depend on each other) keep the layer order, then the name order, so
    the order is stable and readable.
    """
    textes = {p: _COMMENTAIRE.sub(" ", p.read_text(encoding="utf-8")) for p in fichiers}
    cree = {}
    for p, t in textes.items():
        m = _OBJET.search(t)
        if m:
            cree[m.group(1).lower()] = p
    rang = {p: (VIEW_LAYERS.index(p.parent.name), p.name) for p in fichiers}
    besoins = {p: {cree[m] for m in {w.lower() for w in _MOT.findall(t)} if m in cree and cree[m] != p}
               for p, t in textes.items()}
    suivants: dict[Path, set[Path]] = {p: set() for p in fichiers}
    for p, deps in besoins.items():
        for d in deps:
            suivants[d].add(p)
    restants = {p: len(deps) for p, deps in besoins.items()}
    prets = [(rang[p], p) for p, n in restants.items() if n == 0]
    heapq.heapify(prets)
    ordre = []
    while prets:
        _, p = heapq.heappop(prets)
        ordre.append(p)
        for s in suivants[p]:
            restants[s] -= 1
            if restants[s] == 0:
                heapq.heappush(prets, (rang[s], s))
    if len(ordre) != len(fichiers):
        bloques = sorted(str(p.relative_to(p.parents[1])) for p in fichiers if p not in ordre)
        raise OrdreImpossible(f"dépendances circulaires entre : {', '.join(bloques)}")
    return ordre


def layer_order() -> list[Path]:
    """Every file of the semantic layer (staging, intermediate, macros, marts) in creation order."""
    fichiers = [p for layer in VIEW_LAYERS for p in layer_files(layer)]
    signature = tuple((str(p), p.stat().st_mtime_ns) for p in fichiers)
    return list(_ordre_cache(signature))


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the reference, data and ingestion tables (idempotent)."""
    for path in layer_files("ddl"):
        con.execute(path.read_text(encoding="utf-8"))


def derived_table(path: Path) -> str | None:
    """Name of the derived table a semantic-layer file creates, None for a view or a macro."""
    match = _TABLE.search(path.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def derived_files() -> list[Path]:
    """The semantic layer's table files, in creation order (each may read earlier ones)."""
    return [p for p in layer_order() if derived_table(p)]


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view, macro and derived table of the semantic layer, in dependency order.
    A warehouse built when a derived table was a view, or a view a derived table, holds an object
    of the other kind under that name: it is dropped first (names from the files of sql/)."""
    textes = [path.read_text(encoding="utf-8") for path in layer_order()]
    noms = [m.group(1) for m in map(_OBJET.search, textes) if m]
    existants = dict(con.execute(sql_ecriture("schema_types_objets"), {"noms": noms}).fetchall())
    for texte in textes:
        table, vue = _TABLE.search(texte), _VUE.search(texte)
        if table and existants.get(table.group(1)) == "VIEW":
            con.execute(sql_ecriture("schema_supprimer_vue", vue=table.group(1)))
        elif vue and existants.get(vue.group(1)) == "BASE TABLE":
            con.execute(sql_ecriture("schema_supprimer_table", table=vue.group(1)))
        con.execute(texte)


def refresh_derived(con: duckdb.DuckDBPyConnection, on_table=None) -> None:
    """Bring every derived table up to date with the data tables (in the caller's transaction).

    After a batch that noted what it touched (`pipelines.refresh`), only those rows are computed
    again: up to `refresh.LIMITE` ids always, up to `refresh.LIMITE_NOTEE` unless the derived
    tables are still empty (a first load); otherwise every table is recomputed.
    A warehouse whose semantic layer predates a derived table (the table is missing or still a
    view) gets its whole layer recreated instead, which computes the tables as well.
    """
    files = derived_files()
    names = [derived_table(p) for p in files]
    present = dict(con.execute(sql_ecriture("schema_types_objets"), {"noms": names}).fetchall())
    touches = refresh.lire_touches(con)
    if any(present.get(n) != "BASE TABLE" for n in names):
        create_views(con)
    elif refresh.en_partie(con, touches):
        refresh.rafraichir(con, files, derived_table, touches, on_table)
    else:
        for i, path in enumerate(files, start=1):
            con.execute(path.read_text(encoding="utf-8"))
            if on_table:
                on_table(i, len(files))   # (tables done, tables): for a progress bar
    if touches is not None:
        refresh.oublier_touches(con)
