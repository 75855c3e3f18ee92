"""From a grid of cells (as a spreadsheet shows them) to a RawTable of contract columns.

Every format (CSV, sheet, Parquet) is first turned into the same grid: a list of rows, row i
being the row the user sees as number i + 1. This module finds the header row (title rows above
it are common in exported reports), maps headers to contract columns, fills merged ranges, drops
empty rows and trailing empty columns, and keeps the user's row numbers for every message.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from pipelines.contract import BY_NAME
from pipelines.names import match_column

HEADER_SCAN_ROWS = 30

Cell = "str | None"


class LotRefuse(Exception):
    """The whole batch is refused; str(exc) is a French sentence naming the file."""


@dataclass
class RawTable:
    dataset: str                 # contract dataset name, e.g. "restructurations"
    fichier: str                 # "aides.csv" or "lot.xlsx › aides"
    frame: pl.DataFrame          # Utf8 contract columns (stripped, empty -> null) + "_ligne" Int64
    extra_columns: list[str] = field(default_factory=list)  # headers that matched no contract column
    raw: pl.DataFrame = field(default_factory=pl.DataFrame)  # same rows, original headers, raw strings


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trimmed_len(row: list) -> int:
    n = len(row)
    while n and _blank(row[n - 1]):
        n -= 1
    return n


def _match_row(row: list, dataset: str) -> tuple[dict[str, list[int]], int]:
    """Contract column -> positions of the headers naming it in this row, and distinct match count."""
    found: dict[str, list[int]] = {}
    for j, cell in enumerate(row):
        if _blank(cell):
            continue
        col = match_column(str(cell), dataset)
        if col:
            found.setdefault(col, []).append(j)
    return found, len(found)


def _headers_text(row: list) -> str:
    cells = [str(c).strip() for c in row if not _blank(c)]
    return ", ".join(cells) if cells else "aucun"


def locate_header(rows: list[list], dataset: str, fichier: str) -> tuple[int, dict[str, int]]:
    """Index of the header row within the first rows, and contract column -> position."""
    required = BY_NAME[dataset].required_columns
    best = None  # (has_all_required, count, -index) ordering
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found, count = _match_row(row, dataset)
        if not count:
            continue
        key = (all(c in found for c in required), count, -i)
        if best is None or key > best[0]:
            best = (key, i, found)
    if best is None:
        raise LotRefuse(
            f"fichier « {fichier} » : ligne d'en-têtes introuvable dans les {HEADER_SCAN_ROWS} "
            f"premières lignes (colonnes attendues : {', '.join(required)})")
    _, index, found = best
    missing = [c for c in required if c not in found]
    if missing:
        quoted = ", ".join(f"« {c} »" for c in missing)
        what = ("colonne obligatoire " + quoted + " absente") if len(missing) == 1 else \
            ("colonnes obligatoires " + quoted + " absentes")
        raise LotRefuse(f"fichier « {fichier} » : {what} (en-têtes lus : {_headers_text(rows[index])})")
    for col, positions in found.items():
        if len(positions) > 1:
            names = " et ".join(f"« {str(rows[index][j]).strip()} »" for j in positions)
            raise LotRefuse(f"fichier « {fichier} » : la colonne « {col} » apparaît plusieurs fois "
                               f"(en-têtes {names} sur la ligne {index + 1})")
    return index, {col: positions[0] for col, positions in found.items()}


def _fill_merges(data: list[list], header_index: int, merges) -> None:
    """Give every cell of a merged range in the data area the value of the range's top-left cell.

    `merges` are (min_row, min_col, max_row, max_col), 1-based as in Excel."""
    for min_row, min_col, max_row, max_col in merges:
        if min_row - 1 <= header_index:
            continue  # ranges touching the header or title rows are layout, not data
        top = min_row - 1 - header_index - 1
        if top >= len(data):
            continue
        src_row = data[top]
        value = src_row[min_col - 1] if min_col - 1 < len(src_row) else None
        if value is None:
            continue
        for r in range(top, min(max_row - 1 - header_index - 1, len(data) - 1) + 1):
            row = data[r]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for c in range(min_col - 1, max_col):
                row[c] = value


def build_table(rows: list[list], dataset: str, fichier: str, merges=()) -> RawTable:
    """Grid -> RawTable. Raises LotRefuse for an empty grid or a missing header/column."""
    if all(_trimmed_len(r) == 0 for r in rows):
        raise LotRefuse(f"le fichier « {fichier} » est vide")
    header_index, mapping = locate_header(rows, dataset, fichier)
    header = rows[header_index]
    data = [list(r) for r in rows[header_index + 1:]]
    if merges:
        _fill_merges(data, header_index, merges)

    kept: list[tuple[int, list]] = []
    width = _trimmed_len(header)
    for k, row in enumerate(data):
        n = _trimmed_len(row)
        if n == 0:
            continue  # fully empty row: skipped, numbering kept
        width = max(width, n)
        kept.append((header_index + 2 + k, row))

    # Raw column names: original header text; empty headers with data get "colonne_N".
    names: list[str] = []
    seen: set[str] = set()
    positions: list[int] = []
    for j in range(width):
        cell = header[j] if j < len(header) else None
        if _blank(cell):
            if all(_blank(row[j] if j < len(row) else None) for _, row in kept):
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

    def column(j: int, strip: bool) -> list:
        out = []
        for _, row in kept:
            v = row[j] if j < len(row) else None
            if v is not None and not isinstance(v, str):
                v = str(v)
            if v is not None and (strip or not v.strip()):
                v = v.strip() or None
            out.append(v)
        return out

    contract_order = [c.name for c in BY_NAME[dataset].columns if c.name in mapping]
    frame = pl.DataFrame(
        {**{c: column(mapping[c], True) for c in contract_order},
         "_ligne": [line for line, _ in kept]},
        schema={**{c: pl.Utf8 for c in contract_order}, "_ligne": pl.Int64})
    raw = pl.DataFrame({name: column(j, False) for name, j in zip(names, positions)},
                       schema={name: pl.Utf8 for name in names})
    mapped = set(mapping.values())
    extra = [name for name, j in zip(names, positions) if j not in mapped]
    return RawTable(dataset=dataset, fichier=fichier, frame=frame, extra_columns=extra, raw=raw)
