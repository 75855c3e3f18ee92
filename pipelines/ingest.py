"""Load a user's batch into the warehouse file safely, and the command line to do it.

    python -m pipelines.ingest PATH [--db PATH] [--rapport-json FILE]

The app keeps the warehouse open read-only, so a batch is never loaded in place: under an
exclusive lock file the warehouse is copied beside itself, the batch is loaded into the copy
(`charger_lot`, one transaction), the copy is closed and swapped in with an atomic
`os.replace` — only when the batch was accepted and changed something. Ctrl-C, a crash or a
refused batch leave the warehouse as it was; the temporary copy is always removed.

Exit codes: 0 batch processed (even with rows in quarantine), 1 batch refused as a whole,
2 usage error or missing warehouse, 3 unexpected failure (warehouse unchanged), 130 Ctrl-C.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import duckdb

from core.cli import FrenchArgumentParser
from core.config import chemin_entrepot
from core.entrepot import EntrepotIntrouvable
from core.rapport import RapportLot
from core.sql import sql_ecriture
from pipelines.loader import charger_lot

__all__ = ["ingerer_lot", "charger_lot", "main", "EntrepotIntrouvable"]


@contextmanager
def warehouse_lock(db: Path):
    """Exclusive lock beside the warehouse: one ingestion or build swap at a time."""
    lock_path = db.with_name(f".{db.name}.lock")
    with open(lock_path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ingerer_lot(db_path, path, progress=None) -> RapportLot:
    """Load the batch at `path` into the warehouse file `db_path` by copy-and-swap."""
    db = Path(db_path)
    if not db.is_file():
        raise EntrepotIntrouvable(f"entrepôt introuvable : {db} (construisez-le avec python -m pipelines.build)")
    with warehouse_lock(db):
        tmp = db.with_name(f".{db.name}.ingest-{os.getpid()}")
        tmp_wal = Path(f"{tmp}.wal")
        try:
            shutil.copyfile(db, tmp)
            if Path(f"{db}.wal").exists():
                shutil.copyfile(f"{db}.wal", tmp_wal)
            con = duckdb.connect(str(tmp))
            try:
                report = charger_lot(con, path, progress)
                if report.changed:
                    con.execute(sql_ecriture("entrepot_checkpoint"))
            finally:
                con.close()
            if report.changed:
                os.replace(tmp, db)
        finally:
            tmp.unlink(missing_ok=True)
            tmp_wal.unlink(missing_ok=True)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = FrenchArgumentParser(
        prog="python -m pipelines.ingest",
        description="Charge un lot (dossier de fichiers ou classeur .xlsx) dans l'entrepôt de l'observatoire.")
    parser.add_argument("path", metavar="LOT", help="dossier du lot, ou classeur .xlsx avec une feuille par jeu de données")
    parser.add_argument("--db", help="fichier de l'entrepôt (défaut : $OBSERVATOIRE_DB ou data/warehouse.duckdb)")
    parser.add_argument("--rapport-json", metavar="FICHIER",
                        help="écrit aussi le compte rendu complet du lot en JSON dans FICHIER (utilisé par l'application)")
    args = parser.parse_args(argv)
    db = chemin_entrepot(args.db)
    try:
        report = ingerer_lot(db, args.path, progress=lambda m: print(m, file=sys.stderr, flush=True))
        if args.rapport_json:
            Path(args.rapport_json).write_text(report.to_json(), encoding="utf-8")
    except EntrepotIntrouvable as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Chargement interrompu : l'entrepôt n'a pas été modifié.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a user gets a sentence, not a traceback
        print(f"Échec du chargement ({type(exc).__name__} : {exc}) : l'entrepôt n'a pas été modifié.",
              file=sys.stderr)
        return 3
    print(report.summary_fr())
    return 1 if report.refused else 0


if __name__ == "__main__":
    sys.exit(main())
