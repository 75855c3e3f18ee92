"""What calamine does not give for an .xlsx sheet, read from the sheet's XML bytes: merged ranges
and the text of formulas saved without a computed value; and the small XML helpers the header's
reading (`pipelines.readers_excel`) shares with them.

Both are found by regular expressions over the decompressed sheet, but only where a byte search
says there is something to find: a 200 000-row sheet of plain values, the usual export, costs
two byte searches instead of two regex scans of 100 MB (2,2 s before).
"""
from __future__ import annotations

import re
from xml.sax.saxutils import unescape

_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?\"")
# A formula without cached value: <f>…</f> or <f …/> followed by no <v>, or by an empty one, then </c>.
_UNCACHED_FORMULA = re.compile(
    rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
_FORMULA_CELL = re.compile(
    rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]+)([0-9]+)\"[^>]*>\s*(?:<(?:\w+:)?f\b[^>]*>(.*?)</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>)"
    rb"\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>", re.S)


def local_name(tag: str) -> str:
    """An XML tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def string_text(el) -> str:
    """Text of a shared or inline string element (`<si>`, `<is>`), phonetic runs left out."""
    parts = []
    for child in el:
        name = local_name(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts += [t.text or "" for t in child if local_name(t.tag) == "t"]
    return "".join(parts)


def column_index(letters: str | bytes) -> int:
    """'A' -> 1, 'AB' -> 28."""
    n = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        n = n * 26 + ord(ch) - 64
    return n


def xlsx_merges(xml: bytes) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of every merged range (1-based).

    The ranges sit in <mergeCells> after the cells: a byte search finds where (or that there is
    none) before the regular expression runs, so a large sheet is not scanned by the regex."""
    debut = xml.find(b"mergeCell")
    if debut < 0:
        return []
    return [(int(r0), column_index(c0), int(r1 or r0), column_index(c1 or c0))
            for c0, r0, c1, r1 in _MERGE.findall(xml, max(0, debut - 40))]


def has_formula(xml: bytes) -> bool:
    """Whether the sheet may hold a formula: one byte search for "f>", which every formula has
    (`</f>`, `</x:f>`; a shared formula's `<f …/>` cells follow a master cell with `</f>`), so a
    sheet of plain values (the usual export) skips the formula regex."""
    return b"f>" in xml


def xlsx_formulas(xml: bytes) -> list[tuple[int, int, str]]:
    """(row, column, "=formula") of every formula cell saved without a value (1-based)."""
    if not has_formula(xml) or not _UNCACHED_FORMULA.search(xml):
        return []
    return [(int(r), column_index(c), "=" + unescape((f or b"").decode("utf-8")))
            for c, r, f in _FORMULA_CELL.findall(xml)]
