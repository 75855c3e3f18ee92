"""Read-only access to the warehouse for the app and the exports.

The app never holds the warehouse open for writing: ingestion builds a new file and swaps it in
atomically, and this module opens the current file read-only. The data version (file identity,
size and modification time) keys the connection and every cached query, so a swapped-in
warehouse is picked up on the next query and nothing stale is served. One connection per data
version is shared, with a fresh cursor per query (cursors are safe across Streamlit threads).
"""
from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import polars as pl

from observatoire.config import warehouse_path
from observatoire.sql_files import sql_text

_lock = threading.Lock()
_connections: dict[tuple[str, str], duckdb.DuckDBPyConnection] = {}


class WarehouseMissing(RuntimeError):
    """The warehouse file does not exist yet (run `python -m pipelines.build`)."""


def data_version(db: Path | None = None) -> str:
    """Identity of the warehouse file now: changes whenever a build or an ingestion swaps it."""
    path = Path(db) if db else warehouse_path()
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise WarehouseMissing(f"entrepôt introuvable : {path}") from exc
    return f"{st.st_ino}-{st.st_size}-{st.st_mtime_ns}"


def _connection(db: Path, version: str) -> duckdb.DuckDBPyConnection:
    key = (str(db), version)
    with _lock:
        con = _connections.get(key)
        if con is None:
            for old_key in [k for k in _connections if k[0] == str(db)]:
                _connections.pop(old_key).close()
            con = duckdb.connect(str(db), read_only=True)
            _connections[key] = con
        return con


def run_sql(sql: str, params: list | dict | None = None, db: Path | None = None) -> pl.DataFrame:
    """Run one read-only statement with bound parameters and return a Polars frame."""
    path = Path(db) if db else warehouse_path()
    cur = _connection(path, data_version(path)).cursor()
    try:
        return cur.sql(sql, params=params).pl() if params else cur.sql(sql).pl()
    finally:
        cur.close()


def query(name: str, params: list | dict | None = None, db: Path | None = None) -> pl.DataFrame:
    """Run the named SQL file (`sql/**/<name>.sql`) with bound parameters."""
    return run_sql(sql_text(name), params, db)
