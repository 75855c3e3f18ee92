"""Create the warehouse's schema and its views from the SQL files in `sql/`.

Tables come from `sql/ddl/`, views from `sql/staging`, `sql/intermediate` and `sql/marts`
in that order (one statement per file, named after what it creates). Re-running is safe:
tables use IF NOT EXISTS, views CREATE OR REPLACE.
"""
from __future__ import annotations

import duckdb

from observatoire.sql_files import VIEW_LAYERS, layer_files


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the reference, data and ingestion tables (idempotent)."""
    for path in layer_files("ddl"):
        con.execute(path.read_text(encoding="utf-8"))


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view and macro of the semantic layer, layer by layer."""
    for layer in VIEW_LAYERS:
        for path in layer_files(layer):
            con.execute(path.read_text(encoding="utf-8"))
