"""Named SQL files: every statement the project runs lives in `sql/`, one per file.

Python code refers to SQL by name (`kpi_zone_emploi`, `q_national`) and binds parameters; no SQL
text is ever assembled from user input. A file declares its parameters by using them
(`$annee_debut`): `declared_params` reads them once, outside comments and string literals, and
the read door (`core.query`) binds exactly those.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from core.config import SQL_DIR

# Folders in the order their objects must be created; inside a folder files run in name order.
DDL_LAYER = "ddl"
VIEW_LAYERS = ("staging", "intermediate", "macros", "marts")
_COMMENT_OR_STRING = re.compile(r"--[^\n]*|'(?:[^']|'')*'")
_PARAM = re.compile(r"\$([A-Za-z_]\w*)")


@cache
def sql_path(name: str) -> Path:
    """The SQL file called `name` (without `.sql`), searched in every folder of sql/."""
    matches = sorted(SQL_DIR.rglob(f"{name}.sql"))
    if len(matches) != 1:
        raise FileNotFoundError(f"expected one sql file named {name}.sql, found {len(matches)}")
    return matches[0]


@cache
def sql_text(name: str) -> str:
    """Text of the SQL file called `name`."""
    return sql_path(name).read_text(encoding="utf-8")


@cache
def declared_params(name: str) -> frozenset[str]:
    """The `$name` parameters the file uses (outside comments and string literals)."""
    return frozenset(_PARAM.findall(_COMMENT_OR_STRING.sub(" ", sql_text(name))))


def layer_files(layer: str) -> list[Path]:
    """SQL files of one folder of sql/, in name order."""
    return sorted((SQL_DIR / layer).glob("*.sql"))
