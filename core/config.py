"""Where things live: project paths and the warehouse location.

One place decides the warehouse path so the CLI, the app and the tests agree: `--db` on the
command line, else the `OBSERVATOIRE_DB` environment variable, else `data/warehouse.duckdb`.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
SAMPLE_DIR = DATA_DIR / "sample"
SQL_DIR = ROOT / "sql"
DOCS_DIR = ROOT / "docs"
DB_ENV_VAR = "OBSERVATOIRE_DB"
DEFAULT_DB = DATA_DIR / "warehouse.duckdb"


class EntrepotIntrouvable(FileNotFoundError):
    """The warehouse file does not exist yet (run `python -m pipelines.build`)."""


def chemin_entrepot(explicit: str | os.PathLike | None = None) -> Path:
    """The warehouse file to use: explicit argument, then environment, then the default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(DB_ENV_VAR)
    return Path(env) if env else DEFAULT_DB
