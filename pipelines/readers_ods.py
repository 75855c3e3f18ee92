"""What calamine does not tell about an OpenDocument spreadsheet (.ods): hidden sheets, merged
ranges and formulas saved without a value.

calamine (through fastexcel) reads the cells; this module reads `content.xml` beside it. Hidden
sheets and the presence of merges or uncomputed formulas are found by regular expressions over
the bytes (in C); only a sheet that has some is walked element by element, to place them.
"""
from __future__ import annotations

import io
import re
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = re.compile(rb"<style:style\b([^>]*)>(.*?)</style:style>", re.S)
_TABLE = re.compile(rb"<table:table\s([^>]*)>")
_ATTR = re.compile(rb'([\w:-]+)="([^"]*)"')
_SPAN = re.compile(rb'number-(?:rows|columns)-spanned="(?!1")')
_FORMULA = re.compile(rb"table:formula=")


def _attrs(raw: bytes) -> dict[str, str]:
    return {k.decode(): unescape(v.decode("utf-8"), {"&quot;": '"', "&apos;": "'"}) for k, v in _ATTR.findall(raw)}


def sheets(content: bytes) -> tuple[list[str], set[str]]:
    """Sheet names in order, and the hidden ones (table style with display="false")."""
    hidden_styles = set()
    for attrs, body in _STYLE.findall(content):
        a = _attrs(attrs)
        if a.get("style:family") == "table" and b'table:display="false"' in body:
            hidden_styles.add(a.get("style:name"))
    names, hidden = [], set()
    for attrs in _TABLE.findall(content):
        a = _attrs(attrs)
        name = a.get("table:name", "")
        names.append(name)
        if a.get("table:style-name") in hidden_styles:
            hidden.add(name)
    return names, hidden


def _int(el, name: str) -> int:
    return int(el.get(f"{_T}{name}") or 1)


def merges_and_formulas(content: bytes, title: str):
    """Merged ranges (min_row, min_col, max_row, max_col) and (row, col, "=formula") cells without
    a value, 1-based, of the sheet `title`."""
    if not _SPAN.search(content) and not _FORMULA.search(content):
        return [], []
    merges, formulas = [], []
    inside, row = False, 0
    for event, el in ElementTree.iterparse(io.BytesIO(content), events=("start", "end")):
        if el.tag == f"{_T}table":
            if event == "start":
                inside, row = el.get(f"{_T}name") == title, 0
            elif inside:
                break
            continue
        if not inside or event != "end" or el.tag != f"{_T}table-row":
            continue
        col = 0
        for cell in el:
            repeat = _int(cell, "number-columns-repeated")
            if cell.tag == f"{_T}table-cell":
                rows, cols = _int(cell, "number-rows-spanned"), _int(cell, "number-columns-spanned")
                if rows > 1 or cols > 1:
                    merges.append((row + 1, col + 1, row + rows, col + cols))
                formula = cell.get(f"{_T}formula")
                if formula and cell.get(f"{_O}value-type") is None:
                    formulas.append((row + 1, col + 1, "=" + formula.split(":=", 1)[-1].lstrip("=")))
            col += repeat
        row += _int(el, "number-rows-repeated")
        el.clear()
    return merges, formulas
