"""CSV files as users export them: `;` or `,`, UTF-8 (with or without BOM) or Windows-1252.

Excel in French saves `;`-separated Windows-1252 with `1 325,50` decimals; other tools save
`,`-separated UTF-8. The separator is chosen by which one yields the best header row for the
dataset (title rows above the header are allowed), so a title line cannot fool the sniffing:
only the first records are parsed for that, by Python's csv module. The whole file is then
parsed by Polars' CSV reader (every field as text, blank lines kept so row numbers stay the
user's, records longer than the header kept), never cell by cell in Python.
Everything stays text: typing is the validator's job.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from itertools import islice

import polars as pl

from pipelines.entetes import _match_row
from pipelines.readers_grid import HEADER_SCAN_ROWS, Grid, LotRefuse, frame_grid, reconnaitre_jeu

SEPARATORS = (";", ",", "\t")
_SNIFF_CHARS = 1 << 20          # the first records are in the first megabyte
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\r\n")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _refuse_binary(fichier: str) -> LotRefuse:
    return LotRefuse(f"fichier « {fichier} » illisible : ce n'est pas un texte CSV "
                        "(encodages acceptés : UTF-8 ou Windows-1252)")


def _too_many_controls(count: int, length: int) -> bool:
    return count > max(2, length // 1000)


def decode_bytes(data: bytes, fichier: str) -> tuple[bytes, str]:
    """(UTF-8 bytes without BOM, beginning of the text) — strict UTF-8 first, then Windows-1252,
    UTF-16 with a BOM; refuses binary content. The checks run in C over the whole buffer."""
    if not data.strip():
        raise LotRefuse(f"le fichier « {fichier} » est vide")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _refuse_binary(fichier) from None
        return text.encode("utf-8"), text[:_SNIFF_CHARS]
    if b"\x00" in data:
        raise _refuse_binary(fichier)
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:   # in UTF-8 a control character is one byte, never part of another character
        if _too_many_controls(len(body) - len(body.translate(None, _CONTROL_BYTES)), len(body)):
            raise _refuse_binary(fichier)
        return body, body[:_SNIFF_CHARS].decode("utf-8", errors="ignore")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise _refuse_binary(fichier) from None
    if _too_many_controls(len(_CONTROL_CHARS.findall(text)), len(text)):
        raise _refuse_binary(fichier)
    return text.encode("utf-8"), text[:_SNIFF_CHARS]


def decode(data: bytes, fichier: str) -> str:
    """Bytes -> text (see decode_bytes)."""
    return decode_bytes(data, fichier)[0].decode("utf-8")


def _records(text: str, sep: str):
    return csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"')


def sniff_separator(text: str, dataset: str) -> str:
    """The separator whose parse of the first rows gives the header matching most contract columns."""
    best_sep, best_score = SEPARATORS[0], -1
    for sep in SEPARATORS:
        try:
            head = list(islice(_records(text, sep), HEADER_SCAN_ROWS))
        except csv.Error:
            continue
        score = max((_match_row(row, dataset)[1] for row in head), default=0)
        if score > best_score:
            best_sep, best_score = sep, score
    return best_sep


def _width(utf8: bytes, sep: str) -> int:
    """An upper bound of the number of fields of a record (a quoted record may span lines)."""
    lines = pl.read_csv(utf8, has_header=False, separator="\x00", quote_char=None,
                        schema={"l": pl.Utf8}, raise_if_empty=False)
    return int(lines.select(pl.col("l").str.count_matches(sep, literal=True).max()).item() or 0) + 1


def read_csv_frame(utf8: bytes, sep: str, fichier: str) -> pl.DataFrame:
    """Every record as a row of text fields `c0…`; `_ligne` = record number (1-based)."""
    if b"\r" in utf8:   # Windows and old Mac line ends: Polars only knows "\n"
        utf8 = utf8.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    width = _width(utf8, sep)
    for attempt in range(4):
        schema = {f"c{j}": pl.Utf8 for j in range(width)}
        try:
            frame = pl.read_csv(utf8, has_header=False, separator=sep, quote_char='"', schema=schema,
                                missing_columns="insert", raise_if_empty=False, infer_schema=False)
            break
        except pl.exceptions.ComputeError as exc:
            if "more fields" not in str(exc) or attempt == 3:
                frame = _lenient_frame(utf8.decode("utf-8"), sep, fichier)
                break
            width *= 8
    return frame.with_row_index("_ligne", offset=1).with_columns(pl.col("_ligne").cast(pl.Int64))


def _lenient_frame(text: str, sep: str, fichier: str) -> pl.DataFrame:
    """A file Polars refuses (a quote never closed…): Python's csv module, lenient, says where it breaks."""
    try:
        rows = list(_records(text, sep))
    except csv.Error as exc:
        raise LotRefuse(f"fichier « {fichier} » illisible : CSV mal formé ({exc})") from exc
    for i, row in enumerate(rows):
        for cell in row:
            if "\n" in cell and sep in cell and cell.count("\n") >= 3:
                raise LotRefuse(f"fichier « {fichier} » illisible : guillemet (\") ouvert et jamais refermé "
                                   f"à la ligne {i + 1} ; le reste du fichier tient dans une seule cellule")
    width = max(map(len, rows), default=0)
    return pl.DataFrame([[r[j] if j < len(r) and r[j] != "" else None for r in rows] for j in range(width)],
                        schema={f"c{j}": pl.Utf8 for j in range(width)}, orient="col")


