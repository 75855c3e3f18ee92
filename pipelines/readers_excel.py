"""Spreadsheets (.xlsx, .xlsm, .xls, .ods) as Grids, read by calamine (the Rust reader behind fastexcel).

The cells below the header are read once, typed, straight into Arrow columns by fastexcel, then
turned to text by whole-column Polars expressions (`as_text`: dates ISO, whole numbers without
".0", booleans VRAI/FAUX). The header is found first, among title rows: for .xlsx in the first
rows of the sheet's XML stream (a 200 000-row sheet is not parsed twice), for .xls and .ods by a
short calamine read. What calamine does not give is read beside it: merged ranges (the sheet
XML's `<mergeCell>`, python-calamine for .xls, `pipelines.readers_ods`) and the text of formulas
saved without a computed value (by a program: Excel and LibreOffice store the value), so the
validator can say so.
"""
from __future__ import annotations

import logging
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import fastexcel
import polars as pl

from pipelines import readers_ods
from pipelines.inflation import Flux
from pipelines.readers_grid import HEADER_SCAN_ROWS, Grid, LotRefuse, as_text
from pipelines.readers_xlsx import xlsx_formulas, xlsx_head, xlsx_merges, xlsx_structure
from pipelines.readers_xlsx_parties import Moities, en_parties, grande

if TYPE_CHECKING:
    from pipelines.prelecture import Prelecture

# calamine logs in English when an empty column falls back to text: nothing a user must act on
logging.getLogger("fastexcel.types.dtype").setLevel(logging.ERROR)
KINDS = {".xlsx": "Excel .xlsx", ".xlsm": "Excel .xlsm", ".xls": "Excel .xls", ".ods": "OpenDocument .ods"}


