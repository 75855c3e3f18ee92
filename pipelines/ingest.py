"""Load a user's batch into the warehouse file safely, and the command line to do it.

    python -m pipelines.ingest PATH [--utilisateur EMAIL] [--db PATH] [--rapport-json FILE] [--progression-json]

The app keeps the warehouse open read-only, so a batch is never loaded in place: under an
exclusive lock file the warehouse is copied beside itself, the batch is loaded into the copy
(`charger_lot`, one transaction), the copy is closed and swapped in with an atomic
`os.replace` — only when the batch was accepted and changed something. Progress goes to stderr:
a bar with the stage and rows per second (`pipelines.progression`), or with --progression-json
one JSON object per step, which the upload page turns into its progress bar. Ctrl-C, a crash or a
refused batch leave the warehouse as it was; the temporary copy is always removed.

`--utilisateur EMAIL` loads as that person of the habilitations file (core.habilitations): a
redacteur's rows outside their départements go to quarantine, a lecteur, a national user or
someone absent from the file may not load (exit code 4). Without it the command acts as the
local administrator (whoever can run it can already write the warehouse file).

Exit codes: 0 batch processed (even with rows in quarantine), 1 batch refused as a whole,
2 usage error, missing warehouse or malformed habilitations file, 3 unexpected failure
(warehouse unchanged), 4 this person may not load batches, 130 Ctrl-C.
"""
from __future__ import annotations

import sys

from core.cli import FrenchArgumentParser
from pipelines.prelecture import Prelecture


def _parser() -> FrenchArgumentParser:
    """The command line's arguments (read again by pipelines.prelecture for the batch's path)."""
    parser = FrenchArgumentParser(
        prog="python -m pipelines.ingest",
        description="Charge un lot (dossier de fichiers ou classeur .xlsx) dans l'entrepôt de l'observatoire.")
    parser.add_argument("path", metavar="LOT", help="dossier du lot, ou classeur .xlsx avec une feuille par jeu de données")
    parser.add_argument("--db", help="fichier de l'entrepôt (défaut : $OBSERVATOIRE_DB ou data/warehouse.duckdb)")
    parser.add_argument("--utilisateur", metavar="EMAIL",
                        help="charge au nom de cette personne du fichier des habilitations "
                             "(défaut : administrateur local)")
    parser.add_argument("--rapport-json", metavar="FICHIER",
                        help="écrit aussi le compte rendu complet du lot en JSON dans FICHIER (utilisé par l'application)")
    parser.add_argument("--progression-json", action="store_true",
                        help="écrit l'avancement sur la sortie d'erreur, un objet JSON par étape (utilisé par l'application)")
    return parser


# The command's first act, before Polars (0,2–0,3 s to import), DuckDB and the loader are imported:
# calamine starts parsing the workbook it was given, in a thread, while they are
# (pipelines.prelecture). Hence the imports below this line (E402 in pyproject.toml).
PRELECTURE = Prelecture.de_la_commande(sys.argv[1:], _parser()) if __name__ == "__main__" else None

import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from core import journal
from core.config import EntrepotIntrouvable, chemin_entrepot
from core.habilitations import HabilitationsInvalides, perimetre_de
from core.perimetre import ADMINISTRATEUR_LOCAL, Perimetre, refus_droits
from core.rapport import RapportLot
from core.sql import sql_ecriture
from pipelines.anticipation import Etapes, LectureAnticipee
from pipelines.progression import Progression

# DuckDB and the loader (validation, writing, derived tables) are imported by ingerer_lot once the
# batch's read has started (pipelines.anticipation): their imports (DuckDB's alone 0,19 s,
# measured with -X importtime) run beside it.

# The copy is opened with row groups of LIGNES_GROUPE rows, a quarter of DuckDB's default (122 880,
# which the build and the app's reading keep: a table may hold groups of both sizes). A batch of
# at least that many rows has its appended rows written to the file as compressed row groups at
# insert time; smaller, they wait for the commit's checkpoint, which appends them to the table's
# last, partly filled row group and compresses all of it: 100 000 aids written by pandas into the
# bundled warehouse (37 680 aids in one group) committed in 0,67–1,1 s with the default size,
# 0,12 s with this one, their insert and refresh 0,1–0,2 s slower: 0,35–0,45 s less in all
# (docs/performance-ingestion.md, fourteenth look). The ×10 warehouse loaded from empty is 17 %
# larger (78 MB against 67 MB), its load and its pages as fast.
# Left to itself, the CHECKPOINT would then merge the table's last, partly filled row group with
# the rows a large batch wrote when it is small enough (DuckDB's vacuum: 9 557 or 30 000 rows
# were, 77 000 not), rewriting and compressing all of them again: 0,5–0,74 s per table for
# 200 000 new aids (aides, int_aides). Such a batch is checkpointed without that merging
# (sql/ecriture/entrepot_sans_regroupement.sql): it leaves one partly filled row group inside each
# table it appended to, and the rows deleted in the groups it wrote stay marked, not removed,
# until a later checkpoint writes those groups again (DuckDB merges only the groups a checkpoint
# writes; docs/performance-ingestion.md, seventh pass).
LIGNES_GROUPE = 30_720   # a multiple of DuckDB's vector size (2 048)

