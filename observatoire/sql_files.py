"""Named SQL files: every statement the project runs lives in `sql/`, one per file.

Python code refers to SQL by name (`kpi_zone_emploi`, `q_national_par_annee`) and binds
parameters; no SQL text is ever assembled from user input.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from observatoire.config import SQL_DIR

# Layers in the order they must be created; inside a layer files run in name order.
VIEW_LAYERS = ("staging", "intermediate", "marts")


@lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    """Text of the SQL file called `name` (without `.sql`), searched in every folder of sql/."""
    matches = sorted(SQL_DIR.rglob(f"{name}.sql"))
    if len(matches) != 1:
        raise FileNotFoundError(f"expected one sql file named {name}.sql, found {len(matches)}")
    return matches[0].read_text(encoding="utf-8")


def layer_files(layer: str) -> list[Path]:
    """SQL files of one folder of sql/, in name order."""
    return sorted((SQL_DIR / layer).glob("*.sql"))
