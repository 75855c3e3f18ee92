"""The warehouse rows the rules look at, read only for the ids a batch names.

A reference (a follow-up's aid, an aid's convention) and the cumulative follow-up rule compare a
batch with rows already in the warehouse. Reading every row of every dataset for that cost 0,3 s
and 200 MB on the ×10 warehouse whatever the batch's size; `LignesEntrepot` reads, per dataset and
column, the rows whose id the batch names (the values go to DuckDB as a registered column, joined
there). `lignes_entrepot` is what the rules call: it also takes a plain dict of frames (tests).
"""
from __future__ import annotations

from contextlib import contextmanager

import polars as pl

from core.sql import sql_ecriture, to_polars

# The columns the rules read beside the key (pipelines.validate, pipelines.signalements).
ATTRIBUTES = {"restructurations": ["date_notification", "emplois_supprimes"],
              "aides": ["date_decision", "emplois_prevus"],
              "suivi_emplois": ["emplois_crees"]}


def enregistrer(con, nom: str, frame: pl.DataFrame) -> None:
    """Show a Polars frame to DuckDB's SQL as `nom`, as an Arrow C stream: its text as string views
    (no copy of the text: a million follow-ups' keys and files cost 90 MB less than as Arrow large
    strings), and no PyArrow imported (DuckDB converts a Polars frame given itself through PyArrow)."""
    con.register(nom, _Flux(frame))


class _Flux:
    """A Polars frame seen by DuckDB as an Arrow C stream, opened again at each scan."""
    __slots__ = ("frame",)

    def __init__(self, frame: pl.DataFrame):
        self.frame = frame

    def __arrow_c_stream__(self, requested_schema=None):
        return self.frame.__arrow_c_stream__(requested_schema)


class _Lecteur:
    """A reader of the warehouse for the ids a batch names, which can also read each table whole."""
    memo: dict[str, pl.DataFrame] | None = None
    con = None

    def _lire(self, name: str, colonne: str, valeurs: pl.Series, parmi: str, tout: str) -> pl.DataFrame:
        """Rows of the query `parmi` (joined to the ids `valeurs`, registered as _lot_valeurs),
        or, while `en_entier`, of `tout` read once for `name` and filtered on `colonne`."""
        valeurs = valeurs.cast(pl.Utf8)
        if self.memo is not None:
            if name not in self.memo:
                self.memo[name] = to_polars(self.con.sql(tout))
            return self.memo[name].filter(pl.col(colonne).is_in(valeurs.implode()))
        enregistrer(self.con, "_lot_valeurs", pl.DataFrame({"v": valeurs}))
        try:
            return to_polars(self.con.sql(parmi))
        finally:
            self.con.unregister("_lot_valeurs")

    @contextmanager
    def en_entier(self):
        """While a dataset is validated in parts: each table read whole once and filtered for
        each part (one scan of the table, not one per part)."""
        self.memo = {}
        try:
            yield
        finally:
            self.memo = None


class LignesEntrepot(_Lecteur):
    """Rows of the warehouse's data tables (key + ATTRIBUTES), read on demand."""

    def __init__(self, con, datasets):
        self.con = con
        self.colonnes = {ds.name: [*ds.key, *ATTRIBUTES.get(ds.name, [])] for ds in datasets}

    def get(self, name: str, default=None) -> pl.DataFrame | None:
        """Every row of `name` (what a dict of frames would give)."""
        if name not in self.colonnes:
            return default
        return to_polars(self.con.sql(sql_ecriture("lot_lignes_existantes", table=name, colonnes=self.colonnes[name])))

    def parmi(self, name: str, colonne: str, valeurs: pl.Series) -> pl.DataFrame | None:
        """The rows of `name` whose `colonne` is one of `valeurs`."""
        if name not in self.colonnes:
            return None
        return self._lire(name, colonne, valeurs,
                          sql_ecriture("lot_lignes_existantes_parmi", table=name, colonne=colonne,
                                       colonnes=self.colonnes[name]),
                          sql_ecriture("lot_lignes_existantes", table=name, colonnes=self.colonnes[name]))


def lignes_entrepot(existing, name: str, colonne: str, valeurs: pl.Series) -> pl.DataFrame | None:
    """The warehouse rows of `name` whose `colonne` is one of `valeurs` (None: no such dataset).
    `existing` is a LignesEntrepot, or a dict of frames (tests)."""
    if isinstance(existing, LignesEntrepot):
        return existing.parmi(name, colonne, valeurs)
    rows = existing.get(name)
    return None if rows is None else rows.filter(pl.col(colonne).is_in(valeurs.cast(pl.Utf8).implode()))


class DepartementsEntrepot(_Lecteur):
    """id → département of the restructurings (their site), conventions, funds and aids already
    loaded, read for the ids a batch names (sql/ecriture/lot_departements_*.sql)."""
    NOMS = ("restructurations", "conventions", "fonds", "aides")

    def __init__(self, con):
        self.con = con

    def __contains__(self, name: str) -> bool:
        return name in self.NOMS

    def parmi(self, name: str, valeurs: pl.Series) -> pl.DataFrame | None:
        if name not in self.NOMS:
            return None
        tout = sql_ecriture(f"lot_departements_{name}")
        rows = self._lire(name, "id", valeurs, sql_ecriture("lot_departements_parmi", requete=tout), tout)
        return rows.cast({"id": pl.Utf8, "departement": pl.Utf8})


def departements_parmi(source, name: str, valeurs: pl.Series) -> pl.DataFrame | None:
    """The warehouse's id → département of `name` for the ids among `valeurs` (None: not a dataset
    with a département of its own). `source` is a DepartementsEntrepot, or a dict of frames."""
    if isinstance(source, DepartementsEntrepot):
        return source.parmi(name, valeurs)
    return lignes_entrepot(source, name, "id", valeurs)
