"""Build the warehouse from scratch: reference geography, legal rules, schema, views, sample.

    python -m pipelines.build [--db PATH] [--without-sample]

The new warehouse is written to a temporary file beside the target and swapped in with an
atomic rename, so the app (which only ever opens the warehouse read-only) never sees a
half-built file and a failed build leaves the previous warehouse untouched.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import duckdb

from core.config import SAMPLE_DIR, chemin_entrepot
from core.reference import load_reference
from core.regles import charger_regles
from core.sql import sql_ecriture
from pipelines.schema import create_schema, create_views


def construire_entrepot(db: Path, with_sample: bool = True, sample_dir: Path = SAMPLE_DIR,
                    log=print) -> Path:
    """Create a complete warehouse at `db` (replacing any previous one atomically)."""
    from pipelines.loader import charger_lot  # late import: ingestion is heavier

    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.with_name(f".{db.name}.build-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    try:
        con = duckdb.connect(str(tmp))
        try:
            log("Création du schéma…")
            create_schema(con)
            log("Chargement de la géographie de référence (INSEE/IGN)…")
            load_reference(con)
            log("Chargement des règles légales (SMIC, multiples, délais)…")
            charger_regles(con)
            create_views(con)
            if with_sample:
                log(f"Chargement du lot d'exemple {sample_dir}…")
                report = charger_lot(con, sample_dir, progress=log)
                log(report.summary_fr())
                if report.refused:
                    raise RuntimeError("le lot d'exemple a été refusé")
            con.execute(sql_ecriture("entrepot_checkpoint"))
        finally:
            con.close()
        os.replace(tmp, db)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    log(f"Entrepôt prêt : {db} ({time.perf_counter() - started:.1f} s)")
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.build",
                                     description="Construit l'entrepôt DuckDB de l'observatoire.")
    parser.add_argument("--db", help="fichier de l'entrepôt (défaut : $OBSERVATOIRE_DB ou data/warehouse.duckdb)")
    parser.add_argument("--without-sample", action="store_true",
                        help="ne pas charger le lot d'exemple")
    args = parser.parse_args(argv)
    try:
        construire_entrepot(chemin_entrepot(args.db), with_sample=not args.without_sample)
    except Exception as exc:  # noqa: BLE001 - a CLI user gets a sentence, not a traceback
        print(f"Échec de la construction de l'entrepôt : {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
