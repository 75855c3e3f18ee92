"""Create the warehouse's schema, its semantic layer, and keep the derived tables up to date.

Tables come from `sql/ddl/`, the semantic layer from `sql/staging`, `sql/intermediate` and
`sql/marts` in that order (one statement per file, named after what it creates). Most of the
layer is views and table macros; the heavy, filter-independent intermediate results (latest
follow-up per aid, located aids, attribution, convention results, located facts, flags) are
`CREATE OR REPLACE TABLE … AS SELECT` files: *derived tables*, computed from the data tables.
`create_views` computes them from the data present; `refresh_derived` recomputes them and is
called by `pipelines.loader.charger_lot` inside the batch's transaction, so data and derived
tables always commit together. Re-running either is safe.
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb

from core.sql import VIEW_LAYERS, layer_files

_TABLE = re.compile(r"^\s*CREATE\s+OR\s+REPLACE\s+TABLE\s+(\w+)\b", re.IGNORECASE | re.MULTILINE)


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
    return [p for layer in VIEW_LAYERS for p in layer_files(layer) if derived_table(p)]


def _drop_view(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """A warehouse built before `name` became a table holds a view of that name: drop it."""
    kind = con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = ?",
                       [name]).fetchone()
    if kind and kind[0] == "VIEW":
        con.execute(f"DROP VIEW {name}")   # name from a file of sql/, not user input


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view, macro and derived table of the semantic layer, layer by layer."""
    for layer in VIEW_LAYERS:
        for path in layer_files(layer):
            table = derived_table(path)
            if table:
                _drop_view(con, table)
            con.execute(path.read_text(encoding="utf-8"))


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every derived table from the data tables (in the caller's transaction, if any).

    A warehouse whose semantic layer predates a derived table (the table is missing or still a
    view) gets its whole layer recreated instead, which computes the tables as well.
    """
    files = derived_files()
    names = [derived_table(p) for p in files]
    present = dict(con.execute(
        "SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN "
        "(SELECT unnest(?::VARCHAR[]))", [names]).fetchall())
    if any(present.get(n) != "BASE TABLE" for n in names):
        create_views(con)
        return
    for path in files:
        con.execute(path.read_text(encoding="utf-8"))
