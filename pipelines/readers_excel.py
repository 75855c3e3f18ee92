"""Excel sheets as grids of text, the way the user sees them.

openpyxl's read-only mode is the only one fast enough for 30 000-row sheets, but it cannot see
merged ranges nor, with cached values, the formulas lacking one. Both are read from the sheet's
XML directly: merged ranges by a scan of the `<mergeCell ref=…>` elements, and formula text by a
second read-only pass only when the sheet holds a formula without cached value (files
written by a program; Excel always caches). Cells become text: dates ISO,
whole numbers without ".0", other floats as Python's repr, booleans VRAI/FAUX.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils.cell import range_boundaries

from pipelines.readers_grid import LotRefuse

_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
# A formula without cached value: <f>…</f> or <f …/> followed by no <v>, or by an empty one, then </c>.
_UNCACHED_FORMULA = re.compile(
    rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def cell_text(value) -> str | None:
    """A cell value as the text the validator parses."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    text = getattr(value, "text", None)  # ArrayFormula
    if isinstance(text, str):
        return text if text.startswith("=") else "=" + text
    return str(value)


class Workbook:
    """An opened .xlsx: visible sheet titles, and each sheet as a grid plus merged ranges."""

    def __init__(self, path: Path, fichier: str):
        self.path, self.fichier = path, fichier
        try:
            self.wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            self._xml_paths = self._sheet_xml_paths()
        except Exception as exc:  # zip, XML or openpyxl errors: all mean "not a readable workbook"
            raise LotRefuse(f"fichier « {fichier} » illisible : ce n'est pas un classeur Excel .xlsx valide "
                               f"({type(exc).__name__})") from exc
        self.sheets = [ws.title for ws in self.wb.worksheets if ws.sheet_state == "visible"]

    def close(self) -> None:
        self.wb.close()

    def _sheet_xml_paths(self) -> dict[str, str]:
        with zipfile.ZipFile(self.path) as zf:
            book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{_NS_PKG}Relationship")}
        out = {}
        for sheet in book.iter(f"{_NS_MAIN}sheet"):
            target = targets.get(sheet.get(f"{_NS_REL}id"), "")
            out[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
        return out

    def _sheet_xml(self, title: str) -> bytes:
        with zipfile.ZipFile(self.path) as zf:
            return zf.read(self._xml_paths[title])

    def read(self, title: str) -> tuple[list[list[str | None]], list[tuple[int, int, int, int]]]:
        """Rows of text (row i = Excel row i + 1) and merged ranges (min_row, min_col, max_row, max_col)."""
        fichier = f"{self.fichier} › {title}"
        try:
            xml = self._sheet_xml(title)
            merges = []
            for ref in _MERGE.findall(xml):
                min_col, min_row, max_col, max_row = range_boundaries(ref.decode())
                merges.append((min_row, min_col, max_row, max_col))
            ws = self.wb[title]
            ws.reset_dimensions()  # declared dimensions of exported files are often wrong
            rows = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            if _UNCACHED_FORMULA.search(xml):
                self._add_uncached_formulas(title, rows)
        except LotRefuse:
            raise
        except Exception as exc:
            raise LotRefuse(f"fichier « {fichier} » illisible ({type(exc).__name__} : {exc})") from exc
        return rows, merges

    def _add_uncached_formulas(self, title: str, rows: list[list]) -> None:
        """Where a formula has no cached value, put its text ("=SUM(A1:A3)") so the validator can say so."""
        wb = openpyxl.load_workbook(self.path, read_only=True, data_only=False)
        try:
            ws = wb[title]
            ws.reset_dimensions()
            for i, row in enumerate(ws.iter_rows(values_only=True)):
                for j, value in enumerate(row):
                    text = value if isinstance(value, str) else getattr(value, "text", None)
                    if not (isinstance(text, str) and text.startswith("=") or hasattr(value, "text")):
                        continue
                    if i >= len(rows):
                        rows.extend([] for _ in range(i - len(rows) + 1))
                    if j >= len(rows[i]):
                        rows[i].extend([None] * (j - len(rows[i]) + 1))
                    if rows[i][j] is None:
                        rows[i][j] = cell_text(value)
        finally:
            wb.close()
