"""From a grid of cells (as a spreadsheet shows them) to a RawTable of contract columns.

Every format (CSV, sheet, Parquet) is first turned into the same `Grid`: its first rows as
Python lists (to find the header: title rows above it are common in exported reports) and the
rows below the header as a Polars frame of text columns `c0, c1…` (column j of the grid) with
`_ligne`, the row number the user sees. This module finds the header row, maps headers to
contract columns, fills merged ranges, drops empty rows and empty columns, and keeps the user's
row numbers for every message, all with whole-column Polars operations: no Python loop per cell.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from pipelines.contract import BY_NAME

# the header's finding needs no Polars: pipelines.prelecture uses it before Polars is imported
from pipelines.entetes import HEADER_SCAN_ROWS, LotRefuse, _blank, locate_header, reconnaitre_jeu

# the readers import these from here, beside the Grid they build (the header's are pipelines.entetes')
__all__ = ["HEADER_SCAN_ROWS", "LotRefuse", "RawTable", "Grid", "as_text", "build_table", "frame_grid",
           "locate_header", "reconnaitre_jeu", "vides_nulles"]


@dataclass
class RawTable:
    dataset: str                 # contract dataset name, e.g. "restructurations"
    fichier: str                 # "aides.csv" or "lot.xlsx › aides"
    frame: pl.DataFrame          # Utf8 contract columns (stripped, empty -> null) + "_ligne" Int64
    extra_columns: list[str] = field(default_factory=list)  # headers that matched no contract column
    # same rows, original headers, the cells as read (the grid's own columns, not a copy)
    lues: pl.DataFrame = field(default_factory=pl.DataFrame)
    # `frame` already stripped of every Unicode space, empty cells null (build_table): validation need
    # not clean it again (0,07 s for 200 000 aids). A frame made elsewhere is cleaned.
    propre: bool = False

    @property
    def raw(self) -> pl.DataFrame:
        """The cells as read under their own headers, blank ones null (as quarantine shows them)."""
        return vides_nulles(self.lues)


def vides_nulles(frame: pl.DataFrame) -> pl.DataFrame:
    """Cells holding only spaces (or nothing) as null, others exactly as read."""
    return frame.with_columns([pl.when(pl.col(c).cast(pl.Utf8).str.strip_chars() != "").then(pl.col(c).cast(pl.Utf8))
                               .alias(c) for c in frame.columns])


@dataclass
class Grid:
    """A sheet or file as rows of cells.

    `head`: its first rows as lists of text (row i = the user's row i + 1); `rows_from(k)`: the
    rows from index k on as a frame of Utf8 columns named `c{j}` plus `_ligne` (Int64, the
    user's row number), empty rows included; `merges`: merged ranges (min_row, min_col,
    max_row, max_col), 1-based as in Excel, in the grid's coordinates."""
    head: list[list]
    rows_from: Callable[[int], pl.DataFrame]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def frame_grid(frame: pl.DataFrame, merges=()) -> Grid:
    """A Grid over a frame already holding every row (`c{j}` Utf8 columns, `_ligne`)."""
    cols = [c for c in frame.columns if c != "_ligne"]
    head = [list(r) for r in frame.head(HEADER_SCAN_ROWS).select(cols).rows()]
    return Grid(head, lambda k: frame.slice(k), list(merges))


def as_text(s: pl.Series) -> pl.Series:
    """A typed column as the text a user sees: dates ISO, whole numbers without ".0", VRAI/FAUX."""
    d = s.dtype
    if d == pl.Utf8:   # calamine's text of a date; the regex only where a cell may be one
        if not s.str.ends_with(" 00:00:00").any():
            return s
        return s.str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", "${1}")
    if d == pl.Null:
        return s.cast(pl.Utf8)
    if d == pl.Boolean:
        return pl.select(pl.when(s).then(pl.lit("VRAI")).when(~s).then(pl.lit("FAUX"))).to_series().alias(s.name)
    if d.is_float():
        whole = (s == s.floor()) & (s.abs() < 1e16)
        if whole.all():   # every value whole (or empty): one conversion, not both then a choice
            return s.cast(pl.Int64, strict=False).cast(pl.Utf8)
        return pl.select(pl.when(whole).then(s.cast(pl.Int64, strict=False).cast(pl.Utf8))
                         .otherwise(s.cast(pl.Utf8))).to_series().alias(s.name)
    if d == pl.Date:
        return s.dt.strftime("%Y-%m-%d")
    if isinstance(d, pl.Datetime):
        midnight = s.dt.time() == dt.time(0)
        if midnight.all():   # dates, as nearly always: one formatting pass, not three
            return s.dt.strftime("%Y-%m-%d")
        seconds = s.dt.strftime("%Y-%m-%d %H:%M:%S")
        micro = s.dt.microsecond() != 0
        return pl.select(pl.when(midnight).then(s.dt.strftime("%Y-%m-%d"))
                         .when(micro).then(s.dt.strftime("%Y-%m-%d %H:%M:%S%.6f"))
                         .otherwise(seconds)).to_series().alias(s.name)
    try:
        return s.cast(pl.Utf8)
    except pl.exceptions.PolarsError:
        return s.map_elements(str, return_dtype=pl.Utf8)   # nested types: rare, never the hot path


def _blank_expr(name: str) -> pl.Expr:
    return pl.col(name).is_null() | (pl.col(name).str.strip_chars() == "")


def _propre(name: str) -> pl.Expr:
    """The cell stripped of every Unicode space, null when nothing is left."""
    stripped = pl.col(name).str.strip_chars()
    return pl.when(stripped != "").then(stripped).alias(name)


def _fill_merges(data: pl.DataFrame, header_index: int, merges) -> pl.DataFrame:
    """Give every cell of a merged range in the data area the value of the range's top-left cell.

    Ranges touching the header or title rows are layout, not data. One as-of join per column
    concerned (ranges, not cells, are enumerated)."""
    spans = [m for m in merges if m[0] - 1 > header_index]
    if not spans or data.is_empty():
        return data
    tops = data.filter(pl.col("_ligne").is_in([m[0] for m in spans]))
    top_rows = {line: i for i, line in enumerate(tops["_ligne"].to_list())}
    per_column: dict[int, list[tuple[int, int, str]]] = {}
    for min_row, min_col, max_row, max_col in spans:
        src = f"c{min_col - 1}"
        if min_row not in top_rows or src not in tops.columns:
            continue
        value = tops[src][top_rows[min_row]]
        if value is None:
            continue
        for c in range(min_col - 1, max_col):
            per_column.setdefault(c, []).append((min_row, max_row, value))
    for c, ranges in per_column.items():
        name = f"c{c}"
        if name not in data.columns:
            data = data.with_columns(pl.lit(None, pl.Utf8).alias(name))
        right = pl.DataFrame(ranges, schema={"_r0": pl.Int64, "_r1": pl.Int64, "_v": pl.Utf8},
                             orient="row").sort("_r0")
        joined = data.select("_ligne").with_row_index("_i").sort("_ligne").join_asof(
            right, left_on="_ligne", right_on="_r0", strategy="backward").sort("_i")
        fill = pl.when(joined["_ligne"] <= joined["_r1"]).then(joined["_v"])
        data = data.with_columns(pl.select(fill.otherwise(data[name])).to_series().alias(name))
    return data


def _is_empty(grid: Grid) -> bool:
    if not all(all(_blank(c) for c in row) for row in grid.head):
        return False
    rest = grid.rows_from(len(grid.head))
    cols = [c for c in rest.columns if c != "_ligne"]
    return not cols or rest.is_empty() or rest.select(pl.all_horizontal(
        [_blank_expr(c) for c in cols]).all()).item()


def build_table(grid: Grid, dataset: str, fichier: str) -> RawTable:
    """Grid -> RawTable. Raises LotRefuse for an empty grid or a missing header/column."""
    if _is_empty(grid):
        raise LotRefuse(f"le fichier « {fichier} » est vide")
    header_index, mapping = locate_header(grid.head, dataset, fichier)
    header = grid.head[header_index]
    data = grid.rows_from(header_index + 1)
    data = _fill_merges(data, header_index, grid.merges)
    cells = sorted(int(c[1:]) for c in data.columns if c != "_ligne")
    # Every cell stripped once, blank ones null: which rows are empty (skipped), which columns hold
    # data, and the contract columns' values all come from it (three strips of every cell were
    # 0,2 s of 200 000 aids).
    propres = data.select([_propre(f"c{j}") for j in cells])
    nonblank = set()
    if cells:
        remplies = propres.select(pl.any_horizontal(pl.all().is_not_null())).to_series()
        if not remplies.all():   # empty rows: skipped
            data, propres = data.filter(remplies), propres.filter(remplies)
        nonblank = {j for j in cells if propres[f"c{j}"].null_count() < propres.height}

    # Raw column names: original header text; empty headers with data get "colonne_N".
    names: list[str] = []
    seen: set[str] = set()
    positions: list[int] = []
    for j in sorted(set(range(len(header))) | nonblank):
        cell = header[j] if j < len(header) else None
        if _blank(cell):
            if j not in nonblank:
                continue
            name = f"colonne_{j + 1}"
        else:
            name = str(cell).strip()
        base, n = name, 2
        while name in seen:
            name, n = f"{base}_{n}", n + 1
        seen.add(name)
        names.append(name)
        positions.append(j)

    contract_order = [c.name for c in BY_NAME[dataset].columns if c.name in mapping]
    frame = pl.DataFrame([propres[f"c{mapping[c]}"].alias(c) if f"c{mapping[c]}" in propres.columns
                          else pl.repeat(None, data.height, dtype=pl.Utf8, eager=True).alias(c) for c in contract_order]
                         + [data["_ligne"].cast(pl.Int64)], height=data.height)
    # A column the cleaning left as it was is the grid's own column, not a copy: the cells are
    # held once, not twice, until validated (70 MB of the ×10 sample's aids, as text).
    frame = frame.with_columns([data[f"c{mapping[c]}"].alias(c) for c in contract_order
                                if f"c{mapping[c]}" in data.columns and frame[c].equals(data[f"c{mapping[c]}"])])
    # The cells as read, the grid's own columns (not a copy); blank ones become null only for the
    # rejected rows that quarantine keeps (pipelines.cellules.brutes).
    raw = data.select([pl.col(f"c{j}").alias(f"_r{i}") if f"c{j}" in data.columns else pl.lit(None, pl.Utf8).alias(f"_r{i}")
                       for i, j in enumerate(positions)])
    raw = raw.rename({f"_r{i}": name for i, name in enumerate(names)})
    mapped = set(mapping.values())
    extra = [name for name, j in zip(names, positions) if j not in mapped]
    return RawTable(dataset=dataset, fichier=fichier, frame=frame, extra_columns=extra, lues=raw,
                    propre=True)
