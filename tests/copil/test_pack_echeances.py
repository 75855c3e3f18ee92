"""The COPIL pack's deadlines (collect → PDF section and workbook sheet) on the hand-built calendar
batch of tests/sql/lot_echeances, against the independent computation of tests/sql/test_echeances.py;
and generating a pack records no committee."""
from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

from observatoire.copil.build import CopilParams, generer_dossier
from tests.fixtures.entrepot import ingerer
from tests.sql.test_echeances import COLONNES, LOT, REGLES, D, attendu, plus_mois

from .conftest import pdf_pages, pdf_texte


@pytest.fixture(scope="module")
def entrepot(empty_warehouse, tmp_path_factory):
    db = tmp_path_factory.mktemp("wh_copil_echeances") / "warehouse.duckdb"
    shutil.copy2(empty_warehouse, db)
    ingerer(db, LOT)
    return db


def _attendus(departement: str, jour: dt.date) -> list[tuple]:
    horizon = plus_mois(jour, 6)     # horizon_fin_convention_mois of data/rules/regles.csv
    return [r for r in attendu(jour, REGLES) if r[4] == departement and (r[-1] or r[-2] <= horizon)]


def test_pack_pdf_and_workbook_show_the_late_and_coming_deadlines(entrepot, tmp_path):
    avant = entrepot.read_bytes()
    d = generer_dossier(CopilParams("69", 2025, date_copil=D), entrepot)
    assert entrepot.read_bytes() == avant              # a pack records no committee (nor anything else)
    e = d.pack.echeances
    assert sorted(e.select(COLONNES).rows()) == sorted(_attendus("69", D))
    assert e["en_retard"].to_list() == sorted(e["en_retard"].to_list(), reverse=True)
    retard = sum(1 for r in _attendus("69", D) if r[-1])
    (tmp_path / "p.pdf").write_bytes(d.pdf)
    assert 2 <= len(pdf_pages(tmp_path / "p.pdf", tmp_path)) <= 4
    texte = pdf_texte(tmp_path / "p.pdf")
    assert "Échéances de suivi" in texte
    assert f"{retard} échéance(s) en retard et {e.height - retard} dans les 6 prochains mois, au 01/03/2025." in texte
    assert "Sous Consommée SA" in texte and "R-SIG-C (sans convention)" in texte
    (tmp_path / "p.xlsx").write_bytes(d.xlsx)
    ws = openpyxl.load_workbook(tmp_path / "p.xlsx")["Échéances"]
    lignes = list(ws.iter_rows(values_only=True))
    i = next(k for k, ligne in enumerate(lignes) if ligne and ligne[0] == "Échéance")
    rangs = [dict(zip(lignes[i], ligne)) for ligne in lignes[i + 1:] if any(v is not None for v in ligne)]
    assert [(r["Échéance"].date(), r["En retard"] == "Oui", r["Convention"], r["Restructuration"])
            for r in rangs] == [(x["date_echeance"], x["en_retard"], x["id_convention"], x["id_restructuration"])
                                for x in e.iter_rows(named=True)]


def test_a_convention_pack_keeps_its_own_deadlines(entrepot):
    d = generer_dossier(CopilParams("69", 2025, convention="C-SOUS", date_copil=D), entrepot)
    assert set(d.pack.echeances["id_convention"]) == {"C-SOUS"}
    assert set(d.pack.echeances["type_echeance"]) == {"COMITE_ANNUEL", "FIN_CONVENTION", "SOUS_CONSOMMATION"}
