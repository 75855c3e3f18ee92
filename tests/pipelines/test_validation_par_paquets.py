"""A large dataset validated in parts (pipelines.validate.PAQUET) gives what one pass gives.

Above PAQUET rows, a dataset's cells are validated in parts of rows sharing their first key
column, to bound memory. Here PAQUET is lowered to 2 so a small batch is cut in several parts,
with what crosses rows: duplicate keys, a follow-up lower than an earlier one of the same aid
(in the batch and in the warehouse), a reference to an aid rejected in the same batch, an
unknown convention. The warehouse and the report must be the same as with one pass. (This
batch also found a Polars panic in the decreasing follow-up rule, fixed in pipelines.signalements.)
"""
from __future__ import annotations

import shutil

import duckdb
import pytest

from pipelines import validate
from pipelines.loader import charger_lot
from tests.fixtures.entrepot import snapshot
from tests.fixtures.lots import VALIDE, ecrire_lot

AIDES_EN_PLUS = [
    "A-1;C-1;;552100554;Doublon;13001;62.01Z;PRET;01/03/2023;1 000;0;0;1",   # same key as the batch's A-1
    "A-9;C-999;;552100554;Inconnue;13001;62.01Z;PRET;01/03/2023;1 000;0;0;1",  # unknown convention
    "A-8;C-1;;552100554;Huit;13001;62.01Z;PRET;01/03/2023;-5;0;0;1",  # rejected: negative amount
    "A-7;C-1;;552100554;Sept;13001;62.01Z;PRET;01/03/2023;2 000;0;0;3",
]
SUIVI_EN_PLUS = [
    "A-7;31/12/2023;3", "A-7;31/12/2024;1",      # decreasing within the batch
    "A-4;30/06/2025;3",                          # A-4 has 4 at 31/12/2024 in this batch
    "A-8;31/12/2024;1",                          # refers to an aid rejected in this batch
    "A-2;31/12/2023;12",                         # same key as a row of the batch
]


def _charger(base, dossier, db):
    shutil.copy2(base, db)
    con = duckdb.connect(str(db))
    try:
        rapport = charger_lot(con, dossier)
    finally:
        con.close()
    contenu = snapshot(db)
    contenu.pop("ingestion_log")   # its start and end times differ from one run to the other
    return rapport, contenu


@pytest.fixture
def lot(tmp_path):
    fichiers = {nom: list(lignes) for nom, lignes in VALIDE.items()}
    fichiers["aides.csv"] += AIDES_EN_PLUS
    fichiers["suivi_emplois.csv"] += SUIVI_EN_PLUS
    return ecrire_lot(fichiers, tmp_path / "lot")


@pytest.mark.parametrize("base", ["vide", "valide"])
def test_parts_give_what_one_pass_gives(base, empty_warehouse, entrepot_du_lot, lot, tmp_path, monkeypatch):
    """Into an empty warehouse, and into one that holds the batch VALIDE already (the rules then
    read its rows: in parts, each table is read whole once and filtered for each part)."""
    depart = empty_warehouse if base == "vide" else entrepot_du_lot("valide")
    entier, contenu_entier = _charger(depart, lot, tmp_path / "entier.duckdb")
    monkeypatch.setattr(validate, "PAQUET", 2)
    parts, contenu_parts = _charger(depart, lot, tmp_path / "parts.duckdb")

    assert entier.nb_rejetes >= 5 and entier.nb_signales >= 2   # the batch does cross rows
    codes = {s.code for s in entier.signalements}
    assert "SUIVI_DECROISSANT" in codes
    messages = " ".join(e.text_fr() for e in entier.errors)
    assert "en double dans le lot" in messages and "C-999" in messages and "A-8" in messages
    assert (parts.nb_charges, parts.nb_rejetes, parts.nb_signales) == (
        entier.nb_charges, entier.nb_rejetes, entier.nb_signales)
    assert sorted(e.text_fr() for e in parts.errors) == sorted(e.text_fr() for e in entier.errors)
    assert sorted(s.message for s in parts.signalements) == sorted(s.message for s in entier.signalements)
    assert contenu_parts == contenu_entier
