"""Turn files uploaded in the browser into a batch and load it, with no Streamlit in sight.

The Données page hands over (name, bytes) pairs; they are written to a fresh temporary folder
(one workbook, .xlsx, .xls or .ods, is passed as itself) and handed to the ingestion command,
`python -m pipelines.ingest DOSSIER --db … --rapport-json …`, run as a child process: the app
side never imports the ingestion side (they share only `core`), and the app process never opens
the warehouse for writing. The command loads a copy of the warehouse and swaps it in; the app's
read-only connection picks the new file up through the data version. Its progress (stderr, with
--progression-json: one JSON object per step) is passed on as it comes, as `Avancement` steps
(stage, rows) or French messages; its report comes back as JSON. Any failure comes back as a refused
RapportLot carrying a French sentence, so the page never shows a traceback.
"""
from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from core.config import ROOT, chemin_entrepot
from core.rapport import Avancement, RapportLot

log = logging.getLogger(__name__)
EXTENSIONS = (".csv", ".xlsx", ".xlsm", ".xls", ".ods", ".parquet")
CLASSEURS = (".xlsx", ".xlsm", ".xls", ".ods")


def nom_du_lot(noms: Sequence[str], maintenant: dt.datetime | None = None) -> str:
    """Folder name shown in the load history: "televersement_2025-01-31_14h05"."""
    moment = (maintenant or dt.datetime.now()).strftime("%Y-%m-%d_%Hh%M")
    return f"televersement_{moment}"


def charger_televersement(fichiers: Sequence[tuple[str, bytes]], db: Path | None = None,
                          progress: Callable[[str | Avancement], None] | None = None) -> RapportLot:
    """Load uploaded files as one batch into the warehouse `db` (default: the app's)."""
    if not fichiers:
        return RapportLot.refusal("téléversement", "aucun fichier n'a été déposé.")
    noms = [Path(nom).name for nom, _ in fichiers]
    mauvais = [n for n in noms if Path(n).suffix.lower() not in EXTENSIONS]
    if mauvais:
        return RapportLot.refusal(", ".join(noms), f"format non pris en charge pour {', '.join(mauvais)} "
                                   "(formats acceptés : CSV, XLSX, XLSM, XLS, ODS, Parquet).")
    if len(set(n.lower() for n in noms)) != len(noms):
        return RapportLot.refusal(", ".join(noms), "deux fichiers portent le même nom.")
    db = Path(db) if db else chemin_entrepot()
    with tempfile.TemporaryDirectory(prefix="observatoire_lot_") as tmp:
        dossier = Path(tmp) / nom_du_lot(noms)
        dossier.mkdir()
        for nom, contenu in zip(noms, (c for _, c in fichiers)):
            (dossier / nom).write_bytes(contenu)
        seul_classeur = len(noms) == 1 and noms[0].lower().endswith(CLASSEURS)
        cible = dossier / noms[0] if seul_classeur else dossier
        try:
            return _ingerer(db, cible, Path(tmp) / "rapport.json", progress)
        except Exception as exc:
            log.exception("téléversement %s", noms)
            return RapportLot.refusal(cible.name, f"le lot n'a pas pu être chargé ({type(exc).__name__}). "
                                       "L'entrepôt n'a pas été modifié.")


def _ingerer(db: Path, cible: Path, rapport: Path,
             progress: Callable[[str | Avancement], None] | None) -> RapportLot:
    """Run the ingestion command on `cible`, relaying its progress, and read its report."""
    commande = [sys.executable, "-m", "pipelines.ingest", str(cible), "--db", str(db),
                "--rapport-json", str(rapport), "--progression-json"]
    with subprocess.Popen(commande, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, encoding="utf-8") as proc:
        dernieres: list[str] = []
        for ligne in proc.stderr:
            ligne = ligne.rstrip("\n")
            etape = Avancement.from_json(ligne)
            if etape is not None:
                if progress:
                    progress(etape)
                continue
            dernieres = (dernieres + [ligne])[-5:]
            if progress and ligne:
                progress(ligne)
        code = proc.wait()
    if rapport.exists():
        return RapportLot.from_json(rapport.read_text(encoding="utf-8"))
    message = next((m for m in reversed(dernieres) if m.strip()), "")
    message = message.removeprefix("Erreur : ") or f"le chargement s'est arrêté (code {code})."
    return RapportLot.refusal(cible.name, message)
