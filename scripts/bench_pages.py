"""Time what a filter change costs: every query a page runs, cold (cache emptied) and warm.

    .venv/bin/python scripts/bench_pages.py [--db PATH] [--repetitions 10]

For each page of the dashboard, the queries it runs on one filter change are timed together
over several filter combinations (none, a year range, an operator, an instrument, a
procedure, a département), with observatoire.queries' caches emptied before each cold run.
Prints a Markdown table for docs/performance-pages.md.
"""
from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time

from observatoire import queries as q


def page_nationale(v, f):
    q.national(v, f), q.conformite(v, f), q.serie_annuelle(v, f), q.regions(v, f)
    q.repartition(v, f, "type_aide"), q.repartition(v, f, "operateur")


def page_territoire(v, f):
    code = f.code_departement or "13"
    q.departement(v, f, code), q.conventions(v, f, departement=code)
    q.fonds(v, f, departement=code), q.serie_annuelle(v, f, "departement", code)


def page_donnees(v, f):
    q.historique_chargements(v), q.quarantaine(v, None)


def barre_laterale(v, f):
    q.bornes_annees(v), q.operateurs(v), q.ref_departements(v), q.ref_regions(v)


PAGES = {"Barre latérale (options)": barre_laterale, "Vue nationale": page_nationale,
         "Territoire / COPIL": page_territoire, "Données": page_donnees}


def combinaisons(v) -> list[tuple[str, q.Filtres]]:
    bornes = q.bornes_annees(v) or (2020, 2024)
    ops = q.operateurs(v)
    milieu = (bornes[0] + bornes[1]) // 2
    return [
        ("aucun filtre", q.Filtres()),
        (f"années {milieu}–{bornes[1]}", q.Filtres(annee_debut=milieu, annee_fin=bornes[1])),
        (f"opérateur {ops[0] if ops else '—'}", q.Filtres(operateur=ops[0] if ops else None)),
        ("instrument PRET", q.Filtres(type_aide="PRET")),
        ("procédure RCC", q.Filtres(type_procedure="RCC")),
        ("département 59, années", q.Filtres(annee_debut=milieu, code_departement="59")),
    ]


def p95(values: list[float]) -> float:
    """95th percentile, nearest rank (with 10 repetitions: the worst)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def chrono(fn, *args) -> float:
    debut = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - debut) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="entrepôt (défaut : $OBSERVATOIRE_DB ou data/warehouse.duckdb)")
    parser.add_argument("--repetitions", type=int, default=10)
    args = parser.parse_args(argv)
    if args.db:
        os.environ["OBSERVATOIRE_DB"] = args.db
    v = q.version_actuelle()
    lignes = q.national(v).row(0, named=True)
    charge = os.getloadavg()[0]
    print(f"Entrepôt : {os.environ.get('OBSERVATOIRE_DB', 'data/warehouse.duckdb')} — "
          f"{lignes['nb_conventions']} conventions, {lignes['nb_aides']} aides — "
          f"{args.repetitions} mesures à froid, {os.cpu_count()} cœurs\n")
    print("| page | combinaison de filtres | à froid médiane (ms) | à froid p95 (ms) | à froid max (ms) "
          "| en cache (ms) |")
    print("|---|---|---:|---:|---:|---:|")
    pire = 0.0
    for page, fn in PAGES.items():
        for nom, f in combinaisons(v):
            froids = []
            for _ in range(args.repetitions):
                q.vider_caches()
                froids.append(chrono(fn, v, f))
            chaud = chrono(fn, v, f)
            pire = max(pire, max(froids))
            print(f"| {page} | {nom} | {statistics.median(froids):.0f} | {p95(froids):.0f} | {max(froids):.0f} "
                  f"| {chaud:.2f} |")
    print(f"\nPire changement de filtre à froid : {pire:.0f} ms ; charge moyenne sur 1 min "
          f"{charge:.1f} au départ, {os.getloadavg()[0]:.1f} à la fin")
    return 0


if __name__ == "__main__":
    sys.exit(main())
