"""A workbook's large XML part inflated by ISA-L (python-isal), twice as fast as Python's zlib.

A 200 000-row sheet is 115 MB of XML deflated to 15 MB: `zipfile` inflates it with zlib in
0,29–0,36 s, ISA-L's inflater (the same DEFLATE, Intel's optimised code) in 0,13 s. When a sheet
is parsed in halves (`pipelines.readers_xlsx_parties`), that inflation is on the way of both:
the second half cannot start before the whole sheet is inflated. So the part's deflated bytes
are read from the archive as they are stored and inflated by `isal_zlib`, in pieces the caller
asks for (`Flux.lire(n)`); a part stored uncompressed, encrypted or of another method is read by
`zipfile` as before. The CRC of what is inflated is checked at the end, as `zipfile` does.

Only the standard library and isal are imported: `pipelines.prelecture` uses it before Polars is
imported.
"""
from __future__ import annotations

import struct
import zipfile

from isal import isal_zlib

_ENTETE_LOCALE = struct.Struct("<4s2B4HL2L2H")   # zipfile's own layout of a local file header
_CHIFFRE = 0x1


class Flux:
    """The inflated bytes of `membre` of the open `archive`, read in pieces by `lire(n)` (all
    that is left when n is None)."""

    def __init__(self, archive: zipfile.ZipFile, membre: str):
        info = archive.getinfo(membre)
        self._zip = None
        if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & _CHIFFRE:
            self._zip = archive.open(membre)
            return
        fp = archive.fp
        fp.seek(info.header_offset)
        entete = _ENTETE_LOCALE.unpack(fp.read(_ENTETE_LOCALE.size))
        fp.seek(entete[10] + entete[11], 1)   # the part's name and extra field, then its data
        self._deflate = fp.read(info.compress_size)
        self._inflateur = isal_zlib.decompressobj(-isal_zlib.MAX_WBITS)
        self._crc, self._attendu, self._nom = 0, info.CRC, membre

    def lire(self, n: int | None = None) -> bytes:
        if self._zip is not None:
            return self._zip.read(-1 if n is None else n)
        if n is None:
            morceau = self._inflateur.decompress(self._deflate) + self._inflateur.flush()
            self._deflate = b""
        else:
            morceau = self._inflateur.decompress(self._deflate, n)
            self._deflate = self._inflateur.unconsumed_tail
        self._crc = isal_zlib.crc32(morceau, self._crc)
        if n is None and self._crc != self._attendu:
            raise zipfile.BadZipFile(f"CRC incorrect pour {self._nom}")
        return morceau

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
        self._deflate = b""

    def __enter__(self) -> Flux:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
