"""The workbook's parse started with the command (pipelines.prelecture) reads what the reading
would have read: the same tables for .xlsx, .ods and .xls (title rows, merged cells, a "Lisez-moi"
and a hidden sheet), every parse it started taken, and the command loads the same warehouse as the
in-process load. A parse it could not start, or that failed, leaves the reading to do it, with
the same French message as without it."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.prelecture import Prelecture
from pipelines.readers import LotRefuse, lire_lot
from tests.pipelines.test_classeurs import CLASSEURS, _normalised

ROOT = Path(__file__).resolve().parents[2]


def _tables(path: Path, prelu=None) -> list[tuple]:
    return [(t.dataset, t.fichier, t.frame.rows(), t.lues.columns, t.lues.rows(), t.extra_columns)
            for t in lire_lot(path, prelu=prelu)]


@pytest.mark.parametrize("ext", ["xlsx", "ods", "xls"])
def test_the_early_parse_reads_the_same_tables_and_is_all_taken(ext):
    path = CLASSEURS / f"lot.{ext}"
    prelu = Prelecture(path)
    assert _tables(path, prelu) == _tables(path)
    if ext == "xlsx":   # one parse per data sheet, from the row below its header; none left over
        assert prelu._connues.wait(10) and prelu._feuilles == {}
        assert prelu.feuille(path, "Aides", 5) is None
    else:
        assert prelu.ouverture(path) is None   # taken by the reading


def test_the_parses_started_are_the_data_sheets_below_their_headers(tmp_path):
    path = tmp_path / "lot.xlsx"
    shutil.copy(CLASSEURS / "lot.xlsx", path)
    prelu = Prelecture(path)
    assert prelu._connues.wait(10)
    debuts = {titre: debut for titre, debut in prelu._feuilles}
    assert "Lisez-moi" not in debuts and set(debuts) >= {"Restructurations", "Aides"}
    assert debuts["Restructurations"] == 4    # header on row 4: its cells from the fifth row (index 4)
    assert prelu.feuille(tmp_path / "autre.xlsx", "Aides", debuts["Aides"]) is None   # another file
    assert prelu.feuille(path, "Aides", debuts["Aides"]) is not None
    assert prelu.feuille(path, "Aides", debuts["Aides"]) is None                     # taken once


def test_an_unreadable_workbook_is_refused_with_the_same_sentence(tmp_path):
    path = tmp_path / "aides.xlsx"
    path.write_bytes(b"ceci n'est pas un classeur")
    with pytest.raises(LotRefuse) as sans:
        lire_lot(path)
    with pytest.raises(LotRefuse) as avec:
        lire_lot(path, prelu=Prelecture(path))
    assert str(avec.value) == str(sans.value) and "illisible" in str(sans.value)


def test_the_batch_is_found_among_the_command_arguments(tmp_path):
    classeur = tmp_path / "lot.xlsx"
    shutil.copy(CLASSEURS / "lot.xlsx", classeur)
    (tmp_path / "aides.csv").write_text("id_aide\n", encoding="utf-8")
    from pipelines.ingest import _parser

    def trouve(argv):
        return Prelecture.de_la_commande(argv, _parser())
    assert trouve(["--db", str(tmp_path / "w.xlsx"), str(classeur), "--progression-json"]).path == classeur
    assert trouve([str(classeur), "--utilisateur", "a@b.fr", "--rapport-json", "r.json"]).path == classeur
    assert trouve([str(tmp_path)]) is None                          # a folder
    assert trouve([str(tmp_path / "aides.csv")]) is None            # a CSV
    assert trouve([str(tmp_path / "absent.xlsx")]) is None          # no such file: the command says so
    assert trouve([str(classeur), str(classeur)]) is None           # a usage error
    assert trouve(["--help"]) is None


def test_the_command_loads_the_same_warehouse_as_the_in_process_load(empty_warehouse, tmp_path):
    from tests.fixtures.entrepot import load_into

    sans, avec = tmp_path / "sans.duckdb", tmp_path / "avec.duckdb"
    shutil.copy2(empty_warehouse, sans)
    shutil.copy2(empty_warehouse, avec)
    attendu = load_into(sans, CLASSEURS / "lot.xlsx")
    env = {k: v for k, v in os.environ.items() if k != "OBSERVATOIRE_DB"}
    fait = subprocess.run([sys.executable, "-m", "pipelines.ingest", str(CLASSEURS / "lot.xlsx"), "--db", str(avec)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert fait.returncode == 0, fait.stderr
    from tests.fixtures.entrepot import lire
    lot = lire(avec, "SELECT batch_id FROM ingestion_log")[0][0]
    assert _normalised(avec, "xlsx", lot) == _normalised(sans, "xlsx", attendu.batch_id)


@pytest.mark.parametrize("nom, feuilles", [
    ("aides.xlsx", ["Feuil1", "Autre"]),        # named after its dataset: its first sheet
    ("export.xlsx", ["Notice", "Sheet1"]),      # told by its headers, the notice skipped
])
def test_the_sheet_parsed_early_is_the_one_the_reading_takes(tmp_path, nom, feuilles):
    from tests.pipelines.test_feuilles_reconnues import AIDES, _classeur

    lignes = [["Aides accordées au 30/11/2026"], [], AIDES,
              ["A-1", "C-1", "Boulangerie Martin", "75056", "subvention", dt.date(2024, 3, 1), 12000, 2]]
    contenu = {f: (lignes if i == (0 if nom == "aides.xlsx" else 1) else [["voir l'autre feuille"]])
               for i, f in enumerate(feuilles)}
    path = _classeur(tmp_path / nom, contenu)
    prelu = Prelecture(path)
    assert prelu._connues.wait(10) and list(prelu._feuilles) == [(feuilles[0 if nom == "aides.xlsx" else 1], 3)]
    assert _tables(path, prelu) == _tables(path)
    assert prelu._feuilles == {}