__all__ = ["ingerer_lot", "main", "EntrepotIntrouvable"]


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


def ingerer_lot(db_path, path, progress=None, avancement=None,
                perimetre: Perimetre = ADMINISTRATEUR_LOCAL, prelu: Prelecture | None = None) -> RapportLot:
    """Load the batch at `path` into the warehouse file `db_path` by copy-and-swap, as `perimetre`;
    `prelu`, the batch's parse already started (pipelines.prelecture), if it was."""
    db = Path(db_path)
    refus = refus_droits(perimetre)
    if refus:
        journal.noter("chargement", perimetre, f"refusé : {refus} ({path})", db)
        return RapportLot.refusal(str(path), refus)
    if not db.is_file():
        raise EntrepotIntrouvable(f"entrepôt introuvable : {db} (construisez-le avec python -m pipelines.build)")
    # the batch is read while the warehouse is locked, copied and opened (pipelines.anticipation)
    lecture = LectureAnticipee(Path(path), progress, Etapes(avancement), prelu) if Path(path).exists() else None
    import duckdb

    from pipelines.loader import charger_lot
    with warehouse_lock(db):
        tmp = db.with_name(f".{db.name}.ingest-{os.getpid()}")
        tmp_wal = Path(f"{tmp}.wal")
        try:
            shutil.copyfile(db, tmp)
            if Path(f"{db}.wal").exists():
                shutil.copyfile(f"{db}.wal", tmp_wal)
            con = duckdb.connect()
            try:
                con.execute(sql_ecriture("entrepot_ouvrir"), {"chemin": str(tmp), "lignes": LIGNES_GROUPE})
                con.execute(sql_ecriture("entrepot_utiliser"))
                con.execute(sql_ecriture("entrepot_sans_journal"))   # the commit checkpoints

                def avant_commit(lot: RapportLot) -> None:
                    if lot.nb_charges + lot.nb_rejetes >= LIGNES_GROUPE:
                        con.execute(sql_ecriture("entrepot_sans_regroupement"))
                report = charger_lot(con, path, progress, avancement, perimetre, lecture, avant_commit)
                if report.changed:   # whatever the commit left (nothing, since entrepot_sans_journal)
                    con.execute(sql_ecriture("entrepot_checkpoint"))
            finally:
                con.close()
            if report.changed:
                os.replace(tmp, db)
        finally:
            if lecture is not None:
                lecture.abandonner()
            tmp.unlink(missing_ok=True)
            tmp_wal.unlink(missing_ok=True)
    journal.noter("chargement", perimetre, _resume_journal(report), db)
    return report


def _resume_journal(report: RapportLot) -> str:
    if report.refused:
        return f"lot refusé ({report.source}) : {report.refusal_message}"
    if report.already_loaded:
        return f"lot {report.batch_id} déjà chargé ({report.source})"
    return (f"lot {report.batch_id} ({report.source}) : {report.nb_charges} lignes chargées, "
            f"{report.nb_rejetes} rejetées, {report.nb_signales} signalées")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    db = chemin_entrepot(args.db)
    suivi = Progression(json_lines=args.progression_json)
    try:
        perimetre = perimetre_de(args.utilisateur) if args.utilisateur else ADMINISTRATEUR_LOCAL
    except HabilitationsInvalides as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    refus = refus_droits(perimetre)
    if refus:
        journal.noter("chargement", perimetre, f"refusé : {refus} ({args.path})", db)
        print(f"Erreur : {refus}. L'entrepôt n'a pas été modifié.", file=sys.stderr)
        if args.rapport_json:
            Path(args.rapport_json).write_text(RapportLot.refusal(str(args.path), refus).to_json(), encoding="utf-8")
        return 4
    try:
        try:
            report = ingerer_lot(db, args.path, progress=suivi.message, avancement=suivi.avancement,
                                 perimetre=perimetre, prelu=PRELECTURE)
        finally:
            suivi.fin()
        if args.rapport_json:
            Path(args.rapport_json).write_text(report.to_json(), encoding="utf-8")
    except EntrepotIntrouvable as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Chargement interrompu : l'entrepôt n'a pas été modifié.", file=sys.stderr)
        return 130
    except BaseException as exc:   # a sentence, not a traceback (a Rust panic is a BaseException)
        if isinstance(exc, (SystemExit, GeneratorExit)):
            raise
        print(f"Échec du chargement ({type(exc).__name__} : {exc}) : l'entrepôt n'a pas été modifié.",
              file=sys.stderr)
        return 3
    print(report.summary_fr())
    return 1 if report.refused else 0


def _sortir(code: int) -> None:
    """End the process with `code` once its output is flushed, without tearing the interpreter
    down: everything is written and closed by then, and freeing the batch's modules and memory
    one object at a time took 0,24 s after a 200 000-row workbook (main returned at 5,59 s, the
    process ended at 5,83 s)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    _sortir(main())