def debut_csv(path) -> bytes:
    """The first megabyte of a CSV file up to its last whole line (the first records are there, as
    for sniffing): the whole file if smaller, or in UTF-16, whose code units a cut could split."""
    with open(path, "rb") as fh:
        data = fh.read(_SNIFF_CHARS + 1)
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data + fh.read()
    fin = data.rfind(b"\n")
    return data if len(data) <= _SNIFF_CHARS or fin < 0 else data[:fin + 1]


def reconnaitre_csv(data: bytes, fichier: str) -> str | None:
    """The dataset a CSV's first rows name by their headers (a file not named after its dataset,
    "Copie de aides (2).csv"), with the first separator that gives one; None if none does.
    `data`: the file, or its beginning (`debut_csv`)."""
    _, start = decode_bytes(data, fichier)
    for sep in SEPARATORS:
        try:
            jeu = reconnaitre_jeu(list(islice(_records(start, sep), HEADER_SCAN_ROWS)))
        except csv.Error:
            continue
        if jeu:
            return jeu
    return None


def read_csv_grid(data: bytes, dataset: str, fichier: str) -> Grid:
    """CSV bytes -> Grid; row i is the record the user sees as row i + 1."""
    utf8, start = decode_bytes(data, fichier)
    if not start.strip():
        raise LotRefuse(f"le fichier « {fichier} » est vide")
    sep = sniff_separator(start, dataset)
    frame = read_csv_frame(utf8, sep, fichier)
    _check_unclosed_quote(frame, sep, fichier)
    return frame_grid(frame)


def _check_unclosed_quote(frame: pl.DataFrame, sep: str, fichier: str) -> None:
    """A quote opened and never closed swallows the rest of the file into one cell: say where."""
    cols = [c for c in frame.columns if c != "_ligne"]
    if not cols:
        return
    bad = pl.any_horizontal([pl.col(c).str.contains(sep, literal=True)
                             & (pl.col(c).str.count_matches("\n", literal=True) >= 3) for c in cols])
    hit = frame.filter(bad.fill_null(False)).head(1)
    if hit.height:
        raise LotRefuse(f"fichier « {fichier} » illisible : guillemet (\") ouvert et jamais refermé "
                           f"à la ligne {hit['_ligne'][0]} ; le reste du fichier tient dans une seule cellule")
