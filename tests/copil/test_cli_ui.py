"""The COPIL command line (paths printed, French errors, exit codes) and the Streamlit panel.

One test starts `python -m observatoire.copil` as a real process (a bad command line: the
interpreter's exit code and stderr); the others call its `main` in this process
(tests/fixtures/commande.py), which prints and returns exactly what the process would.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from observatoire.copil.__main__ import main
from tests.fixtures.commande import lancer

ROOT = Path(__file__).resolve().parents[2]


def _main(*args: str) -> subprocess.CompletedProcess:
    return lancer(main, *args)


def test_real_process_exit_code_and_french_usage_error(tmp_path):
    r = subprocess.run([sys.executable, "-m", "observatoire.copil", "--departement", "13", "--out", str(tmp_path)],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "Erreur dans la ligne de commande : argument obligatoire absent : --annee" in r.stderr
    assert "usage : python -m observatoire.copil" in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == "" and list(tmp_path.iterdir()) == []


def test_cli_writes_pdf_and_workbook(copil_entrepot, tmp_path):
    r = _main("--departement", "13", "--annee", "2023", "--out", str(tmp_path / "out"), "--db", str(copil_entrepot),
              "--fonds", "F1", "--date-copil", "2023-04-12")
    assert r.returncode == 0, r.stderr
    chemins = [Path(l) for l in r.stdout.splitlines()]
    assert [c.name for c in chemins] == ["dossier-copil-13-2023-fonds-F1.pdf", "dossier-copil-13-2023-fonds-F1.xlsx"]
    assert chemins[0].read_bytes().startswith(b"%PDF") and chemins[1].read_bytes().startswith(b"PK")


def test_cli_errors_and_exit_codes(copil_entrepot, tmp_path):
    r = _main("--departement", "99", "--annee", "2023", "--out", str(tmp_path), "--db", str(copil_entrepot))
    assert r.returncode == 1 and "département inconnu : « 99 »" in r.stderr and "Traceback" not in r.stderr
    r = _main("--departement", "13", "--annee", "2023", "--out", str(tmp_path), "--db", str(tmp_path / "absent.duckdb"))
    assert r.returncode == 1 and "entrepôt introuvable" in r.stderr
    r = _main("--departement", "13", "--annee", "2023", "--out", str(tmp_path), "--db", str(copil_entrepot),
              "--convention", "C9")
    assert r.returncode == 1 and "convention « C9 » introuvable" in r.stderr
    r = _main("--departement", "13", "--out", str(tmp_path))
    assert r.returncode == 2 and "Erreur dans la ligne de commande : argument obligatoire absent : --annee" in r.stderr
    r = _main("--departement", "13", "--annee", "2023", "--out", str(tmp_path), "--fonds", "F1", "--convention", "C1")
    assert r.returncode == 2 and "pas les deux" in r.stderr
    assert list(tmp_path.glob("*.pdf")) == []


def _panneau():
    from observatoire import acces
    from observatoire.copil_ui import render_copil_pack
    acces.ouvrir_session()   # as app.py does before any page: local mode, administrator
    render_copil_pack("13", {"annee_fin": 2023})


def test_panel_generates_and_offers_downloads(copil_entrepot, copy_of, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("OBSERVATOIRE_DB", str(copy_of(copil_entrepot)))
    at = AppTest.from_function(_panneau, default_timeout=90).run()
    assert not at.exception
    assert at.selectbox(key="copil_13_annee").value == 2023
    assert not at.get("download_button")
    at.button(key="copil_13_generer").click().run()
    assert not at.exception
    assert len(at.get("download_button")) == 2
    assert "Dossier prêt" in at.success[0].value
    at.radio(key="copil_13_perimetre").set_value("Un fonds mutualisé").run()
    assert at.selectbox(key="copil_13_fonds").value == "F1"
    assert not at.get("download_button")          # parameters changed: generate again
