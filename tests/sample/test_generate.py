"""The generator is deterministic, the committed batch is what it produces, and its small
helpers (Luhn key, French numbers, files a DDETS team would hold) behave as documented."""
from __future__ import annotations

import csv
import io
import random

import openpyxl
import pytest

from core.config import SAMPLE_DIR
from pipelines.parsers import cle_luhn, luhn_ok, parse_siren
from pipelines.sample.distributions import Registre, plus_mois
from pipelines.sample.generate import generer
from pipelines.sample.writers import ecrire_lot, nombre_fr

FICHIERS = ("restructurations.csv", "conventions.xlsx", "fonds.xlsx", "dotations.csv", "aides.csv",
            "suivi_emplois.csv", "comites.csv")


def _octets(dossier):
    return {f: (dossier / f).read_bytes() for f in FICHIERS}


def test_same_seed_same_bytes_different_seed_different_bytes(tmp_path):
    a = generer(tmp_path / "a", scale=0.05)
    generer(tmp_path / "b", scale=0.05)
    assert [p.name for p in a] == list(FICHIERS)
    assert _octets(tmp_path / "a") == _octets(tmp_path / "b")
    generer(tmp_path / "c", seed=7, scale=0.05)
    autre = _octets(tmp_path / "c")
    assert autre["aides.csv"] != _octets(tmp_path / "a")["aides.csv"]


def test_committed_sample_is_a_fresh_generation_at_scale_1(tmp_path, lignes_echantillon):
    ecrire_lot(lignes_echantillon, tmp_path / "frais")     # = generer(tmp_path / "frais"), rows shared
    for f in FICHIERS:
        assert (SAMPLE_DIR / f).read_bytes() == (tmp_path / "frais" / f).read_bytes(), (
            f"data/sample/{f} differs from a fresh generation: rerun python -m pipelines.sample.generate")


def test_scale_multiplies_the_synthetic_volume(tmp_path):
    generer(tmp_path / "x", scale=0.1)
    generer(tmp_path / "y", scale=0.2)
    lignes = [len((tmp_path / d / "restructurations.csv").read_text(encoding="utf-8-sig").splitlines())
              for d in ("x", "y")]
    # Per year max(1, round(n × scale)) synthetic conventions, plus 15 documented-case conventions.
    assert 1.8 < (lignes[1] - 1 - 15) / (lignes[0] - 1 - 15) < 2.2


def test_luhn_key_hand_computed():
    # 7 3 2 8 2 9 3 2 | ? : from the right, doubled digits 2→4, 9→18→9, 8→16→7, 3→6; others 3+2+2+7
    # sum 4+3+9+2+7+2+6+7 = 40 → key 0.
    assert cle_luhn("73282932") == "0"
    assert parse_siren("732829320") == "732829320"
    assert not luhn_ok("732829321")
    reg = Registre(random.Random(1))
    sirens = [reg.siren() for _ in range(500)]
    assert len(set(sirens)) == 500 and all(parse_siren(s) == s for s in sirens)


def test_french_numbers_and_month_arithmetic():
    assert nombre_fr(1325000.5, " ", 2) == "1 325 000,50"
    assert nombre_fr(1325000.5, "\u00a0", 2) == "1\u00a0325\u00a0000,50"
    assert nombre_fr(826, " ", 0) == "826"
    import datetime as dt
    assert plus_mois(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert plus_mois(dt.date(2022, 11, 15), 14) == dt.date(2024, 1, 15)


def test_files_look_like_what_a_ddets_team_holds():
    brut = (SAMPLE_DIR / "restructurations.csv").read_bytes()
    assert brut.startswith(b"\xef\xbb\xbf")                        # UTF-8 with BOM
    entete = brut.decode("utf-8-sig").splitlines()[0]
    assert entete.split(";")[-1] == "Emplois supprimés"
    dot = (SAMPLE_DIR / "dotations.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        dot.decode("utf-8")                                        # Windows-1252 no-break spaces
    lignes = list(csv.reader(io.StringIO(dot.decode("cp1252")), delimiter=";"))
    assert any("\u00a0" in r[2] and "," in r[2] for r in lignes[1:])
    assert all(len(r[3]) == 10 and r[3][2] == "/" for r in lignes[1:])   # dd/mm/yyyy
    wb = openpyxl.load_workbook(SAMPLE_DIR / "fonds.xlsx", read_only=True)
    ws = wb["fonds"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Id fonds"
    assert all(isinstance(r[2], str) for r in rows[1:])            # département kept as text ("08")
    codes = {r[4] for r in csv.reader(io.StringIO(brut.decode("utf-8-sig")), delimiter=";")}
    codes |= {r[5] for r in csv.reader(io.StringIO((SAMPLE_DIR / "aides.csv").read_text("utf-8")), delimiter=";")}
    assert codes & {f"132{i:02d}" for i in range(1, 17)} and codes & {f"751{i:02d}" for i in range(1, 21)}
    assert codes & {"50173", "50602", "74268", "74093"}             # communes déléguées
