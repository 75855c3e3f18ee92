"""Refresh the derived tables for what a batch touched, instead of recomputing them all.

Recomputing every derived table costs seconds on a large warehouse (2,8 s on the ×10 sample), the
same for a 2-row batch as for a million rows. So a batch notes what it touched: the ids of its
valid rows (`racines`), widened in SQL to what depends on them (`sql/ecriture/lot_touches.sql`:
the conventions of a restructuring, the aids of a convention or fund, the conventions paying
into a fund whose aids changed…), on the warehouse before the batch is written and again after
(an aid moved from one convention to another touches both). They go to a temporary table of
the batch's connection, `_lot_touches`.

Each derived table's file declares which of those ids identify its rows, e.g.
`-- incrémental : aide = id_aide` or, for a table of several kinds of rows,
`-- incrémental : restructuration = id_restructuration, convention = id_convention`. Its rows
for the touched ids are deleted and computed again by the file's own SELECT filtered on the
same ids: one definition per table, whether refreshed in full or in part. Up to `LIMITE` ids
they are bound values (which DuckDB pushes down to the data tables' scans), up to `LIMITE_NOTEE`
they are read from _lot_touches in SQL; `en_partie` says when to refresh in part at all (not on a
first load, nor above LIMITE_NOTEE, nor when nothing was noted: data changed outside a batch).
tests/sql/test_refresh.py checks that every way gives the same tables.
"""
from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from core.sql import appartenance, appartenance_notee, sql_ecriture, to_polars
from pipelines.lignes_entrepot import enregistrer

NATURES = ("restructuration", "convention", "fonds", "aide")
# Above this many touched ids, recomputing every table is as fast as refreshing rows (an IN list
# of bound values per table), and a batch that large is a bulk load anyway.
LIMITE = 5_000
# Up to this many, the touched ids are read from _lot_touches in SQL (a join) rather than bound
# as values: 200 000 new aids refresh in about a third of a full recompute. Above, everything is
# recomputed (a bulk load: about as fast, and the tables stay in id order).
LIMITE_NOTEE = 250_000
_DECLARATION = re.compile(r"^--\s*incrémental\s*:\s*(.+)$", re.MULTILINE)
# The SELECT's final ORDER BY: its last line, nothing after it but blanks and a semicolon.
_ORDRE_FINAL = re.compile(r"^ORDER[ \t]+BY[ \t]+[^\n]+?\s*;?\s*\Z", re.IGNORECASE | re.MULTILINE)
_CREATION = re.compile(r"^\s*CREATE\s+OR\s+REPLACE\s+TABLE\s+\w+\s+AS\s+", re.IGNORECASE | re.MULTILINE)
# Columns of a batch's valid rows that name what it touches: dataset → [(column, racines key)].
_RACINES = {
    "restructurations": [("id_restructuration", "restructurations")],
    "conventions": [("id_convention", "conventions")],
    "fonds": [("id_fonds", "fonds")],
    "dotations": [("id_convention", "dotations_conventions"), ("id_fonds", "dotations_fonds")],
    "aides": [("id_aide", "aides")],
    "suivi_emplois": [("id_aide", "aides")],
}
PARAMETRES = ("restructurations", "conventions", "fonds", "aides", "dotations_conventions", "dotations_fonds")


def cles_incrementales(path: Path) -> list[tuple[str, str]]:
    """(nature, column) pairs a derived table's file declares (`-- incrémental : …`)."""
    found = _DECLARATION.search(path.read_text(encoding="utf-8"))
    if not found:
        raise ValueError(f"{path.name} : table dérivée sans ligne « -- incrémental : nature = colonne »")
    pairs = []
    for part in found.group(1).split(","):
        nature, _, colonne = (x.strip() for x in part.partition("="))
        if nature not in NATURES or not colonne:
            raise ValueError(f"{path.name} : « {part.strip()} » n'est pas « nature = colonne » "
                             f"(natures : {', '.join(NATURES)})")
        pairs.append((nature, colonne))
    return pairs


def requete(path: Path) -> str:
    """The SELECT of a derived table's file (what follows `CREATE OR REPLACE TABLE … AS`) without its
    final ORDER BY, which lays out a table built whole (in id order: full row groups, the partly
    filled one last) and which the partial refresh leaves out:
    - a filter written above an ORDER BY stays above it in DuckDB's plan: the whole table was
      computed and sorted before 200 000 new aids were kept out of 578 000 (0,15 s);
    - the refreshed rows are appended to the table's last row groups whatever their order, and
      every query orders its own result: sorting them cost 0,02–0,1 s for 200 000 new aids
      (docs/performance-ingestion.md, fifteenth pass)."""
    texte = path.read_text(encoding="utf-8")
    found = _CREATION.search(texte)
    if not found:
        raise ValueError(f"{path.name} : pas de « CREATE OR REPLACE TABLE … AS »")
    select = texte[found.end():]
    fin = _ORDRE_FINAL.search(select)
    return select[:fin.start()] if fin else select


