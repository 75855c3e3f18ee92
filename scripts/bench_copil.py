"""Time the COPIL pack for every département (collect + PDF + workbook, in one warm process).

    .venv/bin/python scripts/bench_copil.py --db data/warehouse.duckdb [--annee 2023]

Prints one line per département and a summary (median, 95th percentile, max); the figures are
recorded in docs/performance-copil.md. Not a test: run by hand on the sample warehouse.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import duckdb

from observatoire.copil.build import CopilParams, generer_dossier


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--annee", type=int, default=2023)
    args = ap.parse_args()
    con = duckdb.connect(args.db, read_only=True)
    codes = [r[0] for r in con.execute("SELECT code_departement FROM ref_departement ORDER BY 1").fetchall()]
    con.close()
    t0 = time.perf_counter()
    generer_dossier(CopilParams(codes[0], args.annee), Path(args.db))      # warm-up: imports, fonts, geometry
    print(f"premier dossier (imports compris) : {time.perf_counter() - t0:.2f} s")
    durees = []
    for code in codes:
        t = time.perf_counter()
        d = generer_dossier(CopilParams(code, args.annee), Path(args.db))
        total = time.perf_counter() - t
        durees.append((total, code))
        print(f"{code:>4} {total:5.2f} s  collecte {d.durees['collecte']:.2f}  pdf {d.durees['pdf']:.2f}  "
              f"classeur {d.durees['classeur']:.2f}  conventions {d.pack.conventions.height:3d}  "
              f"pdf {len(d.pdf) // 1024} Kio")
    valeurs = sorted(t for t, _ in durees)
    print(f"départements {len(valeurs)} · médiane {statistics.median(valeurs):.2f} s · "
          f"p95 {valeurs[int(0.95 * (len(valeurs) - 1))]:.2f} s · max {max(durees)[0]:.2f} s ({max(durees)[1]})")
    return 0 if max(valeurs) < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
