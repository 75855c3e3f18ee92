"""Reading a batch of user files into raw string tables, one per dataset (data contract v1, "Input").

A batch is a folder of files (.csv, .xlsx, .xlsm, .xls, .ods, .parquet) or one workbook with a
sheet per dataset. This module only finds and reads: which file is which dataset, where its header is,
which columns it has. Cells stay text and typing is left to the validator, so that every bad
value reaches the user as a message naming file, row and column rather than as a read error.
Anything that makes a file unusable as a whole raises LotRefuse with a French sentence.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from pipelines.contract import DATASETS
from pipelines.names import est_documentation, feuille_du_jeu, match_dataset
from pipelines.readers_csv import debut_csv, read_csv_grid, reconnaitre_csv
from pipelines.readers_grid import HEADER_SCAN_ROWS, Grid, LotRefuse, RawTable, as_text, build_table, reconnaitre_jeu

if TYPE_CHECKING:
    from pipelines.prelecture import Prelecture
    from pipelines.readers_excel import Workbook

__all__ = ["LotRefuse", "RawTable", "lire_lot", "empreinte_lot"]

EXCEL = {".xlsx", ".xlsm", ".xls", ".ods"}
DATA_SUFFIXES = {".csv", ".parquet"} | EXCEL
UNSUPPORTED = {".txt", ".tsv", ".json", ".xlsb", ".numbers"}
_NAMES = ", ".join(d.name for d in DATASETS)
_ORDER = {d.name: i for i, d in enumerate(DATASETS)}

Progress = Callable[[str], None] | None


def _unknown(fichier: str) -> LotRefuse:
    return LotRefuse(f"fichier « {fichier} » : jeu de données inconnu ; attendus : {_NAMES}")


def _hidden(path: Path) -> bool:
    return path.name.startswith((".", "~")) or path.name.lower() in {"thumbs.db", "desktop.ini"}


def _batch_files(path: Path) -> list[Path]:
    """The files of a batch that lire_lot considers, sorted by name."""
    if path.is_file():
        return [path]
    return sorted((p for p in path.iterdir() if p.is_file() and not _hidden(p)
                   and p.suffix.lower() in DATA_SUFFIXES | UNSUPPORTED), key=lambda p: p.name)


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _read_parquet(path: Path, dataset: str, fichier: str) -> RawTable:
    try:
        df = pl.read_parquet(path)
    except Exception as exc:
        raise LotRefuse(f"fichier « {fichier} » illisible : ce n'est pas un fichier Parquet valide "
                           f"({type(exc).__name__})") from exc
    cells = pl.DataFrame([as_text(df[c]).alias(f"c{j}") for j, c in enumerate(df.columns)]) if df.width \
        else pl.DataFrame()
    cells = cells.with_row_index("_ligne", offset=2).with_columns(pl.col("_ligne").cast(pl.Int64))
    head = [list(df.columns)] + [list(r) for r in cells.head(HEADER_SCAN_ROWS - 1).drop("_ligne").rows()]
    return build_table(Grid(head, lambda k: cells.slice(k - 1)), dataset, fichier)


def _jeu_des_entetes(path: Path) -> str | None:
    """The dataset a CSV or Parquet file's headers name (readers_grid.reconnaitre_jeu), if one."""
    if path.stat().st_size == 0:
        return None
    try:
        if path.suffix.lower() == ".parquet":
            return reconnaitre_jeu([list(pl.read_parquet_schema(path))])
        return reconnaitre_csv(debut_csv(path), path.name)   # not the whole file: it is read next
    except (OSError, pl.exceptions.PolarsError):
        return None   # unreadable: said as an unknown dataset, as before


def _read_file(path: Path, dataset: str, fichier: str) -> RawTable:
    if path.stat().st_size == 0:
        raise LotRefuse(f"le fichier « {fichier} » est vide")
    if path.suffix.lower() == ".parquet":
        return _read_parquet(path, dataset, fichier)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LotRefuse(f"fichier « {fichier} » illisible ({exc.strerror})") from exc
    return build_table(read_csv_grid(data, dataset, fichier), dataset, fichier)


def _read_sheet(book: Workbook, title: str, dataset: str, fichier: str) -> RawTable:
    return build_table(book.grid(title), dataset, fichier)


def _workbook_tables(path: Path, progress: Progress, whole_batch: bool, on_table=None,
                     prelu: Prelecture | None = None) -> list[RawTable]:
    """Every dataset sheet of a workbook (sheets named after datasets, or recognised by their headers;
    documentation sheets skipped)."""
    if path.stat().st_size == 0:
        raise LotRefuse(f"le fichier « {path.name} » est vide")
    if progress:
        progress(f"Ouverture de {path.name}…")
    from pipelines.readers_excel import Workbook  # fastexcel and the .ods reader: only for workbooks (30 ms)
    book = Workbook(path, path.name, prelu)
    try:
        # a sheet is named after its dataset, or else its headers tell which (reconnaitre_jeu)
        jeux = {t: match_dataset(t) for t in book.sheets}
        grids = {t: book.grid(t) for t, jeu in jeux.items() if jeu is None and not est_documentation(t)}
        jeux.update({t: reconnaitre_jeu(grid.head) for t, grid in grids.items()})
        if not any(jeux.values()):
            if whole_batch:
                raise LotRefuse(f"le classeur « {path.name} » ne contient aucune feuille de données ; "
                                   f"feuilles attendues : {_NAMES}")
            raise _unknown(path.name)
        tables = []
        for k, title in enumerate(book.sheets):
            dataset = jeux[title]
            fichier = f"{path.name} › {title}"
            if dataset is None:
                if est_documentation(title):
                    continue
                raise _unknown(fichier)
            tables.append(build_table(grids[title], dataset, fichier) if title in grids
                          else _read_sheet(book, title, dataset, fichier))
            _report(progress, tables[-1])
            if on_table:
                on_table(tables[-1], (k + 1) / len(book.sheets))
        return tables
    finally:
        book.close()


