"""Fixtures for the COPIL pack tests: small warehouses built with the real build and ingestion.

`copil_entrepot`: the empty warehouse plus the batch COPIL of tests/fixtures/lots.py (two
Bouches-du-Rhône conventions, one pooled fund, three aids), whose figures the tests work out by hand.
`entrepot_nombreuses_conventions`: the same geography with 40 conventions in the département
(`lots.nombreuses_conventions`), to check that the PDF caps its table and stays within four pages.
`dossier_echantillon_13`: the Bouches-du-Rhône 2023 pack of the bundled sample, generated once per
run and shared (pickled) by the tests that read it.
"""
from __future__ import annotations

import pickle
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.fixtures.entrepot import ingerer, une_fois
from tests.fixtures.lots import ecrire_lot, nombreuses_conventions


@pytest.fixture(scope="session")
def copil_entrepot(entrepot_du_lot) -> Path:
    return entrepot_du_lot("copil")


@pytest.fixture(scope="session")
def entrepot_nombreuses_conventions(empty_warehouse, tmp_path_factory) -> Path:
    lot = ecrire_lot(nombreuses_conventions(40), tmp_path_factory.mktemp("lot_40"))
    db = tmp_path_factory.mktemp("wh_40") / "warehouse.duckdb"
    shutil.copy2(empty_warehouse, db)
    ingerer(db, lot)
    return db


@pytest.fixture(scope="session")
def dossier_echantillon_13(sample_warehouse, tmp_path_factory):
    """generer_dossier(CopilParams("13", 2023)) on the sample warehouse, once per run (even under
    `pytest -n`: tests.fixtures.entrepot.une_fois, pickled); the tests only read it."""
    from observatoire.copil.build import CopilParams, generer_dossier

    def construire(chemin: Path) -> None:
        chemin.write_bytes(pickle.dumps(generer_dossier(CopilParams("13", 2023), sample_warehouse)))
    return pickle.loads(une_fois(tmp_path_factory, "dossier_echantillon_13.pickle", construire).read_bytes())


def pdf_texte(pdf: Path) -> str:
    """Text of a PDF (pdftotext, layout kept), with French no-break spaces turned into spaces."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return out.replace("\u202f", " ").replace("\u00a0", " ")


def pdf_pages(pdf: Path, dossier: Path) -> list[Path]:
    """Render every page to PNG at 60 dpi (pdftoppm) and return the images."""
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(dossier / "page")], check=True)
    return sorted(dossier.glob("page-*.png"))
