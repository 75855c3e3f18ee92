"""What calamine does not tell about an OpenDocument spreadsheet (.ods): hidden sheets, merged
ranges and formulas saved without a value.

calamine (through fastexcel) reads the cells; this module reads `content.xml` beside it. Hidden
sheets, merges and uncomputed formulas are found by searches over the bytes (in C); only the rows
that hold a merge or such a formula are parsed, to place them.
"""
from __future__ import annotations

import re
from html import unescape
from xml.etree import ElementTree

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = re.compile(rb"<style:style\b([^>]*)>(.*?)</style:style>", re.S)
_TABLE = re.compile(rb"<table:table\s([^>]*)>")
_ATTR = re.compile(rb'([\w:-]+)="([^"]*)"')


def _attrs(raw: bytes) -> dict[str, str]:
    return {k.decode(): unescape(v.decode("utf-8")) for k, v in _ATTR.findall(raw)}


# (name, table style, where its content starts) of each sheet of content.xml, in order
Feuilles = list[tuple[str, str | None, int]]


def tables(content: bytes) -> Feuilles:
    """(name, table style, where its content starts) of each sheet, in order: one search of
    content.xml (0,17 s for 200 000 rows), whose result the reading keeps for `merges_and_formulas`."""
    found = []
    for m in _TABLE.finditer(content):
        a = _attrs(m.group(1))
        found.append((a.get("table:name", ""), a.get("table:style-name"), m.end()))
    return found


def sheets(content: bytes, found: Feuilles | None = None) -> tuple[list[str], set[str]]:
    """Sheet names in order, and the hidden ones (table style with display="false"); `found`,
    the sheets' `tables(content)` if already searched."""
    hidden_styles = set()
    corps = content.find(b"<office:body")   # the styles come before the sheets: not searched in them
    for attrs, body in _STYLE.findall(content, 0, corps if corps >= 0 else len(content)):
        a = _attrs(attrs)
        if a.get("style:family") == "table" and b'table:display="false"' in body:
            hidden_styles.add(a.get("style:name"))
    found = tables(content) if found is None else found
    return [name for name, _, _ in found], {name for name, style, _ in found if style in hidden_styles}


def _int(el, name: str) -> int:
    return int(el.get(f"{_T}{name}") or 1)


_ROW_START = b"<table:table-row"
_ROW_END = b"</table:table-row>"
_XMLNS = re.compile(rb'xmlns:[\w-]+="[^"]*"')


def _finds(content: bytes, motif: bytes, a: int, b: int):
    """Positions of `motif` in content[a:b] (bytes.find: several times faster than a regex)."""
    i = content.find(motif, a, b)
    while i >= 0:
        yield i
        i = content.find(motif, i + 1, b)


def _has_value(content: bytes, at: int) -> bool:
    """Whether the cell whose start tag holds position `at` has a cached value (office:value-type)."""
    start, end = content.rfind(b"<table:table-cell", 0, at), content.find(b">", at)
    return b"office:value-type=" in content[start:end]


def _row_start(content: bytes, at: int, a: int) -> int:
    """Start of the <table:table-row> element holding position `at` (not table-rows, table-row-group)."""
    i = content.rfind(_ROW_START, a, at)
    while i >= 0 and content[i + len(_ROW_START):i + len(_ROW_START) + 1] not in (b" ", b">", b"/", b"\n", b"\t", b"\r"):
        i = content.rfind(_ROW_START, a, i)
    return i


def _rows_in(content: bytes, a: int, b: int) -> int:
    """Rows that start in content[a:b], repeats included."""
    n = (content.count(_ROW_START, a, b) - content.count(b"<table:table-rows", a, b)
         - content.count(b"<table:table-row-group", a, b))
    for i in _finds(content, b'number-rows-repeated="', a, b):
        j = i + len(b'number-rows-repeated="')
        n += int(content[j:content.find(b'"', j)]) - 1
    return n


def _sheet_span(content: bytes, title: str, found: Feuilles | None) -> tuple[int, int] | None:
    """Where the sheet `title`'s content starts in content.xml, and where the next sheet starts (or
    the end): its end tag is looked for backwards from there, not by a search of the whole sheet."""
    found = tables(content) if found is None else found
    for i, (name, _, start) in enumerate(found):
        if name == title:
            return start, found[i + 1][2] if i + 1 < len(found) else len(content)
    return None


def _reperes(content: bytes, a: int, suivante: int) -> list[int]:
    """Merges and formulas without a value of the sheet starting at `a`, up to its end (before
    `suivante`): two bytes.find scans (a regex with the alternatives was eight times slower)."""
    b = content.rfind(b"</table:table>", a, suivante)
    b = suivante if b < 0 else b
    hits = [i for i in _finds(content, b'-spanned="', a, b) if content[i + 10:i + 12] != b'1"']
    return hits + [i for i in _finds(content, b"table:formula=", a, b) if not _has_value(content, i)]


def merges_and_formulas(content: bytes, title: str, found: Feuilles | None = None):
    """Merged ranges (min_row, min_col, max_row, max_col) and (row, col, "=formula") cells without
    a value, 1-based, of the sheet `title` (`found`: the sheets' `tables(content)`, if searched).

    The rows that hold a merge or a formula without a value are found by byte searches (in C), the
    rows above each counted once, and only those rows parsed: walking every cell of a 200 000-row
    sheet in Python took 7 s, where one merged title row above the header is the usual case."""
    span = _sheet_span(content, title, found)
    hits = _reperes(content, *span) if span is not None else []
    if not hits:
        return [], []
    root = content[:content.find(b">", content.find(b"<office:document-content")) + 1]
    wrapper = b"<w " + b" ".join(_XMLNS.findall(root)) + b">"
    a = span[0]
    merges, formulas = [], []
    prev, row = a, 0
    for debut in sorted({_row_start(content, h, a) for h in hits} - {-1}):
        row += _rows_in(content, prev, debut)   # 0-based index of this row
        prev = debut
        fin = content.find(_ROW_END, debut)
        el = ElementTree.fromstring(wrapper + content[debut:fin + len(_ROW_END)] + b"</w>")[0]
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
    return merges, formulas
