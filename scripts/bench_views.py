"""Time every view and table macro of the semantic layer and record the figures in docs/.

    .venv/bin/python scripts/bench_views.py --db data/warehouse.duckdb [--runs 20]
    .venv/bin/python scripts/bench_views.py --synthetique 1 [--runs 20]

With `--db` the warehouse is opened read-only, as the app does. With `--synthetique K` a
throw-away in-memory warehouse is built (real geography and rules, current views) and filled with
K × (1 500 restructurings and conventions, 60 funds, 15 000 aids, ~37 000 follow-ups) of random
but valid rows, to see how the views scale beyond the sample. Each query runs once to warm up,
then `--runs` times; the median, the 95th percentile and the worst run are written to docs/performance-vues.md
(`--sortie` to write elsewhere). The target is well under 100 ms per query at scale 1.
"""
from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent

N5 = [None] * 5
# (label, SQL, parameters): every view, and every macro with and without filters.
QUERIES = [
    ("kpi_zone_emploi", "SELECT * FROM kpi_zone_emploi", []),
    ("kpi_departement", "SELECT * FROM kpi_departement", []),
    ("kpi_region", "SELECT * FROM kpi_region", []),
    ("kpi_national", "SELECT * FROM kpi_national", []),
    ("kpi_convention", "SELECT * FROM kpi_convention", []),
    ("kpi_fonds", "SELECT * FROM kpi_fonds", []),
    ("qualite_signalements", "SELECT * FROM qualite_signalements", []),
    ("emplois_convention_par_annee", "SELECT * FROM emplois_convention_par_annee", []),
    ("emplois_convention_par_annee (une convention)",
     "SELECT * FROM emplois_convention_par_annee WHERE id_convention = (SELECT min(id_convention) FROM conventions)", []),
    ("emplois_fonds_par_annee", "SELECT * FROM emplois_fonds_par_annee", []),
    ("int_aides", "SELECT * FROM int_aides", []),
    ("int_attribution", "SELECT * FROM int_attribution", []),
    ("int_conventions", "SELECT * FROM int_conventions", []),
    ("kpi_zone_emploi_f (années + PSE)", "SELECT * FROM kpi_zone_emploi_f(?, ?, ?, ?, ?)",
     [2015, 2022, None, None, "PSE"]),
    ("kpi_zone_emploi_f (opérateur)", "SELECT * FROM kpi_zone_emploi_f(?, ?, ?, ?, ?)",
     [None, None, "$operateur", None, None]),
    ("kpi_departement_f (instrument)", "SELECT * FROM kpi_departement_f(?, ?, ?, ?, ?)",
     [None, None, None, "PRET", None]),
    ("kpi_region_f (années)", "SELECT * FROM kpi_region_f(?, ?, ?, ?, ?)", [2018, 2024, None, None, None]),
    ("kpi_national_f (tous filtres)", "SELECT * FROM kpi_national_f(?, ?, ?, ?, ?)",
     [2010, 2024, "$operateur", "SUBVENTION", "PSE"]),
    ("kpi_convention_f (années + opérateur)", "SELECT * FROM kpi_convention_f(?, ?, ?, ?)",
     [2015, 2024, "$operateur", None]),
    ("kpi_fonds_f (années + instrument)", "SELECT * FROM kpi_fonds_f(?, ?, ?)", [2015, 2024, "PRET"]),
    ("serie_annuelle_f (national)", "SELECT * FROM serie_annuelle_f(?, ?, ?, ?, ?, ?, ?)",
     ["national", None, *N5]),
    ("serie_annuelle_f (département, PSE)", "SELECT * FROM serie_annuelle_f(?, ?, ?, ?, ?, ?, ?)",
     ["departement", "$departement", None, None, None, None, "PSE"]),
    ("repartition_f (type_aide, national)", "SELECT * FROM repartition_f(?, ?, ?, ?, ?, ?, ?, ?)",
     ["type_aide", "national", None, *N5]),
    ("repartition_f (section_naf, région)", "SELECT * FROM repartition_f(?, ?, ?, ?, ?, ?, ?, ?)",
     ["section_naf", "region", "$region", *N5]),
    ("repartition_f (operateur, zone, RCC)", "SELECT * FROM repartition_f(?, ?, ?, ?, ?, ?, ?, ?)",
     ["operateur", "zone_emploi", "$zone", None, None, None, None, "RCC"]),
]


