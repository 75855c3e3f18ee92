"""What an .xlsx is read for besides calamine's cells, from its XML, without Polars: its sheets
(`xlsx_structure`), a sheet's first rows, where its header is looked for (`xlsx_head`), and,
from the whole sheet's bytes, its merged ranges and the text of formulas saved without a
computed value. `pipelines.readers_excel` and `pipelines.prelecture` (before Polars is imported)
both use them.

Both are found by regular expressions over the decompressed sheet, but only where a byte search
says there is something to find: a 200 000-row sheet of plain values, the usual export, costs
two byte searches instead of two regex scans of 100 MB (2,2 s before).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from html import unescape  # XML entities and character references (xml.sax.saxutils costs 50 ms of imports)
from xml.etree import ElementTree

from pipelines.entetes import HEADER_SCAN_ROWS

_REF = re.compile(r"([A-Z]+)([0-9]+)")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"

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


def has_formula(xml: bytes, fin: int) -> bool:
    """Whether the sheet (up to byte `fin`) may hold a formula: one byte search for "f>", which
    every formula has (`</f>`, `</x:f>`; a shared formula's `<f …/>` cells follow a master cell
    with `</f>`), so a sheet of plain values (the usual export) skips the formula regex."""
    return xml.find(b"f>", 0, fin) >= 0


def xlsx_formulas(xml: bytes, fin: int | None = None) -> list[tuple[int, int, str]]:
    """(row, column, "=formula") of every formula cell saved without a value (1-based), in the
    sheet's XML `xml` up to byte `fin` (the whole of it by default: a part need not be sliced)."""
    fin = len(xml) if fin is None else fin
    if not has_formula(xml, fin) or not _UNCACHED_FORMULA.search(xml, 0, fin):
        return []
    return [(int(r), column_index(c), "=" + unescape((f or b"").decode("utf-8")))
            for c, r, f in _FORMULA_CELL.findall(xml, 0, fin)]


def cell_text(value) -> str | None:
    """One cell of the first rows as text (the same rules as `as_text` for whole columns)."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return None if value is None else str(value)


def xlsx_structure(archive: zipfile.ZipFile) -> tuple[dict[str, str], set[str], str | None]:
    """(sheet title -> XML member, hidden titles, shared strings member) of an .xlsx archive."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{_NS_PKG}Relationship")}
    shared = next((t for r in rels.iter(f"{_NS_PKG}Relationship") if (t := r.get("Target"))
                   and r.get("Type", "").endswith("/sharedStrings")), None)

    def part(target: str) -> str:
        return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    paths, hidden = {}, set()
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        paths[sheet.get("name")] = part(targets.get(sheet.get(f"{_NS_REL}id"), ""))
        if sheet.get("state") in ("hidden", "veryHidden"):
            hidden.add(sheet.get("name"))
    return paths, hidden, part(shared) if shared else None


def xlsx_head(archive: zipfile.ZipFile, membre: str, shared: str | None) -> list[list]:
    """The first rows of the sheet at `membre` from its XML stream (a 200 000-row sheet is not parsed
    for them); its shared strings read only as far as needed."""
    rows: dict[int, dict[int, object]] = {}
    with archive.open(membre) as fh:
        row_no = 0
        for _, el in ElementTree.iterparse(fh, events=("end",)):
            if local_name(el.tag) != "row":
                continue
            row_no = int(el.get("r") or row_no + 1)
            if row_no > HEADER_SCAN_ROWS:
                break
            cells, col = {}, 0
            for c in el:
                ref = c.get("r")
                col = column_index(_REF.match(ref).group(1)) if ref else col + 1
                cells[col - 1] = _xlsx_value(c)
            rows[row_no - 1] = cells
            el.clear()
    wanted = [v[1] for r in rows.values() for v in r.values() if isinstance(v, tuple)]
    strings = _shared_strings(archive, shared, max(wanted)) if wanted else []
    grid = []
    for i in range(max(rows) + 1 if rows else 0):
        r = rows.get(i, {})
        cells = [r.get(j) for j in range(max(r) + 1)] if r else []
        grid.append([strings[v[1]] if isinstance(v, tuple) else v for v in cells])
    return grid

def _xlsx_value(c):
    t, v, f, inline = c.get("t", "n"), None, None, None
    for child in c:
        name = local_name(child.tag)
        if name == "v":
            v = child.text
        elif name == "f":
            f = child.text or ""
        elif name == "is":
            inline = string_text(child)
    if t == "inlineStr":
        return inline
    if v is None or v == "":
        return "=" + f if f is not None else None
    if t == "s":
        return ("s", int(v))
    if t == "b":
        return "VRAI" if v.strip() == "1" else "FAUX"
    if t in ("str", "e", "d"):
        return v
    return cell_text(float(v))

def _shared_strings(archive: zipfile.ZipFile, shared: str | None, last: int) -> list[str]:
    out: list[str] = []
    if shared is None:
        return out
    with archive.open(shared) as fh:
        for _, el in ElementTree.iterparse(fh, events=("end",)):
            if local_name(el.tag) == "si":
                out.append(string_text(el))
                el.clear()
                if len(out) > last:
                    break
    return out
