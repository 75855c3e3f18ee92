"""The .ods side reader (pipelines.readers_ods) places merges and uncomputed formulas where a full
walk of the sheet would: title rows, repeated rows, row groups, repeated and covered cells, a
formula with its value (not reported), a second sheet of its own."""
from __future__ import annotations

from pipelines.readers_ods import merges_and_formulas, sheets, tables

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')


def _cellule(texte: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{texte}</text:p></table:table-cell>'


CONTENU = f"""<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>
<office:automatic-styles><style:style style:name="ta2" style:family="table">
<style:table-properties table:display="false"/></style:style></office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="A">
<table:table-header-rows><table:table-row>
<table:table-cell table:number-columns-spanned="3" office:value-type="string"><text:p>Titre</text:p></table:table-cell>
<table:covered-table-cell table:number-columns-repeated="2"/></table:table-row></table:table-header-rows>
<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
<table:table-row-group><table:table-row>
<table:table-cell table:number-columns-repeated="2"/>
<table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>C-1</text:p></table:table-cell>
</table:table-row></table:table-row-group>
<table:table-row>{_cellule("x")}<table:table-cell table:formula="of:=[.A1]*2"/><table:covered-table-cell/></table:table-row>
<table:table-row>{_cellule("y")}<table:table-cell table:formula="of:=1+1" office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-spanned="1">{_cellule("z")}<table:table-cell table:number-columns-spanned="1"/></table:table-row>
</table:table>
<table:table table:name="B" table:style-name="ta2"><table:table-row>
<table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>b</text:p></table:table-cell>
</table:table-row><table:table-row><table:covered-table-cell/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>""".encode()


def test_les_fusions_et_formules_sont_placees_comme_par_une_lecture_complete():
    assert merges_and_formulas(CONTENU, "A") == ([(1, 1, 1, 3), (5, 3, 6, 3)], [(6, 2, "=[.A1]*2")])
    assert merges_and_formulas(CONTENU, "B") == ([(1, 1, 2, 1)], [])
    assert merges_and_formulas(CONTENU, "absente") == ([], [])
    assert sheets(CONTENU) == (["A", "B"], {"B"})


def test_les_feuilles_cherchees_une_fois_servent_a_chacune():
    """The reading searches the sheets once (`tables`) and hands the result to each sheet's search:
    the same merges, formulas, names and hidden sheets as when each search starts afresh."""
    found = tables(CONTENU)
    assert [name for name, _, _ in found] == ["A", "B"]
    for titre in ("A", "B", "absente"):
        assert merges_and_formulas(CONTENU, titre, found) == merges_and_formulas(CONTENU, titre)
    assert sheets(CONTENU, found) == sheets(CONTENU)
