"""An aids sheet as LibreOffice saves it in .ods, for scripts/bench_ingestion.py: a title row merged
across the columns above the French headers, typed cells (text, numbers, dates), one cell element
per cell. Written directly (content.xml in a zip): no office suite is installed here."""
from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
            'xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>')


def _cellule(v) -> str:
    if v is None:
        return "<table:table-cell/>"
    if hasattr(v, "isoformat"):
        return f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}"><text:p>{v}</text:p></table:table-cell>'
    if isinstance(v, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'


def ecrire(path: Path, feuille: str, titre: str, entetes: list[str], lignes) -> None:
    """Write `lignes` (tuples of str, int, float, date or None) under `entetes`, below `titre`."""
    n = len(entetes)
    rangs = [f'<table:table-row><table:table-cell table:number-columns-spanned="{n}" office:value-type="string">'
             f'<text:p>{escape(titre)}</text:p></table:table-cell>'
             f'<table:covered-table-cell table:number-columns-repeated="{n - 1}"/></table:table-row>',
             "<table:table-row>" + "".join(map(_cellule, entetes)) + "</table:table-row>"]
    rangs += ["<table:table-row>" + "".join(map(_cellule, r)) + "</table:table-row>" for r in lignes]
    contenu = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="{escape(feuille)}">' + "".join(rangs)
               + "</table:table></office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", contenu)
        z.writestr("META-INF/manifest.xml", MANIFEST)
