"""Where things live: project paths, the warehouse location, the deployment's contact.

One place decides the warehouse path so the CLI, the app and the tests agree: `--db` on the
command line, else the `OBSERVATOIRE_DB` environment variable, else `data/warehouse.duckdb`.
The team's contact address, which the accessibility statement must give, is the deployment's
`OBSERVATOIRE_CONTACT` (an e-mail address or a contact form's URL).
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
CONTACT_ENV_VAR = "OBSERVATOIRE_CONTACT"


class EntrepotIntrouvable(FileNotFoundError):
    """The warehouse file does not exist yet (run `python -m pipelines.build`)."""


def chemin_entrepot(explicit: str | os.PathLike | None = None) -> Path:
    """The warehouse file to use: explicit argument, then environment, then the default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(DB_ENV_VAR)
    return Path(env) if env else DEFAULT_DB


def contact() -> str | None:
    """The deployment's contact address (`OBSERVATOIRE_CONTACT`), None when not set."""
    valeur = os.environ.get(CONTACT_ENV_VAR, "").strip()
    return valeur or None
