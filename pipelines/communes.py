"""Resolve the commune codes typed in input files to communes of the reference (COG 2025).

Why it exists: files from the field carry codes in every state: Excel-mangled (`1001`, `1001.0`
for 01001), lower-case Corsican codes (`2a004`), municipal arrondissements (`13201`, `75111`),
secteurs, communes déléguées or associées, communes merged into a commune nouvelle. The ingestion
needs one answer per value: the reference commune, or a French sentence saying why there is none.
`resolve` answers one value; `resolve_series` answers a whole column with Polars (100 000 rows in
a few tens of milliseconds) with exactly the same rules.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import duckdb
import polars as pl

from core.config import REFERENCE_DIR
from core.sql import to_polars

VALID_CODE = r"^[0-9][0-9AB][0-9]{3}$"   # INSEE commune code; 2A/2B for Corsica
_EXCEL_NUMBER = r"^([0-9]{1,5})[.,]0+$"    # 1001.0 (a code read as a number by a spreadsheet)
_VALID_RE = re.compile(VALID_CODE)
_EXCEL_RE = re.compile(_EXCEL_NUMBER)
_SPACES_RE = re.compile(r"\s+")

MISSING_MESSAGE = "code commune manquant"


def invalid_message(raw: str) -> str:
    return f"« {raw} » n'est pas un code commune INSEE valide (5 caractères attendus)"


def unknown_message(raw: str) -> str:
    return f"« {raw} » n'est pas un code commune INSEE connu (référentiel COG 2025)"


def normalise(raw: str | None) -> str | None:
    """Code as INSEE writes it: no spaces, upper case, leading zero restored; None if empty."""
    if raw is None:
        return None
    code = _SPACES_RE.sub("", str(raw)).upper()
    match = _EXCEL_RE.match(code)
    if match:
        code = match.group(1)
    if code.isdigit() and len(code) == 4:
        code = "0" + code
    return code or None


def _normalise_expr(expr: pl.Expr) -> pl.Expr:
    """Polars twin of `normalise`."""
    code = expr.cast(pl.String).str.replace_all(r"\s+", "").str.to_uppercase()
    code = code.str.replace(_EXCEL_NUMBER, "${1}")
    code = pl.when(code.str.contains(r"^[0-9]{4}$")).then(pl.lit("0") + code).otherwise(code)
    return pl.when(code == "").then(None).otherwise(code)


class CommuneResolver:
    """Maps any accepted spelling of a commune code to its reference commune (COG 2025)."""

    def __init__(self, communes: Iterable[str], aliases: Mapping[str, str]):
        communes = pl.Series("code", list(communes), dtype=pl.String)
        self._depuis_series(communes, pl.DataFrame({"code": list(aliases), "code_commune": list(aliases.values())},
                                                   schema={"code": pl.String, "code_commune": pl.String}))

    def _depuis_series(self, communes: pl.Series, aliases: pl.DataFrame) -> None:
        # An alias never shadows a current commune: communes are written last (and win).
        aliases = aliases.unique("code", keep="last", maintain_order=True).filter(
            ~pl.col("code").is_in(communes.implode()))
        self._keys = pl.concat([aliases["code"], communes.alias("code")])
        self._values = pl.concat([aliases["code_commune"], communes.alias("code_commune")])

    @functools.cached_property
    def _lookup(self) -> dict[str, str]:
        """code → reference commune, for `resolve` (one value at a time)."""
        return dict(zip(self._keys.to_list(), self._values.to_list()))

    @classmethod
    def from_connection(cls, con: duckdb.DuckDBPyConnection) -> CommuneResolver:
        """Built from the warehouse tables ref_commune and ref_commune_alias (as Polars columns:
        no Python object per commune, as every batch builds one)."""
        resolveur = cls.__new__(cls)
        resolveur._depuis_series(to_polars(con.table("ref_commune").select("code_commune"))["code_commune"],
                                 to_polars(con.table("ref_commune_alias").select("code, code_commune")))
        return resolveur

    @classmethod
    def from_files(cls, directory: Path = REFERENCE_DIR) -> CommuneResolver:
        """Built from the committed Parquet files (no warehouse needed)."""
        communes = pl.read_parquet(Path(directory) / "communes.parquet", columns=["code_commune"])
        aliases = pl.read_parquet(Path(directory) / "commune_aliases.parquet")
        return cls(communes["code_commune"], dict(zip(aliases["code"], aliases["code_commune"])))

    def __len__(self) -> int:
        return len(self._lookup)

    def resolve(self, raw: str | None) -> tuple[str | None, str | None]:
        """(reference code, None) or (None, French error message)."""
        code = normalise(raw)
        if code is None:
            return None, MISSING_MESSAGE
        parent = self._lookup.get(code)
        if parent is not None:
            return parent, None
        shown = str(raw).strip()
        if not _VALID_RE.match(code):
            return None, invalid_message(shown)
        return None, unknown_message(shown)

    def resolve_series(self, s: pl.Series) -> pl.DataFrame:
        """Vectorised `resolve`: one row per input value, columns code_commune and erreur."""
        frame = pl.DataFrame({"raw": s.cast(pl.String)})
        code = pl.col("code")
        shown = pl.lit("« ") + pl.col("raw").str.strip_chars() + pl.lit(" » n'est pas un code commune INSEE ")
        # Files repeat the same codes: resolve each distinct value once, then spread back in order.
        distinct = (
            frame.unique("raw")
            .with_columns(_normalise_expr(pl.col("raw")).alias("code"))
            .with_columns(code.replace_strict(self._keys, self._values, default=None,
                                              return_dtype=pl.String).alias("code_commune"))
            .select(
                "code_commune",
                pl.when(pl.col("code_commune").is_not_null()).then(None)
                .when(code.is_null()).then(pl.lit(MISSING_MESSAGE))
                .when(~code.str.contains(VALID_CODE)).then(shown + pl.lit("valide (5 caractères attendus)"))
                .otherwise(shown + pl.lit("connu (référentiel COG 2025)"))
                .alias("erreur"),
                "raw",
            )
        )
        return frame.join(distinct, on="raw", how="left", nulls_equal=True,
                          maintain_order="left").select("code_commune", "erreur")