def _single_sheet_table(path: Path, dataset: str, progress: Progress,
                        prelu: Prelecture | None = None) -> RawTable | list[RawTable]:
    """A workbook in a folder: its stem names the dataset; read the sheet so named, else the first."""
    if path.stat().st_size == 0:
        raise LotRefuse(f"le fichier « {path.name} » est vide")
    from pipelines.readers_excel import Workbook  # fastexcel and the .ods reader: only for workbooks (30 ms)
    book = Workbook(path, path.name, prelu)
    try:
        if not book.sheets:
            raise LotRefuse(f"le fichier « {path.name} » est vide")
        title = feuille_du_jeu(book.sheets, dataset)
        fichier = path.name if len(book.sheets) == 1 else f"{path.name} › {title}"
        if progress:
            progress(f"Lecture de {fichier}…")
        return _read_sheet(book, title, dataset, fichier)
    finally:
        book.close()


def _report(progress: Progress, table: RawTable) -> None:
    if progress:
        n = table.frame.height
        progress(f"Lecture de {table.fichier} ({_fmt(n)} ligne{'s' if n > 1 else ''})…")


def lire_lot(path: Path, progress: Progress = None, avancement=None, prelu: Prelecture | None = None) -> list[RawTable]:
    """Read a folder or a workbook into RawTables in the contract's load order; raises LotRefuse.

    `avancement(lignes, part)`, if given, is told the rows read so far and the part of the
    batch's files read (0…1) after each table. `prelu`: the workbook's parse started with the
    command (pipelines.prelecture), taken where it fits."""
    path = Path(path)
    if not path.exists():
        raise LotRefuse(f"le lot « {path} » est introuvable")
    files = _batch_files(path)
    if path.is_file() and path.suffix.lower() not in DATA_SUFFIXES:
        raise LotRefuse(f"fichier « {path.name} » : format non pris en charge ; "
                           "formats acceptés : .csv, .xlsx, .xlsm, .xls, .ods, .parquet")
    tables: list[RawTable] = []
    lus = [0, 0]   # rows read, files done

    def on_table(table: RawTable, within: float = 1.0) -> None:
        lus[0] += table.frame.height
        if avancement:
            avancement(lus[0], (lus[1] + within) / max(1, len(files)))
    for f in files:
        suffix = f.suffix.lower()
        dataset = match_dataset(f.stem)
        if suffix in UNSUPPORTED:
            if dataset:
                raise LotRefuse(f"fichier « {f.name} » : format non pris en charge ; enregistrez-le "
                                   "en .xlsx ou en .csv")
            continue
        if suffix in EXCEL:
            if dataset is None:
                tables += _workbook_tables(f, progress, whole_batch=path.is_file(), on_table=on_table, prelu=prelu)
            else:
                tables.append(_single_sheet_table(f, dataset, progress, prelu))
                _report(progress, tables[-1])
                on_table(tables[-1])
            lus[1] += 1
            continue
        dataset = dataset or _jeu_des_entetes(f)   # a file not named after its dataset: its headers tell
        if dataset is None:
            raise _unknown(f.name)
        tables.append(_read_file(f, dataset, f.name))
        _report(progress, tables[-1])
        on_table(tables[-1])
        lus[1] += 1
    if not tables:
        raise LotRefuse(f"le dossier « {path.name} » ne contient aucun fichier de données "
                           "(.csv, .xlsx ou .parquet)")
    seen: dict[str, str] = {}
    for t in tables:
        if t.dataset in seen:
            raise LotRefuse(f"les fichiers « {seen[t.dataset]} » et « {t.fichier} » contiennent tous deux "
                               f"le jeu de données « {t.dataset} » ; un lot n'en contient qu'un par jeu")
        seen[t.dataset] = t.fichier
    return sorted(tables, key=lambda t: _ORDER[t.dataset])


def empreinte_lot(path: Path) -> str:
    """sha256 over the sorted (relative name, bytes) of the batch's files: same files, same batch."""
    path = Path(path)
    if not path.exists():
        raise LotRefuse(f"le lot « {path} » est introuvable")
    h = hashlib.sha256()
    root = path.parent if path.is_file() else path
    for f in _batch_files(path):
        data = f.read_bytes()
        name = f.relative_to(root).as_posix().encode()
        h.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()
