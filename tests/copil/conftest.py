"""Fixtures for the COPIL pack tests: small warehouses built with the real build and ingestion.

`copil_entrepot`: the empty warehouse plus tests/copil/lot_copil (two Bouches-du-Rhône
conventions, one pooled fund, three aids), whose figures the tests work out by hand.
`entrepot_nombreuses_conventions`: the same geography with 40 conventions in the département,
written by the fixture, to check that the PDF caps its table and stays within four pages.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

ICI = Path(__file__).resolve().parent
LOT = ICI / "lot_copil"


def _ingerer(db: Path, lot: Path) -> None:
    from pipelines.ingest import ingerer_lot

    rapport = ingerer_lot(db, lot)
    assert not rapport.refused and rapport.nb_rejetes == 0, rapport.summary_fr()


@pytest.fixture(scope="session")
def copil_entrepot(empty_warehouse, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("wh_copil") / "warehouse.duckdb"
    shutil.copy2(empty_warehouse, db)
    _ingerer(db, LOT)
    return db


def _luhn(base8: str) -> str:
    for k in range(10):
        s = base8 + str(k)
        total = 0
        for i, c in enumerate(reversed(s)):
            d = int(c) * (2 if i % 2 else 1)
            total += d - 9 if d > 9 else d
        if total % 10 == 0:
            return s
    raise AssertionError(base8)


@pytest.fixture(scope="session")
def entrepot_nombreuses_conventions(empty_warehouse, tmp_path_factory) -> Path:
    lot = tmp_path_factory.mktemp("lot_40")
    n = 40
    def ecrire(nom: str, entetes: list[str], lignes: list[list]):
        with (lot / f"{nom}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerow(entetes)
            w.writerows(lignes)
    ecrire("restructurations", ["id_restructuration", "siren", "raison_sociale", "code_commune",
                                "date_notification", "type_procedure", "emplois_supprimes"],
           [[f"R{i:02d}", _luhn(f"{50000000 + i:08d}"), f"Société industrielle de Provence numéro {i}",
             "13055" if i % 2 else "13056", f"{2015 + i % 9}-02-01", "PSE", 20 + i] for i in range(n)])
    ecrire("conventions", ["id_convention", "id_restructuration", "date_signature", "departement",
                           "montant_engage", "modalite", "objectif_emplois"],
           [[f"C{i:02d}", f"R{i:02d}", f"{2015 + i % 9}-06-01", "13", 100000 + 1000 * i, "DIRECTE", 20 + i]
            for i in range(n)])
    ecrire("aides", ["id_aide", "id_convention", "siren_beneficiaire", "nom_beneficiaire", "code_commune",
                     "type_aide", "date_decision", "montant_revitalisation", "emplois_prevus"],
           [[f"A{i:02d}", f"C{i:02d}", _luhn(f"{60000000 + i:08d}"), f"Entreprise {i}", "13055", "PRET",
             f"{2016 + i % 8}-03-01", 15000, 3] for i in range(n)])
    ecrire("suivi_emplois", ["id_aide", "date_constat", "emplois_crees"],
           [[f"A{i:02d}", f"{2017 + i % 8}-03-01", 2 + i % 3] for i in range(n)])
    db = tmp_path_factory.mktemp("wh_40") / "warehouse.duckdb"
    shutil.copy2(empty_warehouse, db)
    _ingerer(db, lot)
    return db


def pdf_texte(pdf: Path) -> str:
    """Text of a PDF (pdftotext, layout kept), with French no-break spaces turned into spaces."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return out.replace("\u202f", " ").replace("\u00a0", " ")


def pdf_pages(pdf: Path, dossier: Path) -> list[Path]:
    """Render every page to PNG at 60 dpi (pdftoppm) and return the images."""
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(dossier / "page")], check=True)
    return sorted(dossier.glob("page-*.png"))
