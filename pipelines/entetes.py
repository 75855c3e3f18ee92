"""Finding a sheet's header row among its first rows, and which dataset those headers name.

Plain Python over the first rows (lists of cells), without Polars: `pipelines.prelecture` finds
a workbook's header from the command's first instant, before Polars is imported, with the same
functions `pipelines.readers_grid.build_table` uses afterwards.
"""
from __future__ import annotations

from pipelines.contract import BY_NAME
from pipelines.names import match_column

HEADER_SCAN_ROWS = 30


class LotRefuse(Exception):
    """The whole batch is refused; str(exc) is a French sentence naming the file."""


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


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


def reconnaitre_jeu(rows: list[list]) -> str | None:
    """The dataset whose headers a sheet's first rows hold, for a sheet not named after one (a
    workbook saved as "Sheet1" or "Feuil1"): the one dataset with every required column in one
    row, the most columns matched if several; None when no dataset, or two equally, fit."""
    scores = []
    for ds in BY_NAME.values():
        best = max((count for found, count in (_match_row(row, ds.name) for row in rows[:HEADER_SCAN_ROWS])
                    if all(c in found for c in ds.required_columns)), default=0)
        if best:
            scores.append((best, ds.name))
    scores.sort(reverse=True)
    if not scores or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


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