def fill_synthetic(con: duckdb.DuckDBPyConnection, scale: float) -> None:
    """Random but contract-valid rows (fixed seed) at `scale` x a national-size data set."""
    n_r = int(1500 * scale)
    n_f = max(int(60 * scale), 1)
    n_a = int(15000 * scale)
    lineage = "'bench', 'synthetique', 2"
    con.execute("SELECT setseed(0.42)")
    con.execute("CREATE TEMP TABLE _communes AS SELECT code_commune, row_number() OVER () AS i FROM "
                "(SELECT code_commune FROM ref_commune ORDER BY hash(code_commune) LIMIT 3000)")
    con.execute(f"""
        INSERT INTO restructurations
        SELECT 'R' || g, '552100554', 'Entreprise ' || g, NULL, c.code_commune, c.code_commune,
               DATE '2002-02-01' + CAST(floor(random() * 8000) AS INTEGER),
               ['PSE', 'PSE', 'PSE', 'RCC', 'AUTRE'][1 + CAST(floor(random() * 5) AS INTEGER)],
               CAST(floor(random() * 400) AS INTEGER), {lineage}
        FROM range(1, {n_r} + 1) t(g) JOIN _communes c ON c.i = 1 + g % 3000""")
    con.execute(f"""
        INSERT INTO conventions
        SELECT 'C' || substr(r.id_restructuration, 2), r.id_restructuration,
               r.date_notification + CAST(floor(random() * 270) AS INTEGER),
               CASE WHEN random() < 0.1 THEN 48 ELSE 36 END, g.code_departement, 2.5,
               round(r.emplois_supprimes * 1500 * (1.5 + random() * 3), 2),
               ['DIRECTE', 'MUTUALISEE', 'MIXTE'][1 + CAST(floor(random() * 3) AS INTEGER)],
               ['SIDE', 'Sodie', 'Alixio', 'Katalyse', NULL][1 + CAST(floor(random() * 5) AS INTEGER)],
               r.emplois_supprimes, 'EN_COURS', NULL, {lineage}
        FROM restructurations r JOIN ref_commune g USING (code_commune)""")
    con.execute(f"""
        INSERT INTO fonds
        SELECT 'F' || g, 'Fonds ' || g, d.code_departement,
               ['Airbus Développement', 'ADIE', 'Initiative'][1 + g % 3], DATE '2005-01-01', NULL, {lineage}
        FROM range(1, {n_f} + 1) t(g)
        JOIN (SELECT code_departement, row_number() OVER (ORDER BY code_departement) AS i
              FROM ref_departement) d ON d.i = 1 + g % 101""")
    con.execute(f"""
        INSERT INTO dotations
        SELECT c.id_convention, 'F' || (1 + CAST(floor(random() * {n_f}) AS INTEGER)),
               round(c.montant_engage * 0.5, 2) + 1, c.date_signature + CAST(k AS INTEGER), {lineage}
        FROM conventions c, range(0, 2) t(k)
        WHERE c.modalite <> 'DIRECTE'""")
    con.execute(f"""
        INSERT INTO aides
        SELECT 'A' || g,
               CASE WHEN g % 2 = 0 THEN 'C' || (1 + g % {n_r}) END,
               CASE WHEN g % 2 = 1 THEN 'F' || (1 + g % {n_f}) END,
               CASE WHEN g % 10 = 0 THEN NULL ELSE '1' || lpad(CAST(g % 50000 AS VARCHAR), 8, '0') END,
               'Bénéficiaire ' || g, c.code_commune, c.code_commune,
               lpad(CAST(1 + g % 99 AS VARCHAR), 2, '0') || '.11Z',
               ['PRET', 'PRET_HONNEUR', 'SUBVENTION', 'GARANTIE', 'ACCOMPAGNEMENT'][1 + g % 5],
               DATE '2003-01-01' + CAST(floor(random() * 8000) AS INTEGER),
               round(random() * 80000, 2), round(random() * 30000, 2), round(random() * 60000, 2),
               CAST(floor(random() * 12) AS INTEGER), {lineage}
        FROM range(1, {n_a} + 1) t(g) JOIN _communes c ON c.i = 1 + (g * 7) % 3000""")
    con.execute(f"""
        INSERT INTO suivi_emplois
        SELECT a.id_aide, a.date_decision + CAST(365 * k AS INTEGER), CAST(a.emplois_prevus * k / 3 AS INTEGER), {lineage}
        FROM aides a, range(1, 4) t(k)
        WHERE hash(a.id_aide) % 5 <> 0""")


