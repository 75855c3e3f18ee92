"""The ingest command line as a user runs it: exit codes 0/1/2, French summary, copy-and-swap.

The first load of the first test starts `python -m pipelines.ingest` as a real process (the
interpreter's exit code, the summary on stdout, the progress on stderr); every other call runs
its `main` in this process (tests/fixtures/commande.py), which prints and returns exactly what
the process would, with `OBSERVATOIRE_DB` unset (or set) for the call as the child's
environment was.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipelines.ingest import main
from tests.fixtures.commande import lancer
from tests.fixtures.entrepot import lire, snapshot
from tests.fixtures.lots import ecrire_csv

ROOT = Path(__file__).resolve().parents[2]


def run_process(*args):
    """The command as a user starts it: a new interpreter, without `OBSERVATOIRE_DB`."""
    env = {k: v for k, v in os.environ.items() if k != "OBSERVATOIRE_DB"}
    return subprocess.run([sys.executable, "-m", "pipelines.ingest", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def run_cli(*args, env_db: str | None = None):
    return lancer(main, *map(str, args), env={"OBSERVATOIRE_DB": env_db})


def test_processed_batch_exits_0_with_french_summary(lots, empty_warehouse, copy_of):
    db = copy_of(empty_warehouse)
    res = run_process(lots["valide"], "--db", db)
    assert res.returncode == 0, res.stderr
    assert "20 lignes chargées, 0 rejetée, 7 signalées" in res.stdout
    assert "conventions : 3 chargées, 0 rejetée, 5 signalées" in res.stdout
    assert "Validation de aides" in res.stderr           # progress messages
    # nothing else a person would not understand (a library's warnings at exit, as nanobind's
    # "leaked instances" after pl.DataFrame(relation) did)
    assert "leaked" not in res.stderr and "Traceback" not in res.stderr, res.stderr[-2000:]
    assert lire(db, "SELECT count(*) FROM aides") == [(4,)]
    again = run_cli(lots["valide"], "--db", db)
    assert again.returncode == 0 and "déjà été chargé" in again.stdout


def test_quarantined_rows_still_exit_0_and_show_errors(empty_warehouse, copy_of, tmp_path):
    db = copy_of(empty_warehouse)
    lot = ecrire_csv(tmp_path / "lot", "fonds.csv", ["id_fonds;nom;departement;gestionnaire",
                                                    "F-1;Fonds A;13;Op", "F-2;Fonds B;20;Op"])
    res = run_cli(lot.parent, env_db=str(db))           # warehouse from OBSERVATOIRE_DB
    assert res.returncode == 0, res.stderr
    assert "1 ligne chargée, 1 rejetée, 0 signalée" in res.stdout
    assert ("fonds.csv, ligne 3, colonne departement : « 20 » n'est pas un code de département "
            "(01…95, 2A, 2B, 971…976)") in res.stdout
    assert lire(db, "SELECT ligne, colonne FROM quarantine") == [(3, "departement")]


def test_refused_batch_exits_1_and_leaves_warehouse(empty_warehouse, copy_of, tmp_path):
    db = copy_of(empty_warehouse)
    lot = ecrire_csv(tmp_path / "lot", "clients.csv", ["nom;ville", "A;B"]).parent
    before = db.read_bytes()
    res = run_cli(lot, "--db", db)
    assert res.returncode == 1
    assert "Lot refusé" in res.stdout and "jeu de données inconnu" in res.stdout
    assert "Traceback" not in res.stdout + res.stderr
    assert db.read_bytes() == before


def test_usage_errors_and_missing_warehouse_exit_2(lots, tmp_path):
    res = run_cli()                                               # no PATH
    assert res.returncode == 2
    assert "Erreur dans la ligne de commande : argument obligatoire absent : LOT" in res.stderr
    res = run_cli(lots["valide"], "--nope")
    assert res.returncode == 2
    assert "Erreur dans la ligne de commande : argument inconnu : --nope" in res.stderr
    assert "error:" not in res.stderr and "usage :" in res.stderr
    res = run_cli(lots["valide"], "--db", tmp_path / "absent.duckdb")
    assert res.returncode == 2
    assert "entrepôt introuvable" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "absent.duckdb").exists()


def test_swap_replaces_the_file_only_when_something_changed(lots, empty_warehouse, copy_of):
    db = copy_of(empty_warehouse)
    inode = db.stat().st_ino
    assert run_cli(lots["valide"], "--db", db).returncode == 0
    assert db.stat().st_ino != inode                              # a new file was swapped in
    content, inode = snapshot(db), db.stat().st_ino
    assert run_cli(lots["valide"], "--db", db).returncode == 0        # already loaded: untouched
    assert db.stat().st_ino == inode and snapshot(db) == content
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(f".{db.name}.ingest")) == []
