"""A large .xlsx sheet parsed by calamine in two halves at once, one per core.

calamine parses a sheet on one core (2,4 s for 200 000 aids on the development machine), while
the machine's second core has little to do. So a sheet whose XML is large enough (`SEUIL`) is
inflated as a stream (by ISA-L, `pipelines.inflation`): as soon as its first half is in, that half
goes to calamine in a thread, as a workbook of its own (the workbook's other parts, stored, and the
sheet's rows up to a row boundary, written to a memory file: `Classeur`); the second half follows
in another thread once inflated. Rows keep their numbers (`<row r="…">`), so calamine puts each
half's cells where they are in the sheet, and the second half is read from its own first row on.
Each thread also makes its half's Arrow columns (`Colonnes`).

`en_parties(path, membre, titre, debut)` gives the halves (`Moities`: each one's first row and the
Future of its `Colonnes`, and the sheet's merged ranges and uncached formulas searched in the
same inflated XML, not inflated again), or None when the sheet is read whole: small, rows without
numbers, a prefixed namespace, a header below the cut. `pipelines.readers_excel` puts the halves
together, or reads the sheet whole when they cannot be (a column typed differently by the two).

Only the standard library, fastexcel and isal are imported: `pipelines.prelecture` uses it before
Polars is imported.
"""
from __future__ import annotations

import io
import os
import re
import threading
import zipfile
from concurrent.futures import Future
from pathlib import Path

import fastexcel

from pipelines.inflation import Flux
from pipelines.readers_xlsx import xlsx_formulas, xlsx_merges

# Sheets of at least this many bytes of XML (about 40 000 rows of 13 columns) are parsed in halves.
# Not tuned: measured gains are 0,22 s for 100 000 aids (64 MB) and 0,3 s for 200 000 (115 MB);
# 30 000 aids (17 MB) were no faster in halves than whole (the threshold lowered to 6 MB, six
# alternated runs of the command; docs/performance-ingestion.md, fifteenth pass).
SEUIL = 24 * 2**20
# The first half a little larger: it starts while the second is still being inflated.
PREMIERE = 0.55
_FIN = b"</sheetData></worksheet>"
_LIGNE = re.compile(rb"<row\b[^>]*?\sr=\"([0-9]+)\"")
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
# In-memory files calamine can open by their path: Linux's memfd, reached through /proc.
_MEMFD = hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd")


class Moities:
    """A sheet being parsed in halves: `parties`, [(first row of the half, Future of its fastexcel
    sheet)]; `cotes`, the Future of (merged ranges, uncached formulas) of the whole sheet."""

    def __init__(self, parties: list[tuple[int, Future]], cotes: Future):
        self.parties, self.cotes = parties, cotes


def grande(archive: zipfile.ZipFile, membre: str) -> bool:
    """Whether the sheet at `membre` is large enough to be parsed in halves."""
    return archive.getinfo(membre).file_size >= SEUIL


def en_parties(path: Path | str, membre: str, titre: str, debut: int) -> Moities | None:
    """The sheet `titre` (XML member `membre`) of the .xlsx at `path`, from row `debut` (0-based) on,
    being parsed in two halves, or None when it is to be read whole."""
    with zipfile.ZipFile(path) as archive:
        if not grande(archive, membre):
            return None
        taille = archive.getinfo(membre).file_size
        autres = {i.filename: archive.read(i.filename) for i in archive.infolist()
                  if i.filename != membre and not i.is_dir() and not _autre_feuille(i.filename)}
        with Flux(archive, membre) as flux:   # inflated by ISA-L: twice zlib's speed
            premiere = flux.lire(int(taille * PREMIERE))
            ouverture = re.search(rb"<sheetData\b[^>]*>", premiere)
            if ouverture is None or ouverture.group().endswith(b"/>"):
                return None
            coupe = premiere.rfind(b"<row ", ouverture.end())
            numero = _LIGNE.match(premiere, coupe) if coupe > ouverture.end() else None
            if numero is None or int(numero.group(1)) - 1 <= debut:
                return None
            tete = _DIMENSION.sub(b"", premiere[:ouverture.end()])
            corps = memoryview(premiere)[ouverture.end():coupe]   # not a copy: 60 MB for 200 000 aids
            parties = [(debut, _lancer(_classeur(autres, membre, tete, corps), titre, debut))]
            reste = premiere[coupe:] + flux.lire()
    fin = reste.rfind(b"</sheetData>")
    if fin < 0:
        return None
    second = int(numero.group(1)) - 1
    parties.append((second, _lancer(_classeur(autres, membre, tete, memoryview(reste)[:fin]), titre, second)))
    return Moities(parties, _en_fond(lambda: _cotes(premiere, coupe, reste)))


