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

import polars as pl
from polars._utils.pycapsule import pycapsule_to_frame  # pinned polars (requirements.txt)

from core.config import SQL_DIR

# Folders in the order their objects must be created; inside a folder files run in name order.
DDL_LAYER = "ddl"
VIEW_LAYERS = ("staging", "intermediate", "macros", "marts")
_COMMENT_OR_STRING = re.compile(r"--[^\n]*|'(?:[^']|'')*'")
_PARAM = re.compile(r"\$([A-Za-z_]\w*)")


@cache
def _fichiers_sql() -> dict[str, list[Path]]:
    """Every file of sql/ by name, listed once: a search of the tree per name took 12 ms for the
    forty names a batch load runs (1,4 ms this way)."""
    fichiers: dict[str, list[Path]] = {}
    for path in sorted(SQL_DIR.rglob("*.sql")):
        fichiers.setdefault(path.stem, []).append(path)
    return fichiers


@cache
def sql_path(name: str) -> Path:
    """The SQL file called `name` (without `.sql`), searched in every folder of sql/."""
    matches = _fichiers_sql().get(name, [])
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


# --- the write side --------------------------------------------------------------------------
# The statements that write the warehouse (and the reads the writers need) live in sql/ecriture/,
# run by name like the reads. Values are always bound (`$name`). A few statements act on a table
# named by the data contract (pipelines/contract.py) or by a file of sql/: their file writes it
# `{table}`, and `sql_ecriture` fills such placeholders only with plain identifiers (checked), which
# come from the contract or sql/ file names, never from user input.
_IDENTIFIANT = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$")


def identifiants(noms) -> str:
    """A name or a list of names, checked to be plain SQL identifiers, joined by ', '."""
    liste = [noms] if isinstance(noms, str) else list(noms)
    for nom in liste:
        if not _IDENTIFIANT.match(nom):
            raise ValueError(f"not a plain SQL identifier: {nom!r}")
    return ", ".join(liste)


# Built here from checked identifiers, or (requete) the SELECT of a file of sql/: never user input.
_CONSTRUITS = {"correspondance", "affectations", "identiques", "predicat", "requete"}


def correspondance(table: str, cles, autre: str = "n") -> str:
    """`table.k = autre.k AND …` over key columns `cles` (identifiers checked)."""
    return " AND ".join(f"{identifiants(f'{table}.{k}')} = {identifiants(f'{autre}.{k}')}" for k in cles)


def affectations(colonnes, autre: str = "n") -> str:
    """`c = autre.c, …` over columns `colonnes` (identifiers checked), for an UPDATE's SET."""
    return ", ".join(f"{identifiants(c)} = {identifiants(f'{autre}.{c}')}" for c in colonnes)


def identiques(table: str, colonnes, autre: str = "n") -> str:
    """`table.c IS NOT DISTINCT FROM autre.c AND …` over `colonnes` (identifiers checked): the two
    rows hold the same values, empty cells included; TRUE when there is no column."""
    return " AND ".join(f"{identifiants(f'{table}.{c}')} IS NOT DISTINCT FROM {identifiants(f'{autre}.{c}')}"
                        for c in colonnes) or "TRUE"


def appartenance(termes) -> str:
    """`(c1 IN (?, ?) OR c2 IN (?))` for `termes` = [(column, number of values), …] (identifiers
    checked); the values are bound in that order."""
    return "(" + " OR ".join(f"{identifiants(c)} IN ({', '.join('?' * n)})" for c, n in termes) + ")"


def appartenance_notee(colonnes) -> str:
    """`(c1 IN (SELECT id FROM _lot_touches WHERE nature = ?) OR …)` for `colonnes` (identifiers
    checked): the ids a batch noted, read in SQL when they are too many for IN lists of values;
    the natures are bound in that order."""
    return "(" + " OR ".join(f"{identifiants(c)} IN (SELECT id FROM temp._lot_touches WHERE nature = ?)"
                             for c in colonnes) + ")"


def sql_ecriture(name: str, **noms) -> str:
    """Text of the write-side file `name` with its `{placeholder}` identifiers filled (see above)."""
    texte = sql_text(name)
    if not noms:
        return texte
    return texte.format(**{cle: valeur if cle in _CONSTRUITS else identifiants(valeur)
                           for cle, valeur in noms.items()})


def to_polars(relation) -> pl.DataFrame:
    """A DuckDB result as a Polars frame through the Arrow C stream interface. Unlike
    `relation.pl()` it does not import PyArrow (and NumPy with it): 0,2 s of an ingestion's start,
    a third of what a 2-row batch costs after Python's own start. Polars' own reader of such a
    stream, not `pl.DataFrame(relation)`: the constructor's probing of the relation left DuckDB
    objects alive at exit (nanobind's "leaked instances" printed by every command)."""
    return pycapsule_to_frame(relation)
