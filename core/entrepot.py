"""The warehouse file as the app side opens it: read-only, one connection per data version.

The app never holds the warehouse open for writing: ingestion builds a new file and swaps it in
atomically, and this module opens the current file read-only. The data version (file identity,
size and modification time) keys the connection and every cached read, so a swapped-in
warehouse is picked up on the next read and nothing stale is served. One connection per data
version is shared, with a fresh cursor per statement (cursors are safe across Streamlit threads).

Only `core.query` runs statements through this module: it is the single door for reads.
"""
from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import polars as pl

from core.config import EntrepotIntrouvable, chemin_entrepot

_lock = threading.Lock()
_connections: dict[tuple[str, str], duckdb.DuckDBPyConnection] = {}


def data_version(db: Path | None = None) -> str:
    """Identity of the warehouse file now: changes whenever a build or an ingestion swaps it."""
    path = Path(db) if db else chemin_entrepot()
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise EntrepotIntrouvable(f"entrepôt introuvable : {path}") from exc
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


def execute(sql: str, params: dict | None, db: Path, version: str) -> pl.DataFrame:
    """Run one read-only statement with bound parameters on a fresh cursor (for `core.query`)."""
    cur = _connection(db, version).cursor()
    try:
        return cur.sql(sql, params=params).pl() if params else cur.sql(sql).pl()
    finally:
        cur.close()
