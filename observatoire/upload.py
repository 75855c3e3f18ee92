"""Turn files uploaded in the browser into a batch and load it, with no Streamlit in sight.

The Données page hands over (name, bytes) pairs; they are written to a fresh temporary folder
(one .xlsx workbook is passed as itself) and given to `pipelines.ingest.ingest_batch`, which
loads a copy of the warehouse and swaps it in: the app's read-only connection picks the new
file up through the data version. Any failure comes back as a refused BatchReport carrying a
French sentence, so the page never shows a traceback.
"""
from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from observatoire.config import warehouse_path
from pipelines.report import BatchReport

log = logging.getLogger(__name__)
EXTENSIONS = (".csv", ".xlsx", ".parquet")


def nom_du_lot(noms: Sequence[str], maintenant: dt.datetime | None = None) -> str:
    """Folder name shown in the load history: "televersement_2025-01-31_14h05"."""
    moment = (maintenant or dt.datetime.now()).strftime("%Y-%m-%d_%Hh%M")
    return f"televersement_{moment}"


def charger_televersement(fichiers: Sequence[tuple[str, bytes]], db: Path | None = None,
                          progress: Callable[[str], None] | None = None) -> BatchReport:
    """Load uploaded files as one batch into the warehouse `db` (default: the app's)."""
    if not fichiers:
        return BatchReport.refusal("téléversement", "aucun fichier n'a été déposé.")
    noms = [Path(nom).name for nom, _ in fichiers]
    mauvais = [n for n in noms if Path(n).suffix.lower() not in EXTENSIONS]
    if mauvais:
        return BatchReport.refusal(", ".join(noms), f"format non pris en charge pour {', '.join(mauvais)} "
                                   "(formats acceptés : CSV, XLSX, Parquet).")
    if len(set(n.lower() for n in noms)) != len(noms):
        return BatchReport.refusal(", ".join(noms), "deux fichiers portent le même nom.")
    from pipelines.ingest import ingest_batch  # heavy import, only when a batch is loaded

    db = Path(db) if db else warehouse_path()
    with tempfile.TemporaryDirectory(prefix="observatoire_lot_") as tmp:
        dossier = Path(tmp) / nom_du_lot(noms)
        dossier.mkdir()
        for nom, contenu in zip(noms, (c for _, c in fichiers)):
            (dossier / nom).write_bytes(contenu)
        seul_classeur = len(noms) == 1 and noms[0].lower().endswith(".xlsx")
        cible = dossier / noms[0] if seul_classeur else dossier
        try:
            return ingest_batch(db, cible, progress=progress)
        except FileNotFoundError as exc:
            return BatchReport.refusal(cible.name, f"{exc}")
        except Exception as exc:  # noqa: BLE001 - the user gets a sentence, the log the details
            log.exception("téléversement %s", noms)
            return BatchReport.refusal(cible.name, f"le lot n'a pas pu être chargé ({type(exc).__name__}). "
                                       "L'entrepôt n'a pas été modifié.")
