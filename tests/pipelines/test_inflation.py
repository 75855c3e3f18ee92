"""A workbook's part inflated by ISA-L (pipelines.inflation) gives the bytes zipfile gives, read
whole or in pieces, for a deflated part and for a stored one; a damaged part is refused as
zipfile refuses it."""
from __future__ import annotations

import zipfile

import pytest

from pipelines.inflation import Flux

XML = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>aide %d \xc3\xa9</t></is></c></row>' % (i, i, i)
               for i in range(1, 20_001))


def _archive(path, compression) -> None:
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("xl/workbook.xml", b"<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", XML)
        z.writestr("docProps/app.xml", b"<Properties/>")


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_pieces_equal_zipfile(tmp_path, compression):
    path = tmp_path / "classeur.xlsx"
    _archive(path, compression)
    with zipfile.ZipFile(path) as archive:
        with Flux(archive, "xl/worksheets/sheet1.xml") as flux:
            debut = flux.lire(len(XML) // 3)
            reste = flux.lire()
        assert len(debut) == len(XML) // 3
        assert debut + reste == XML == archive.read("xl/worksheets/sheet1.xml")
        with Flux(archive, "docProps/app.xml") as flux:   # the part after it, read from its own header
            assert flux.lire() == b"<Properties/>"


def test_damaged_part_refused(tmp_path):
    path = tmp_path / "classeur.xlsx"
    _archive(path, zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    info.CRC ^= 1   # the central directory's CRC no longer matches the inflated bytes
    position = data.find(info.filename.encode(), data.find(b"PK\x01\x02"))
    crc = position - 46 + 16
    data[crc:crc + 4] = info.CRC.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        with pytest.raises(zipfile.BadZipFile):
            archive.read("xl/worksheets/sheet1.xml")
        with Flux(archive, "xl/worksheets/sheet1.xml") as flux, pytest.raises(zipfile.BadZipFile):
            flux.lire(1000)
            flux.lire()
