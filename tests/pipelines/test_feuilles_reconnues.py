"""A workbook whose sheets are not named after datasets ("Sheet1", as pandas and Excel save them,
"Feuil1" in French) is read by its headers: the dataset whose required columns a row of the
sheet's first rows holds (pipelines.readers_grid.reconnaitre_jeu). A sheet whose headers fit no
dataset, or two equally, is still refused with the sentence it got before."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

from pipelines.ingest import ingerer_lot
from pipelines.readers import LotRefuse, lire_lot
from pipelines.readers_grid import reconnaitre_jeu
from tests.fixtures.entrepot import lire

AIDES = ["Identifiant de l'aide", "Convention", "Nom du bénéficiaire", "Code commune", "Type d'aide",
         "Date de décision", "Montant de revitalisation (€)", "Emplois prévus"]


def _classeur(path: Path, feuilles: dict[str, list[list]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    for nom, lignes in feuilles.items():
        feuille = book.add_worksheet(nom)
        for i, ligne in enumerate(lignes):
            for j, v in enumerate(ligne):
                if isinstance(v, dt.date):
                    feuille.write_datetime(i, j, dt.datetime(v.year, v.month, v.day),
                                           book.add_format({"num_format": "dd/mm/yyyy"}))
                elif v is not None:
                    feuille.write(i, j, v)
    book.close()
    return path


def test_the_dataset_is_told_by_the_headers():
    assert reconnaitre_jeu([["Aides accordées en 2024"], [], AIDES]) == "aides"
    assert reconnaitre_jeu([["id_aide", "date_constat", "emplois_crees"]]) == "suivi_emplois"
    assert reconnaitre_jeu([["id_fonds", "nom", "departement", "gestionnaire"]]) == "fonds"
    assert reconnaitre_jeu([["id_aide", "montant_revitalisation"]]) is None   # required columns missing
    assert reconnaitre_jeu([["Budget", "Total"], [1, 2]]) is None


def test_a_sheet1_workbook_of_aids_loads(sample_warehouse, copy_of, tmp_path):
    """The file pandas writes by default (`df.to_excel("export.xlsx")`): one sheet "Sheet1"."""
    convention = lire(sample_warehouse, "SELECT id_convention FROM conventions ORDER BY 1 LIMIT 1")[0][0]
    commune = lire(sample_warehouse, "SELECT code_commune FROM aides ORDER BY 1 LIMIT 1")[0][0]
    lot = _classeur(tmp_path / "export.xlsx", {"Sheet1": [
        AIDES,
        ["S-1", convention, "Alpha SAS", commune, "SUBVENTION", dt.date(2023, 4, 12), 15000, 3],
        ["S-2", convention, "Beta SARL", commune, "PRET", dt.date(2023, 5, 2), 20000, 4]]})
    tables = lire_lot(lot)
    assert [(t.dataset, t.fichier, t.frame.height) for t in tables] == [("aides", "export.xlsx › Sheet1", 2)]
    db = copy_of(sample_warehouse)
    report = ingerer_lot(db, lot)
    assert report.nb_charges == 2 and report.nb_rejetes == 0, report.summary_fr()
    assert lire(db, "SELECT id_aide, fichier, ligne FROM aides WHERE id_aide LIKE 'S-%' ORDER BY 1") == [
        ("S-1", "export.xlsx › Sheet1", 2), ("S-2", "export.xlsx › Sheet1", 3)]


def test_named_and_unnamed_sheets_together(tmp_path):
    lot = _classeur(tmp_path / "lot.xlsx", {
        "Lisez-moi": [["Une feuille par jeu de données"]],
        "Aides": [AIDES, ["A-1", "C-1", "Alpha", "13001", "PRET", dt.date(2023, 4, 12), 15000, 3]],
        "Feuil2": [["Fonds au 31/12/2024"], [], ["id_fonds", "nom", "departement", "gestionnaire"],
                   ["F-1", "Fonds 13", "13", "Opérateur"]]})
    assert [(t.dataset, t.fichier, t.frame.height) for t in lire_lot(lot)] == [
        ("fonds", "lot.xlsx › Feuil2", 1), ("aides", "lot.xlsx › Aides", 1)]


def test_a_sheet_no_headers_tell_is_refused_as_before(tmp_path):
    lot = _classeur(tmp_path / "lot.xlsx", {"Aides": [AIDES], "Feuil2": [["Budget", "Total"], [1, 2]]})
    with pytest.raises(LotRefuse, match="« lot.xlsx › Feuil2 » : jeu de données inconnu"):
        lire_lot(lot)
    seul = _classeur(tmp_path / "seul.xlsx", {"Sheet1": [["id_aide", "montant_revitalisation"], ["A-1", 5]]})
    with pytest.raises(LotRefuse, match="ne contient aucune feuille de données"):
        lire_lot(seul)


def test_a_csv_or_parquet_not_named_after_its_dataset_is_told_by_its_headers(tmp_path):
    """An upload keeps the name the office gave it ("Copie de aides (2).csv"); its headers say
    what it holds. A file whose headers fit no dataset is still an unknown dataset."""
    import polars as pl

    dossier = tmp_path / "lot"
    dossier.mkdir()
    (dossier / "Copie de aides (2).csv").write_text(
        ";".join(AIDES) + "\nA-1;C-1;Alpha;13001;PRET;12/04/2023;15 000;3\n", encoding="utf-8")
    pl.DataFrame({"id_fonds": ["F-1"], "nom": ["Fonds 13"], "departement": ["13"],
                  "gestionnaire": ["Opérateur"]}).write_parquet(dossier / "export.parquet")
    tables = lire_lot(dossier)
    assert [(t.dataset, t.fichier, t.frame.height) for t in tables] == [
        ("fonds", "export.parquet", 1), ("aides", "Copie de aides (2).csv", 1)]
    assert [(t.dataset, t.frame.height) for t in lire_lot(dossier / "Copie de aides (2).csv")] == [("aides", 1)]
    (dossier / "notes.csv").write_text("Budget;Total\n1;2\n", encoding="utf-8")
    with pytest.raises(LotRefuse, match="« notes.csv » : jeu de données inconnu"):
        lire_lot(dossier)


def test_a_large_csv_is_recognised_by_its_first_megabyte(tmp_path):
    """Only the beginning is read to recognise it (the file is read whole next), cut at a line."""
    from pipelines.readers_csv import debut_csv

    gros = tmp_path / "export.csv"
    gros.write_text("id_aide;date_constat;emplois_crees\n" + "".join(f"A-{i};31/12/2025;{i % 9}\n"
                                                                      for i in range(120_000)), encoding="utf-8")
    debut = debut_csv(gros)
    assert len(debut) <= 1 << 20 < gros.stat().st_size and debut.endswith(b"\n")
    assert [(t.dataset, t.frame.height) for t in lire_lot(gros)] == [("suivi_emplois", 120_000)]
