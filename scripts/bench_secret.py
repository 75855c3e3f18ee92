"""Time statistical secrecy at the public level: a page's masked queries, cold and warm.

    .venv/bin/python scripts/bench_secret.py [--db PATH]

For Vue nationale and Territoire at the public level (core.perimetre.PUBLIC), the queries the
page runs on one filter change (observatoire.queries, masked by core.diffusion) are timed with
every cache emptied (cold: SQL, unit rows, primary rules, pivot for each table shown) and again
(warm: the same filters, served from the caches keyed by data version). Also times the open data
command. Prints a Markdown table for docs/performance-secret.md, with the machine's load.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from core import diffusion
from core.query import vider_cache


def _pages(q):
    def nationale(v, f):
        q.national(v, f), q.serie_annuelle(v, f), q.regions(v, f)
        q.repartition(v, f, "type_aide"), q.repartition(v, f, "operateur")

    def territoire(v, f):
        q.departement(v, f, "13"), q.serie_annuelle(v, f, "departement", "13")

    return {"Vue nationale": nationale, "Territoire / COPIL (13)": territoire}


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench_secret.py")
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    if args.db:
        os.environ["OBSERVATOIRE_DB"] = str(args.db)
    os.environ["OBSERVATOIRE_ACCES_PUBLIC"] = "1"
    from core.perimetre import PUBLIC
    from observatoire import acces
    from observatoire import queries as q  # after the environment: this warehouse

    # Outside Streamlit a read is made as `acces.hors_session` says (the local administrator by
    # default, who sees everything unmasked): the public level is asked for explicitly.
    with acces.hors_session(PUBLIC):
        return _mesurer(q)


def _mesurer(q) -> int:

    v = q.version_actuelle()
    filtres = [("aucun filtre", q.Filtres()), ("années 2018–2022", q.Filtres(annee_debut=2018, annee_fin=2022)),
               ("instrument PRET", q.Filtres(type_aide="PRET"))]
    print(f"Charge de la machine (1, 5, 15 min) : {', '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    print("| page (niveau public) | filtres | à froid (s) | à chaud (s) |")
    print("|---|---|---|---|")
    for nom, page in _pages(q).items():
        for libelle, f in filtres:
            vider_cache()
            diffusion.vider_cache()
            t = time.perf_counter()
            page(v, f)
            froid = time.perf_counter() - t
            t = time.perf_counter()
            page(v, f)
            chaud = time.perf_counter() - t
            print(f"| {nom} | {libelle} | {froid:.2f} | {chaud:.3f} |")
    # a new data version seen by the app starts the public unfiltered tables in the background
    # (core.diffusion.prechauffer): the first visitor who comes once it is done
    vider_cache()
    diffusion.vider_cache()
    t = time.perf_counter()
    diffusion.prechauffer(v)
    for fond in [f for f in threading.enumerate() if f.name == "secret-prechauffage"]:
        fond.join()
    prechauffage = time.perf_counter() - t
    t = time.perf_counter()
    _pages(q)["Vue nationale"](v, q.Filtres())
    print(f"\nPréchauffage (tableaux publics sans filtre, en arrière-plan) : {prechauffage:.2f} s ; "
          f"Vue nationale sans filtre ensuite : {time.perf_counter() - t:.2f} s")
    from pipelines import opendata
    vider_cache()
    diffusion.vider_cache()
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        opendata.produire(Path(os.environ.get("OBSERVATOIRE_DB", "data/warehouse.duckdb")), Path(out))
        print(f"\n`python -m pipelines.opendata` : {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