class Workbook:
    """An opened workbook: visible sheet titles, and each sheet as a Grid."""

    def __init__(self, path: Path, fichier: str, prelu: Prelecture | None = None):
        self.path, self.fichier, self._prelu = Path(path), fichier, prelu
        self.suffix = self.path.suffix.lower()
        self._reader = None
        self._executor: ThreadPoolExecutor | None = None
        self._ouverture = None   # .ods, .xls: calamine opening the file in a thread
        try:
            if self.suffix in (".xlsx", ".xlsm"):
                self._zip = zipfile.ZipFile(self.path)
                self._xml_paths, hidden, self._shared_path = xlsx_structure(self._zip)
                names = list(self._xml_paths)
            elif self.suffix == ".ods":
                # calamine parses the whole file on opening it, without Python's lock: in a thread
                # while content.xml is inflated and searched here (1,2 s of 200 000 rows hidden)
                self._ouverture = self._ouvrir()
                self._zip = zipfile.ZipFile(self.path)
                with Flux(self._zip, "content.xml") as flux:   # ISA-L: twice zlib's speed, beside calamine
                    self._content = flux.lire()
                self._tables = readers_ods.tables(self._content)   # searched once, for every sheet
                names, hidden = readers_ods.sheets(self._content, self._tables)
            else:   # .xls: both readers parse the whole file on opening it; fastexcel's in a thread
                self._ouverture = self._ouvrir()
                names, hidden = self._xls_structure()
        except LotRefuse:
            self.close()
            raise
        except Exception as exc:  # zip, XML or calamine errors: all mean "not a readable workbook"
            self.close()
            raise LotRefuse(f"fichier « {fichier} » illisible : ce n'est pas un classeur {KINDS[self.suffix]} "
                               f"valide ({type(exc).__name__})") from exc
        self.sheets = [n for n in names if n not in hidden]

    def close(self) -> None:
        if getattr(self, "_zip", None) is not None:
            self._zip.close()
        if getattr(self, "_executor", None) is not None:
            self._executor.shutdown(wait=True)

    def _ouvrir(self):
        """calamine's opening of an .ods/.xls in a thread: the one started with the command, if it was."""
        ouverture = self._prelu.ouverture(self.path) if self._prelu else None
        return ouverture or self._fond().submit(fastexcel.read_excel, self.path)

    @property
    def reader(self):
        if self._reader is None:
            self._reader = self._ouverture.result() if self._ouverture else fastexcel.read_excel(self.path)
        return self._reader

    def _xls_structure(self) -> tuple[list[str], set[str]]:
        import python_calamine

        if self.path.read_bytes()[:4] != b"\xd0\xcf\x11\xe0":
            raise ValueError("signature OLE absente")
        try:
            self._calamine = python_calamine.CalamineWorkbook.from_path(str(self.path))
        except Exception as exc:   # an OLE file calamine cannot read: Excel 95 or older, encrypted…
            raise LotRefuse(f"fichier « {self.fichier} » : format non pris en charge ; enregistrez-le "
                               "en .xlsx ou en .csv") from exc
        meta = self._calamine.sheets_metadata
        return [m.name for m in meta], {m.name for m in meta if m.visible != python_calamine.SheetVisibleEnum.Visible}

    def grid(self, title: str) -> Grid:
        """The sheet `title` as a Grid (first rows, rows from an index on, merged ranges)."""
        try:
            if self.suffix in (".xlsx", ".xlsm"):
                head = xlsx_head(self._zip, self._xml_paths[title], self._shared_path)   # its formula cells already read as "=…"
                # merged ranges and uncached formulas come from the whole sheet XML: inflated in a
                # thread while calamine reads the cells (0,3–0,5 s of 200 000 rows hidden), or, for
                # a sheet parsed in halves, searched in the XML those halves were inflated from
                membre = self._xml_paths[title]
                cotes = None if grande(self._zip, membre) else self._fond().submit(_xlsx_cotes, self.path, membre)
                merges: list = []
                return Grid(head, lambda k: self._rows_from(title, k, lambda moities: self._cotes(
                    moities.cotes if moities else cotes or self._fond().submit(_xlsx_cotes, self.path, membre),
                    title, merges)), merges)
            else:
                # .ods: content.xml searched in a thread while calamine's opening ends (0,25 s hidden)
                reperes = (self._fond().submit(readers_ods.merges_and_formulas, self._content, title, self._tables)
                           if self.suffix == ".ods" else None)
                head = self._calamine_head(title)
                if self.suffix == ".xls":
                    merges = [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1)
                              in self._calamine.get_sheet_by_name(title).merged_cell_ranges or []]
                    formulas = []
                else:
                    merges, formulas = reperes.result()
            self._add_formulas(head, formulas)
        except LotRefuse:
            raise
        except Exception as exc:
            raise LotRefuse(f"fichier « {self.fichier} › {title} » illisible ({type(exc).__name__} : {exc})") from exc
        return Grid(head, lambda k: self._rows_from(title, k, formulas), merges)

    def _calamine_head(self, title: str) -> list[list]:
        sheet = self.reader.load_sheet(title, header_row=None, skip_rows=0, n_rows=HEADER_SCAN_ROWS,
                                       dtypes="string")
        frame = _positional(sheet)
        cols = [c for c in frame.columns]
        width = max((int(c[1:]) for c in cols), default=-1) + 1
        rows = []
        for r in frame.rows(named=True):
            cells = [None] * width
            for c, v in r.items():
                cells[int(c[1:])] = v
            rows.append(cells)
        return rows

    @staticmethod
    def _add_formulas(head: list[list], formulas) -> None:
        for row, col, text in formulas:
            if row <= len(head):
                cells = head[row - 1]
                if len(cells) < col:
                    cells.extend([None] * (col - len(cells)))
                if cells[col - 1] is None:
                    cells[col - 1] = text

    def _fond(self) -> ThreadPoolExecutor:
        """Threads for what runs beside the read: .xlsx merges and formulas; .ods and .xls calamine's
        opening, and the search of content.xml (two at once)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=2)
        return self._executor

    def _cotes(self, cotes, title: str, merges: list) -> list[tuple[int, int, str]]:
        """The sheet's uncached formulas once its XML is read; its merged ranges go into `merges`."""
        try:
            fusions, formulas = cotes.result()
        except Exception as exc:
            raise LotRefuse(f"fichier « {self.fichier} › {title} » illisible ({type(exc).__name__} : {exc})") from exc
        merges[:] = fusions
        return formulas

    def _rows_from(self, title: str, k: int, formulas) -> pl.DataFrame:
        moities = None
        try:
            frame, moities = self._cellules(title, k)
        except Exception as exc:
            if "out of bounds" not in str(exc).lower() and "empty" not in str(exc).lower():
                raise
            frame = pl.DataFrame()
        if callable(formulas):   # .xlsx: read beside calamine, waited for only now
            formulas = formulas(moities)
        frame = frame.with_row_index("_ligne", offset=k + 1).with_columns(pl.col("_ligne").cast(pl.Int64))
        below = [(r, c, t) for r, c, t in formulas if r > k]
        if below:
            frame = _with_cells(frame, below)
        return frame

    def _cellules(self, title: str, k: int) -> tuple[pl.DataFrame, Moities | None]:
        """The sheet's cells from row k on as text columns c{j}, and its halves if it was parsed so: a
        large .xlsx sheet is parsed in two halves at once (pipelines.readers_xlsx_parties), put
        together here; any other sheet is read whole."""
        lu = self._prelu.feuille(self.path, title, k) if self._prelu else None   # started with the command
        if lu is None and self.suffix in (".xlsx", ".xlsm"):
            lu = en_parties(self.path, self._xml_paths[title], title, k)
        if isinstance(lu, Moities):
            frame = _assembler(lu.parties)
            if frame is not None:
                return frame, lu
            lu = None
        if lu is None:
            lu = self.reader.load_sheet(title, header_row=None, skip_rows=k, schema_sample_rows=None)
        return _en_texte(_positional(lu)), None


