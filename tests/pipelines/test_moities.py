"""A large .xlsx sheet parsed in two halves at once (pipelines.readers_xlsx_parties) reads exactly
what the whole parse reads: the same tables (values, the user's row numbers, cells as read,
ignored columns), title rows, merged cells, formulas saved without a value, empty rows and a column
typed differently by the two halves included, with the command's early parse or without it. The
threshold is lowered here so that small workbooks are parsed in halves."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

import pipelines.readers_xlsx_parties as parties
from pipelines.prelecture import Prelecture
from pipelines.readers import lire_lot
from tests.pipelines.test_classeurs import CLASSEURS

ENTETES = ["Identifiant de l'aide", "Convention", "Fonds", "SIREN bénéficiaire", "Nom du bénéficiaire",
           "Code commune", "Code NAF", "Type d'aide", "Date de décision", "Montant de revitalisation (€)",
           "Cofinancement public", "Cofinancement privé", "Emplois prévus", "Remarque"]


def _tables(path: Path, prelu=None) -> list[tuple]:
    return [(t.dataset, t.fichier, t.frame.rows(), t.lues.columns, t.lues.rows(), t.extra_columns)
            for t in lire_lot(path, prelu=prelu)]


@pytest.fixture
def moities(monkeypatch):
    """Every sheet parsed in halves; the halves used are counted."""
    utilisees = []
    en_parties = parties.en_parties

    def compter(*args):
        resultat = en_parties(*args)
        utilisees.append(resultat is not None)
        return resultat
    monkeypatch.setattr(parties, "SEUIL", 1)
    monkeypatch.setattr("pipelines.readers_excel.en_parties", compter)
    monkeypatch.setattr("pipelines.prelecture.en_parties", compter)
    return utilisees


def _entier(path: Path, prelu: bool = False) -> list[tuple]:
    seuil, parties.SEUIL = parties.SEUIL, 10**15
    try:
        return _tables(path, Prelecture(path) if prelu else None)
    finally:
        parties.SEUIL = seuil


def _aides(path: Path, n: int = 3_000, melange: bool = False) -> Path:
    """n aids under a merged title row, with empty rows, formulas without a value and, if asked,
    a text in the amounts' column of the second half only."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "aides"
    ws.append(["Aides accordées (état au 30/11/2026)"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(ENTETES)
    for i in range(n):
        if i % 250 == 7:
            ws.append([])
            continue
        montant = "à préciser" if melange and i == n - 10 else 1000.0 + i
        ws.append([f"A-{i:07d}", "C-2020-00001", None, "552100554", f"Entreprise {i} « test »", "33063", "62.01Z",
                   "SUBVENTION", "12/03/2021", montant, 0, 0, 3, f"=B{i + 4}" if i % 500 == 3 else None])
    ws.merge_cells(f"E{n // 2}:E{n // 2 + 3}")
    wb.save(path)
    return path


def test_the_fixture_workbook_reads_the_same_in_halves(moities):
    path = CLASSEURS / "lot.xlsx"
    attendu, attendu_prelu = _entier(path), _entier(path, prelu=True)
    moities.clear()
    assert _tables(path) == attendu
    assert _tables(path, Prelecture(path)) == attendu_prelu
    assert any(moities)


@pytest.mark.parametrize("melange", [False, True])
def test_a_sheet_in_halves_gives_the_tables_of_a_whole_parse(tmp_path, moities, melange):
    path = _aides(tmp_path / "aides.xlsx", melange=melange)
    attendu = _entier(path)
    moities.clear()
    assert _tables(path) == attendu
    assert _tables(path, Prelecture(path)) == attendu
    assert moities and all(moities)
    lignes = attendu[0][2]
    assert len(lignes) == 3_000 - 12                         # the empty rows skipped
    formules = [r for r in attendu[0][4] if r[-1] is not None]
    assert formules and all(r[-1].startswith("=B") for r in formules)   # formulas saved without a value


@pytest.mark.parametrize("memoire", [True, False])
def test_each_half_is_parsed_from_its_own_workbook_in_memory_or_in_bytes(tmp_path, moities, monkeypatch, memoire):
    """Each half's workbook goes to calamine as an in-memory file it opens by path (memfd), or,
    where there is none, as bytes: the same tables, and every file let go once parsed."""
    if memoire and not parties._MEMFD:
        pytest.skip("pas de fichier en mémoire (memfd) sur cette machine")
    monkeypatch.setattr(parties, "_MEMFD", memoire)
    path = _aides(tmp_path / "aides.xlsx", melange=True)
    attendu = _entier(path)
    crees = []
    classeur = parties.Classeur

    class Compte(classeur):
        def __init__(self):
            super().__init__()
            self.en_memoire = self._fd is not None
            crees.append(self)
    monkeypatch.setattr(parties, "Classeur", Compte)
    moities.clear()
    assert _tables(path) == attendu
    assert moities and all(moities) and len(crees) == 2
    assert [c.en_memoire for c in crees] == [memoire, memoire]
    assert all(c._fd is None and c.fichier.closed for c in crees)   # closed once parsed


def test_the_user_row_numbers_run_on_across_the_cut(tmp_path, moities):
    path = _aides(tmp_path / "aides.xlsx", n=2_000)
    ((_, _, lignes, *_),) = _tables(path)
    numeros = [r[-1] for r in lignes]
    ids = [int(r[0][2:]) for r in lignes]
    assert all(numero == i + 4 for numero, i in zip(numeros, ids))   # row 4 is the first aid
    assert any(moities)


def test_a_sheet_whose_rows_have_no_numbers_is_read_whole(tmp_path, moities):
    path = _aides(tmp_path / "aides.xlsx", n=1_000)
    sans = tmp_path / "sans_numeros.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(sans, "w", zipfile.ZIP_DEFLATED) as copie:
        for info in source.infolist():
            contenu = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                contenu = re.sub(rb'(<row\b[^>]*?)\sr="[0-9]+"', rb"\1", contenu)
            copie.writestr(info.filename, contenu)
    assert parties.en_parties(sans, "xl/worksheets/sheet1.xml", "aides", 3) is None
    assert _tables(sans) == _entier(sans)
