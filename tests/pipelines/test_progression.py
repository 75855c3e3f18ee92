"""Progress a person can follow: the ingest command's bar (stage, rows, rows per second) on
stderr, its `--progression-json` steps (what the upload page reads), and the upload helper
relaying them as `Avancement` steps, exit codes and French summary unchanged. The command's
`main` runs in this process (tests/fixtures/commande.py); the upload helper starts the real
child process, as the app does."""
from __future__ import annotations

from pathlib import Path

from core.rapport import Avancement
from observatoire import upload
from pipelines.ingest import main
from tests.fixtures.commande import lancer
from tests.fixtures.entrepot import lire

ROOT = Path(__file__).resolve().parents[2]
CLASSEUR = ROOT / "tests" / "fixtures" / "classeurs" / "lot.ods"
ORDRE = ["lecture", "validation", "ecriture", "indicateurs"]


def _cli(*args):
    """The command's `main` in this process, stderr captured as a pipe would (not a terminal)."""
    return lancer(main, *map(str, args), env={"OBSERVATOIRE_DB": None})


def _steps_are_a_progress(steps: list[Avancement], total: int) -> None:
    assert [s.etape for s in steps] == sorted((s.etape for s in steps), key=ORDRE.index)   # stages in order
    assert {s.etape for s in steps} == set(ORDRE)
    fractions = [s.fraction for s in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0                         # never backwards
    validation = [s for s in steps if s.etape == "validation"]
    assert validation[-1].lignes == validation[-1].total == total
    assert [s for s in steps if s.etape == "lecture"][-1].lignes == total


def test_progression_json_gives_every_stage_with_rows(empty_warehouse, copy_of):
    db = copy_of(empty_warehouse)
    res = _cli(CLASSEUR, "--db", db, "--progression-json")
    assert res.returncode == 0, res.stderr
    steps = [a for line in res.stderr.splitlines() if (a := Avancement.from_json(line))]
    _steps_are_a_progress(steps, 22)
    assert "Validation de aides (5 lignes)…" in res.stderr.splitlines()          # messages still there
    assert "21 lignes chargées, 1 rejetée" in res.stdout                         # the summary unchanged


def test_the_bar_shows_stage_rows_and_rows_per_second(empty_warehouse, copy_of):
    db = copy_of(empty_warehouse)
    res = _cli(CLASSEUR, "--db", db)
    assert res.returncode == 0, res.stderr
    bars = [line for line in res.stderr.splitlines() if line.startswith("[")]
    assert any("% Validation : 22 / 22 lignes (" in b and "lignes/s)" in b for b in bars), bars
    assert bars[-1].startswith("[" + "█" * 24 + "] 100 % ")
    assert "Lot refusé" not in res.stdout and "21 lignes chargées" in res.stdout


def test_the_upload_helper_relays_steps_and_messages(empty_warehouse, copy_of):
    db = copy_of(empty_warehouse)
    recus: list = []
    rapport = upload.charger_televersement([("lot.ods", CLASSEUR.read_bytes())], db, progress=recus.append)
    assert not rapport.refused, rapport.summary_fr()
    steps = [r for r in recus if isinstance(r, Avancement)]
    _steps_are_a_progress(steps, 22)
    assert "Lecture de lot.ods › Aides (5 lignes)…" in [r for r in recus if isinstance(r, str)]
    assert not any(isinstance(r, str) and r.startswith('{"avancement"') for r in recus)
    assert lire(db, "SELECT count(*) FROM aides") == [(4,)]


def test_texte_fr_of_a_step():
    a = Avancement("validation", 580000, 1306183, 0.44, 2.5)
    assert a.texte_fr() == "Validation : 580\u202f000 / 1\u202f306\u202f183 lignes (232\u202f000 lignes/s)"
    assert Avancement.from_json(a.to_json()) == a and Avancement.from_json("Lecture de x") is None
    assert 0.35 < a.fraction < 0.65