def parameters(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Real values for the `$...` placeholders: the most frequent operator, département, région, zone."""
    def top(sql: str) -> object:
        rows = con.sql(sql).fetchall()
        return rows[0][0] if rows else None
    return {
        "$operateur": top("SELECT operateur FROM int_aides WHERE operateur IS NOT NULL "
                          "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"),
        "$departement": top("SELECT code_departement FROM int_aides GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"),
        "$region": top("SELECT code_region FROM int_aides GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"),
        "$zone": top("SELECT code_ze FROM int_aides GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"),
    }


def p95(values: list[float]) -> float:
    """95th percentile, nearest rank (with 20 runs: the second worst)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def bench(con: duckdb.DuckDBPyConnection, runs: int) -> list[tuple[str, int, float, float, float]]:
    """(label, rows, median ms, p95 ms, max ms) for every query."""
    values = parameters(con)
    out = []
    for label, sql, params in QUERIES:
        bound = [values.get(p, p) if isinstance(p, str) and p.startswith("$") else p for p in params]
        nrows = con.sql(sql, params=bound).pl().height
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            con.sql(sql, params=bound).pl()   # as the app reads results (core.entrepot)
            times.append((time.perf_counter() - start) * 1000)
        out.append((label, nrows, statistics.median(times), p95(times), max(times)))
    return out


def bench_refresh(db: str, runs: int) -> tuple[float, float]:
    """(median ms, max ms) of pipelines.schema.refresh_derived in a transaction, on a copy of `db`."""
    import shutil
    import tempfile

    from pipelines.schema import refresh_derived
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copie.duckdb"
        shutil.copyfile(db, copy)
        con = duckdb.connect(str(copy))
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            con.execute("BEGIN TRANSACTION")
            refresh_derived(con)
            con.execute("COMMIT")
            times.append((time.perf_counter() - start) * 1000)
        con.close()
    return statistics.median(times), max(times)


def volumes(con: duckdb.DuckDBPyConnection) -> str:
    parts = []
    for table in ("restructurations", "conventions", "fonds", "dotations", "aides", "suivi_emplois",
                  "signalements"):
        parts.append(f"{con.sql(f'SELECT count(*) FROM {table}').fetchall()[0][0]:,} {table}".replace(",", " "))
    return ", ".join(parts)


def render(results, source: str, vols: str, runs: int, charge_debut: float,
           refresh: tuple[float, float] | None = None) -> str:
    charges = f"{charge_debut:.1f} au départ, {os.getloadavg()[0]:.1f} à la fin".replace(".", ",")
    lines = [
        "| requête | lignes | médiane (ms) | p95 (ms) | pire (ms) |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, nrows, med, q95, worst in results:
        lines.append(f"| `{label}` | {nrows} | {med:.1f} | {q95:.1f} | {worst:.1f} |".replace(".", ","))
    return "\n".join([
        f"### {source}",
        "",
        f"Mesuré le {date.today():%d/%m/%Y} avec `scripts/bench_views.py` ({runs} exécutions après une "
        f"exécution de chauffe, DuckDB {duckdb.__version__}, résultat lu en Polars comme l'application, "
        f"{os.cpu_count()} cœurs, charge moyenne de la machine sur 1 min : {charges}). Volumes : {vols}.",
        "",
        *lines,
        "",
        f"Requête la plus lente : {max(r[2] for r in results):.1f} ms (médiane).".replace(".", ",", 1),
        "",
        *([f"Recalcul des tables dérivées (`refresh_derived`, fait par chaque lot) : médiane "
           f"{refresh[0]:.0f} ms, pire {refresh[1]:.0f} ms sur 5 recalculs.", ""] if refresh else []),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure le temps de réponse des vues et macros.")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--db", help="entrepôt construit (ouvert en lecture seule)")
    group.add_argument("--synthetique", type=float, help="échelle d'un entrepôt synthétique en mémoire")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sortie", default=str(ROOT / "docs" / "performance-vues.md"))
    parser.add_argument("--ajouter", action="store_true", help="ajouter la section au fichier existant")
    args = parser.parse_args(argv)

    if args.db:
        con = duckdb.connect(args.db, read_only=True)
        source = f"Entrepôt {Path(args.db).name}"
    else:
        from core.reference import load_reference
        from core.regles import charger_regles
        from pipelines.schema import create_schema, create_views, refresh_derived
        con = duckdb.connect()
        create_schema(con)
        load_reference(con)
        charger_regles(con)
        create_views(con)
        fill_synthetic(con, args.synthetique)
        refresh_derived(con)   # rows inserted outside charger_lot: recompute the derived tables
        source = f"Entrepôt synthétique, échelle {args.synthetique:g}"
    charge_debut = os.getloadavg()[0]
    results = bench(con, args.runs)
    vols = volumes(con)
    con.close()
    refresh = bench_refresh(args.db, 5) if args.db else None
    section = render(results, source, vols, args.runs, charge_debut, refresh)
    print(section)
    out = Path(args.sortie)
    header = ("# Performance des vues et macros SQL\n\n"
              "Objectif : chaque vue et macro répond bien en dessous de 100 ms à l'échelle 1.\n"
              "Régénérer : `.venv/bin/python scripts/bench_views.py --db <entrepôt>` "
              "(ou `--synthetique 1`), `--ajouter` pour cumuler les sections.\n\n")
    if args.ajouter and out.exists():
        out.write_text(out.read_text(encoding="utf-8").rstrip() + "\n\n" + section, encoding="utf-8")
    else:
        out.write_text(header + section, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
