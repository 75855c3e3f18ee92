"""CSV files as users export them: `;` or `,`, UTF-8 (with or without BOM) or Windows-1252.

Excel in French saves `;`-separated Windows-1252 with `1 325,50` decimals; other tools save
`,`-separated UTF-8. The separator is chosen by which one yields the best header row for the
dataset (title rows above the header are allowed), so a title line cannot fool the sniffing.
Everything stays text: typing is the validator's job.
"""
from __future__ import annotations

import codecs
import csv
import io
from itertools import islice

from pipelines.readers_grid import HEADER_SCAN_ROWS, LotRefuse, _match_row

SEPARATORS = (";", ",", "\t")


def decode(data: bytes, fichier: str) -> str:
    """Bytes -> text: strict UTF-8 first (BOM removed), then Windows-1252; refuses binary content."""
    if not data.strip():
        raise LotRefuse(f"le fichier « {fichier} » est vide")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n")
            if controls > max(2, len(text) // 1000):
                break
            return text
    raise LotRefuse(f"fichier « {fichier} » illisible : ce n'est pas un texte CSV "
                       "(encodages acceptés : UTF-8 ou Windows-1252)")


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


def read_csv_grid(data: bytes, dataset: str, fichier: str) -> list[list[str]]:
    """CSV bytes -> rows of strings; row i is the record the user sees as row i + 1."""
    text = decode(data, fichier)
    if not text.strip():
        raise LotRefuse(f"le fichier « {fichier} » est vide")
    sep = sniff_separator(text, dataset)
    try:
        rows = list(_records(text, sep))
    except csv.Error as exc:
        raise LotRefuse(f"fichier « {fichier} » illisible : CSV mal formé ({exc})") from exc
    _check_unclosed_quote(rows, sep, fichier)
    return rows


def _check_unclosed_quote(rows: list[list[str]], sep: str, fichier: str) -> None:
    """A quote opened and never closed swallows the rest of the file into one cell: say where."""
    for i, row in enumerate(rows):
        for cell in row:
            if "\n" in cell and sep in cell and cell.count("\n") >= 3:
                raise LotRefuse(f"fichier « {fichier} » illisible : guillemet (\") ouvert et jamais refermé "
                                   f"à la ligne {i + 1} ; le reste du fichier tient dans une seule cellule")
