"""The journal: who signed in, loaded a batch, generated a COPIL pack or downloaded firm-level rows.

Why a separate file and not a table of the warehouse: the app opens the warehouse read-only and
ingestion replaces the whole file by an atomic swap, so the app cannot write into it, and a row
written there between the copy and the swap would be lost. The journal is therefore its own
append-only CSV file, `$OBSERVATOIRE_JOURNAL`, by default `journal.csv` beside the warehouse
(one per warehouse, so a test's warehouse has its own). Each event is one line appended under an
exclusive `flock` on the file, by every Streamlit process and every ingestion command alike; no
line is ever rewritten. UTF-8, `;`, header `horodatage;evenement;email;role;perimetre;objet`
(UTC ISO 8601 time). Only administrators read it (`lire`), on the Données page.
"""
from __future__ import annotations

import csv
import datetime as dt
import fcntl
import io
import logging
import os
from pathlib import Path

import polars as pl

from core.config import chemin_entrepot
from core.perimetre import Perimetre

ENV_VAR = "OBSERVATOIRE_JOURNAL"
COLONNES = ["horodatage", "evenement", "email", "role", "perimetre", "objet"]
EVENEMENTS = ("connexion", "chargement", "dossier_copil", "telechargement")
log = logging.getLogger(__name__)


def chemin_journal(db: str | os.PathLike | None = None) -> Path:
    """`$OBSERVATOIRE_JOURNAL`, else `journal.csv` beside the warehouse `db` (default: the app's)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return Path(chemin_entrepot(db)).with_name("journal.csv")


def ligne(evenement: str, perimetre: Perimetre, objet: str, moment: dt.datetime | None = None) -> list[str]:
    moment = moment or dt.datetime.now(dt.UTC)
    return [moment.isoformat(timespec="seconds"), evenement, perimetre.email or "local", perimetre.role,
            perimetre.libelle_departements() if not perimetre.public else "aucun", objet]


def noter(evenement: str, perimetre: Perimetre, objet: str, db: str | os.PathLike | None = None) -> bool:
    """Append one event; never raises (a journal that cannot be written is logged, the action goes on)."""
    if evenement not in EVENEMENTS:
        raise ValueError(f"événement de journal inconnu : {evenement}")
    chemin = chemin_journal(db)
    tampon = io.StringIO()
    csv.writer(tampon, delimiter=";", lineterminator="\n").writerow(ligne(evenement, perimetre, objet))
    try:
        chemin.parent.mkdir(parents=True, exist_ok=True)
        with open(chemin, "a", encoding="utf-8", newline="") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                if fh.tell() == 0:
                    fh.write(";".join(COLONNES) + "\n")
                fh.write(tampon.getvalue())
                fh.flush()
                os.fsync(fh.fileno())
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        return True
    except OSError:
        log.exception("journal %s illisible ou non inscriptible", chemin)
        return False


def lire(perimetre: Perimetre, db: str | os.PathLike | None = None) -> pl.DataFrame:
    """The journal, latest event first; administrators only (raises PermissionError)."""
    if not perimetre.voit_journal:
        raise PermissionError("le journal est réservé aux administrateurs")
    chemin = chemin_journal(db)
    vide = pl.DataFrame(schema={c: pl.String for c in COLONNES})
    if not chemin.is_file():
        return vide
    with open(chemin, encoding="utf-8", newline="") as fh:
        fcntl.flock(fh, fcntl.LOCK_SH)
        try:
            lignes = list(csv.reader(fh, delimiter=";"))
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    rangs = [r for r in lignes[1:] if len(r) == len(COLONNES)]
    if not rangs:
        return vide
    return pl.DataFrame(rangs, schema={c: pl.String for c in COLONNES}, orient="row").reverse()
