"""Generate the COPIL pack (PDF brief + Excel workbook) from the command line.

    python -m observatoire.copil --departement 13 --annee 2023 --out DIR
        [--depuis 2019] [--fonds ID | --convention ID] [--date-copil 2023-04-12] [--diffusable] [--db PATH]

Prints the paths written. Exit codes: 0 written, 1 the pack could not be produced (unknown
département, fund or convention, missing warehouse, unwritable folder…), 2 bad command line.
Messages are French sentences, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from core.cli import FrenchArgumentParser
from core.config import chemin_entrepot


def _parser() -> argparse.ArgumentParser:
    p = FrenchArgumentParser(prog="python -m observatoire.copil",
                description="Produit le dossier COPIL (PDF et classeur Excel) d'un département.")
    p.add_argument("--departement", required=True, help="code INSEE du département (13, 2A, 974…)")
    p.add_argument("--annee", required=True, type=int, help="année du COPIL (bilan à fin d'année)")
    p.add_argument("--depuis", type=int, help="première année de la période (défaut : depuis l'origine)")
    p.add_argument("--out", required=True, help="dossier où écrire le PDF et le classeur")
    p.add_argument("--fonds", help="restreindre à un fonds mutualisé (id_fonds)")
    p.add_argument("--convention", help="restreindre à une convention (id_convention)")
    p.add_argument("--date-copil", type=date.fromisoformat, help="date de la réunion (AAAA-MM-JJ)")
    p.add_argument("--diffusable", action="store_true",
                   help="version publique : secret statistique, sans détail des conventions ni des fonds")
    p.add_argument("--db", help="entrepôt (défaut : $OBSERVATOIRE_DB ou data/warehouse.duckdb)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.fonds and args.convention:
        print("Erreur : choisissez --fonds ou --convention, pas les deux.", file=sys.stderr)
        return 2
    if not 2002 <= args.annee <= 2100:
        print(f"Erreur : année {args.annee} hors de la période couverte (2002 et après).", file=sys.stderr)
        return 2
    from core.entrepot import EntrepotIntrouvable
    from observatoire.copil.build import CopilParams, generer_fichiers  # late import: heavy libraries
    from observatoire.copil.collect import CopilError

    params = CopilParams(departement=args.departement.strip().upper(), annee=args.annee,
                         annee_debut=args.depuis, fonds=args.fonds, convention=args.convention,
                         date_copil=args.date_copil, diffusable=args.diffusable)
    db = chemin_entrepot(args.db)
    try:
        if not db.exists():
            raise EntrepotIntrouvable(f"entrepôt introuvable : {db} (lancez python -m pipelines.build)")
        chemins = generer_fichiers(params, Path(args.out), db)
    except (CopilError, EntrepotIntrouvable) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Erreur : impossible d'écrire dans {args.out} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a CLI user gets a sentence, not a traceback
        print(f"Erreur inattendue pendant la génération du dossier : {exc}", file=sys.stderr)
        return 1
    for chemin in chemins:
        print(chemin)
    return 0


if __name__ == "__main__":
    sys.exit(main())
