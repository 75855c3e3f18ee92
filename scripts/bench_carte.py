"""Time what the map, Conventions and Fonds mutualisés pages ask for on a filter change.

    .venv/bin/python scripts/bench_carte.py [--db PATH] [--repetitions 10]

For each query function: "froid" = cache emptied (what the first visitor after a new batch or a
new filter waits for), "chaud" = served from the lru_cache. Also the map figure build and its
JSON size (what Streamlit sends to the browser). Median and 95th percentile of the repetitions, in milliseconds.
Figures are recorded in docs/performance-carte.md.
"""
from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time

from core import entrepot as db
from core.config import chemin_entrepot
from observatoire import maps, queries
from observatoire import queries_details as qd
from observatoire.queries import Filtres


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def _mesure(fn, repetitions: int, vider) -> tuple[float, float, float]:
    froids, chauds = [], []
    for _ in range(repetitions):
        vider()
        t0 = time.perf_counter()
        fn()
        froids.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        fn()
        chauds.append((time.perf_counter() - t0) * 1000)
    return statistics.median(froids), _p95(froids), statistics.median(chauds)


def _vider() -> None:
    queries.vider_caches()
    qd.vider_caches()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="entrepôt (défaut : $OBSERVATOIRE_DB ou data/warehouse.duckdb)")
    parser.add_argument("--repetitions", type=int, default=10)
    args = parser.parse_args(argv)
    path = chemin_entrepot(args.db)
    os.environ["OBSERVATOIRE_DB"] = str(path)
    charge = os.getloadavg()[0]
    v = db.data_version(path)
    bornes = queries.bornes_annees(v)
    f = Filtres()
    f_annees = Filtres(annee_debut=bornes[1] - 2 if bornes else None)
    zones = queries.zones_emploi(v, f)
    zone = zones.sort("nb_aides", descending=True)["code_ze"][0]
    conv = queries.conventions(v, f)
    id_conv = conv["id_convention"][0] if conv.height else "inconnue"
    fonds = queries.fonds(v, f)
    id_fonds = fonds["id_fonds"][0] if fonds.height else "inconnu"
    cas = {
        "zones_emploi (tous filtres nuls)": lambda: queries.zones_emploi(v, f),
        "zones_emploi (3 dernières années)": lambda: queries.zones_emploi(v, f_annees),
        "departements": lambda: queries.departements(v, f),
        "regions": lambda: queries.regions(v, f),
        "geometrie zone_emploi": lambda: qd.geometrie(v, "zone_emploi"),
        "geometrie departement": lambda: qd.geometrie(v, "departement"),
        f"serie_annuelle zone {zone}": lambda: queries.serie_annuelle(v, f, "zone_emploi", zone),
        f"zone_conventions {zone}": lambda: qd.zone_conventions(v, zone, f),
        f"zone_aides {zone}": lambda: qd.zone_aides(v, zone, f),
        "conventions (liste)": lambda: queries.conventions(v, f),
        f"convention {id_conv} (5 requêtes)": lambda: (
            qd.convention(v, id_conv), qd.convention_signalements(v, id_conv), qd.convention_aides(v, id_conv),
            qd.convention_dotations(v, id_conv), qd.convention_emplois(v, id_conv)),
        "fonds (liste)": lambda: queries.fonds(v, f),
        f"fonds {id_fonds} (5 requêtes)": lambda: (
            qd.fonds(v, id_fonds), qd.fonds_contributeurs(v, id_fonds), qd.fonds_aides(v, id_fonds, f),
            qd.fonds_instruments(v, id_fonds, f), qd.fonds_emplois(v, id_fonds)),
    }
    print(f"Entrepôt : {path} — {zones['nb_aides'].sum()} aides, {conv.height} conventions, "
          f"{fonds.height} fonds ; {args.repetitions} mesures (ms), {os.cpu_count()} cœurs")
    print("| requête | froid médiane | froid p95 | chaud médiane |\n|---|---:|---:|---:|")
    for nom, fn in cas.items():
        froid, froid95, chaud = _mesure(fn, args.repetitions, _vider)
        print(f"| {nom} | {froid:.1f} | {froid95:.1f} | {chaud:.3f} |")
    print("\n| figure de carte | construction (ms) | JSON (Mo) |\n|---|---:|---:|")
    for niveau, donnees in (("zone_emploi", zones), ("departement", queries.departements(v, f)),
                            ("region", queries.regions(v, f))):
        geo = qd.geometrie(v, niveau)
        temps, taille = [], 0
        for _ in range(args.repetitions):
            t0 = time.perf_counter()
            fig = maps.figure_carte(donnees, geo, niveau, "taux_recreation")
            taille = len(fig.to_json())
            temps.append((time.perf_counter() - t0) * 1000)
        print(f"| {niveau} (métropole, avec sérialisation) | {statistics.median(temps):.0f} | {taille / 1e6:.2f} |")
    print(f"\nCharge moyenne sur 1 min : {charge:.1f} au départ, {os.getloadavg()[0]:.1f} à la fin")
    return 0


if __name__ == "__main__":
    sys.exit(main())