def racines(validated, limite: int | None = None) -> dict[str, pl.Series] | None:
    """The ids the batch's valid rows name, per parameter of lot_touches.sql (each once); None as
    soon as there are more than `limite` (the batch will recompute everything: no need to list them)."""
    ids: dict[str, list[pl.Series]] = {p: [] for p in PARAMETRES}
    total = 0
    for v in validated:
        if v.valid.height:
            for colonne, cle in _RACINES.get(v.dataset.name, []):
                distincts = v.valid[colonne].drop_nulls().cast(pl.Utf8).unique()
                total += distincts.len()
                if limite is not None and total > limite:
                    return None
                ids[cle].append(distincts)
    return {p: pl.concat(series).unique() if series else pl.Series([], dtype=pl.Utf8) for p, series in ids.items()}


def noter_touches(con, ids: dict[str, pl.Series]) -> None:
    """Add what these ids touch, on the warehouse as it is now, to the connection's _lot_touches.
    The ids go to DuckDB as a registered frame, not as bound lists: 200 000 new aids were 0,2 s
    of Python lists converted, twice per batch."""
    racines_lot = pl.concat([s.to_frame("id").select(pl.lit(p, pl.Utf8).alias("parametre"), "id")
                             for p, s in ids.items()], how="vertical")
    con.execute(sql_ecriture("lot_touches_table"))
    enregistrer(con, "_lot_racines", racines_lot)
    try:
        con.execute(sql_ecriture("lot_touches"))
    finally:
        con.unregister("_lot_racines")


class Touches:
    """What a batch noted in _lot_touches: how many ids of each nature, and the ids themselves,
    read only when asked (the bound values of a small batch): a large batch is refreshed through
    _lot_touches in SQL and needs only the counts (200 000 ids as Python strings were 0,1 s)."""

    def __init__(self, con, nombres: dict[str, int]):
        self._con, self.nombres, self._ids = con, {n: nombres.get(n, 0) for n in NATURES}, {}

    @property
    def total(self) -> int:
        return sum(self.nombres.values())

    def __getitem__(self, nature: str) -> list[str]:
        """The ids of `nature`, each once, in order (the same batch always binds the same lists)."""
        if nature not in self._ids:
            self._ids[nature] = (to_polars(self._con.sql(sql_ecriture("lot_touches_ids"), params={"nature": nature}))
                                 ["id"].to_list() if self.nombres[nature] else [])
        return self._ids[nature]


def lire_touches(con) -> Touches | None:
    """What the batch noted, None when nothing was noted in this connection."""
    if not con.execute(sql_ecriture("lot_touches_existe")).fetchall()[0][0]:
        return None
    return Touches(con, dict(con.execute(sql_ecriture("lot_touches_lire")).fetchall()))


def oublier_touches(con) -> None:
    con.execute(sql_ecriture("lot_touches_oublier"))


def en_partie(con, touches: Touches | None) -> bool:
    """Whether the derived tables are refreshed for the touched ids only: up to LIMITE ids, and
    up to LIMITE_NOTEE unless they are still empty (a first load); not when nothing was noted."""
    if touches is None:
        return False
    n = touches.total
    return n <= LIMITE or (n <= LIMITE_NOTEE and not con.execute(sql_ecriture("derivee_vide")).fetchall()[0][0])


def rafraichir(con, files: list[Path], table_of, touches: Touches, on_table=None) -> None:
    """Delete and recompute, in each derived table (in creation order), the rows of touched ids
    (bound values up to LIMITE ids, the noted table _lot_touches beyond)."""
    notees = touches.total > LIMITE
    for i, path in enumerate(files, start=1):
        termes = [(colonne, nature) for nature, colonne in cles_incrementales(path) if touches.nombres[nature]]
        if termes:
            if notees:
                predicat = appartenance_notee([colonne for colonne, _ in termes])
                valeurs = [nature for _, nature in termes]
            else:
                predicat = appartenance([(colonne, touches.nombres[nature]) for colonne, nature in termes])
                valeurs = [ident for _, nature in termes for ident in touches[nature]]   # in order (Touches)
            table = table_of(path)
            con.execute(sql_ecriture("derivee_supprimer", table=table, predicat=predicat), valeurs)
            con.execute(sql_ecriture("derivee_inserer", table=table, requete=requete(path), predicat=predicat),
                        valeurs)
        if on_table:
            on_table(i, len(files))