def _cotes(premiere: bytes, coupe: int, reste: bytes) -> tuple[list, list]:
    """(merged ranges, uncached formulas) of a sheet whose XML is `premiere` up to byte `coupe`
    (a row's start), then `reste`."""
    return xlsx_merges(reste), xlsx_formulas(premiere, coupe) + xlsx_formulas(reste)


def _autre_feuille(nom: str) -> bool:
    """Another sheet's XML: not needed to read this one (calamine reads a sheet only when asked)."""
    return nom.startswith("xl/worksheets/") and nom.endswith(".xml")


def _classeur(autres: dict[str, bytes], membre: str, tete: bytes, lignes) -> Classeur:
    """A workbook of the other parts and a sheet of `lignes` (rows of the sheet's XML), stored."""
    classeur = Classeur()
    with zipfile.ZipFile(classeur.fichier, "w", zipfile.ZIP_STORED) as sortie:
        for nom, contenu in autres.items():
            sortie.writestr(nom, contenu)
        with sortie.open(membre, "w", force_zip64=True) as feuille:
            feuille.write(tete)
            feuille.write(lignes)
            feuille.write(_FIN)
    return classeur


class Classeur:
    """Where a half's workbook is written for calamine: an anonymous file in memory (Linux's
    memfd), which calamine opens by its path and reads as a stream, or, where there is none, bytes.
    Given bytes, fastexcel copies them before parsing: 84 000 pages of memory touched for the
    first time (each a fault of the kernel: 0,19 s of system time) for the two halves of
    200 000 aids; writing the halves to memory-backed files took 0,07 s (measured on /dev/shm,
    the same shared memory a memfd uses)."""

    def __init__(self):
        self._fd = None
        if _MEMFD:
            try:
                self._fd = os.memfd_create("demi-feuille", os.MFD_CLOEXEC)
            except OSError:   # no descriptor left, no memory files here: bytes, as before
                self._fd = None
        self.fichier = io.BytesIO() if self._fd is None else open(self._fd, "wb", closefd=False)

    def source(self) -> str | bytes:
        """What fastexcel opens: the file's path, or the bytes written."""
        if self._fd is None:
            return self.fichier.getvalue()
        self.fichier.close()
        return f"/proc/self/fd/{self._fd}"

    def fermer(self) -> None:
        """The memory let go (once calamine has parsed it)."""
        self.fichier.close()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _lancer(classeur: Classeur, titre: str, debut: int) -> Future:
    """calamine's parse of `classeur`'s sheet `titre` from row `debut`, in a thread, its cells made
    Arrow columns there too (`Colonnes`); the workbook's memory let go once parsed."""
    def lire() -> Colonnes:
        try:
            return Colonnes(fastexcel.read_excel(classeur.source()).load_sheet(
                titre, header_row=None, skip_rows=debut, schema_sample_rows=None))
        finally:
            classeur.fermer()
    return _en_fond(lire)


class Colonnes:
    """A fastexcel sheet whose cells were made Arrow columns in the thread that parsed it.

    fastexcel builds a sheet's Arrow columns from calamine's cells only when they are asked for
    (`to_polars`): 0,1–0,2 s of each half of 200 000 aids, one half after the other in the reading's
    thread, where each half's own thread can make its columns as soon as it is parsed, both at
    once. Read like the sheet it was (`selected_columns`, `to_polars`), once; calamine's cells are
    let go as soon as the columns are made."""

    def __init__(self, sheet):
        self.selected_columns = sheet.selected_columns
        self._colonnes = sheet.__arrow_c_array__()   # Arrow's C interface: no PyArrow, no copy

    def __arrow_c_array__(self, requested_schema=None):
        # the columns were made already, as calamine typed them: Polars asks for no other schema
        colonnes, self._colonnes = self._colonnes, None
        return colonnes

    def to_polars(self):
        import polars as pl

        return pl.DataFrame(self)


def _en_fond(travail) -> Future:
    """`travail()` in a thread of its own: its result, or its error, in the Future."""
    resultat: Future = Future()
    threading.Thread(target=remplir, args=(resultat, travail), name="lecture-moitie", daemon=True).start()
    return resultat


def remplir(resultat: Future, travail) -> None:
    """Run `travail()`, its result or its error kept in `resultat`: whoever reads it decides (the
    reading parses again and says the error in French)."""
    try:
        resultat.set_result(travail())
    except BaseException as exc:  # noqa: BLE001 -- kept in the Future
        resultat.set_exception(exc)