def _en_texte(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns([as_text(frame[c]) for c in frame.columns])


def _assembler(parties: list) -> pl.DataFrame | None:
    """The halves of a sheet as one frame of text columns, or None when they cannot make the frame
    a whole read makes: a half not read, or a column typed differently by the two (a column of
    numbers in one, of numbers and text in the other: calamine writes the text of such a column's
    numbers itself)."""
    try:
        frames = [(debut, _positional(parse.result())) for debut, parse in parties]
    except Exception:  # noqa: BLE001 -- the sheet is read whole, and its error said in French
        return None
    types: dict[str, pl.DataType] = {}
    for _, frame in frames:
        for colonne, genre in frame.schema.items():
            if genre != pl.Null and types.setdefault(colonne, genre) != genre:
                return None
    textes = []
    for i, (debut, frame) in enumerate(frames):
        frame = _en_texte(frame)
        if i + 1 < len(frames):   # empty rows at the end of a half are not in its cells
            manque = frames[i + 1][0] - debut - frame.height
            if manque < 0:
                return None
            if manque:
                frame = pl.concat([frame, pl.DataFrame({c: pl.repeat(None, manque, dtype=pl.Utf8, eager=True)
                                                        for c in frame.columns})])
        textes.append(frame)
    return pl.concat(textes, how="diagonal")


def _xlsx_cotes(path: Path, membre: str) -> tuple[list, list]:
    """(merged ranges, uncached formulas) of one .xlsx sheet, from its own handle on the file."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(membre)
    return xlsx_merges(xml), xlsx_formulas(xml)


def _positional(sheet) -> pl.DataFrame:
    """A fastexcel sheet as a frame whose columns are named c{j}, j the sheet's column (A = 0)."""
    frame = sheet.to_polars()
    names = {info.name: f"c{info.absolute_index}" for info in sheet.selected_columns}
    return frame.rename({c: names[c] for c in frame.columns})


def _with_cells(frame: pl.DataFrame, cells: list[tuple[int, int, str]]) -> pl.DataFrame:
    """Fill empty cells at (row, column, text), 1-based, one join per column concerned."""
    spots = pl.DataFrame(cells, schema={"_ligne": pl.Int64, "_col": pl.Int64, "_t": pl.Utf8}, orient="row")
    for col in spots["_col"].unique().to_list():
        name = f"c{col - 1}"
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, pl.Utf8).alias(name))
        these = spots.filter(pl.col("_col") == col).select("_ligne", "_t")
        frame = frame.join(these, on="_ligne", how="left", maintain_order="left").with_columns(
            pl.coalesce(name, "_t").alias(name)).drop("_t")
    return frame
