"""Hand-built warehouses for the statistical-secrecy tests: cells with one firm, two firms, a
dominant firm, and the traps a naive implementation falls into.

Real DuckDB file: a copy of the empty warehouse (real build: INSEE geography and rules); every aid is paid by one fund (F1, 13) so that
aids sit exactly where written. The scenario (firm, commune → zone / département / région):

  9313 (inside 13)       A, B, C, D balanced, plus a collective action without SIREN (own unit)
  9301 (13 part)         E, F, G, and A again: A is one unit in 13 and in France, not two
  9312 (13 and 83)       H 900 000 €, I, J in 13, K in 83: dominated by H (> 85 %)
  9318 (83)              L, M, N, O balanced
  9307 (04 part only)    P alone: 04 is the région's one-firm département (trap: 93 − others)
  9302 (inside 05)       Q, R: 05's only active zone lies inside it (trap: 05 = 9302)
  9314 (inside 06)       S, T, U, V: balanced euros, S has 95 of the 98 jobs (dominated on jobs)
  0053 (84 and 30)       W, X, Y in 84, Z in 30: the zone straddles two départements, 84's only
                         zone; 30 (and région 76) hold one firm (trap: 0053 − 84 = Z)
Decisions in 2021 and 2022, instruments PRET and SUBVENTION, NAF sections C and J.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from pipelines.schema import create_views

LINEAGE = "'lot-secret', 'saisie.csv', 2"

# firm (None: collective action), commune, type, decision, euros, jobs created, NAF
AIDES = [
    ("A", "13056", "PRET", "2021-03-01", 100_000, 4, "25.11Z"),
    ("B", "13047", "PRET", "2021-04-01", 110_000, 5, "25.11Z"),
    ("C", "13056", "SUBVENTION", "2022-05-01", 90_000, 3, "62.01Z"),
    ("D", "13047", "SUBVENTION", "2022-06-01", 95_000, 4, "62.01Z"),
    (None, "13056", "SUBVENTION", "2022-07-01", 20_000, 0, None),
    ("E", "13001", "PRET", "2021-03-15", 80_000, 3, "25.11Z"),
    ("F", "13001", "PRET", "2021-05-15", 85_000, 4, "62.01Z"),
    ("G", "13041", "SUBVENTION", "2022-02-15", 70_000, 2, "62.01Z"),
    ("A", "13001", "PRET", "2022-03-01", 60_000, 2, "25.11Z"),
    ("H", "13055", "PRET", "2021-06-01", 900_000, 10, "25.11Z"),
    ("I", "13005", "PRET", "2021-07-01", 50_000, 3, "25.11Z"),
    ("J", "13055", "SUBVENTION", "2022-08-01", 40_000, 3, "62.01Z"),
    ("K", "83112", "SUBVENTION", "2022-09-01", 20_000, 2, "62.01Z"),
    ("L", "83137", "PRET", "2021-02-01", 60_000, 3, "25.11Z"),
    ("M", "83126", "PRET", "2021-03-01", 65_000, 3, "25.11Z"),
    ("N", "83137", "SUBVENTION", "2022-04-01", 55_000, 2, "62.01Z"),
    ("O", "83126", "SUBVENTION", "2022-05-01", 58_000, 3, "62.01Z"),
    ("P", "04070", "PRET", "2021-09-01", 75_000, 5, "25.11Z"),
    ("Q", "05023", "PRET", "2021-10-01", 45_000, 2, "25.11Z"),
    ("R", "05065", "SUBVENTION", "2022-10-01", 35_000, 1, "62.01Z"),
    ("S", "06083", "PRET", "2021-11-01", 50_000, 95, "25.11Z"),
    ("T", "06104", "PRET", "2021-12-01", 52_000, 1, "25.11Z"),
    ("U", "06083", "SUBVENTION", "2022-01-10", 48_000, 1, "62.01Z"),
    ("V", "06104", "SUBVENTION", "2022-02-10", 51_000, 1, "62.01Z"),
    ("W", "84007", "PRET", "2021-04-20", 66_000, 3, "25.11Z"),
    ("X", "84129", "PRET", "2021-05-20", 64_000, 3, "25.11Z"),
    ("Y", "84007", "SUBVENTION", "2022-06-20", 62_000, 2, "62.01Z"),
    ("Z", "30351", "PRET", "2022-07-20", 70_000, 4, "25.11Z"),
]


def siren(firme: str) -> str:
    return f"{ord(firme) - 64:09d}"


def construire(db: Path, vide: Path, aides=AIDES) -> Path:
    """Write the warehouse file `db` holding these aids (and one layoff, convention and fund): a
    copy of the empty warehouse `vide` (the real build: schema, geography, rules), the rows, then
    its views and derived tables again."""
    shutil.copy2(vide, db)
    con = duckdb.connect(str(db))
    con.execute(f"INSERT INTO restructurations VALUES ('R1', '552100554', 'Alpha Industrie', NULL, "
                f"'13055', '13055', '2020-03-15', 'PSE', 400, {LINEAGE})")
    con.execute(f"INSERT INTO conventions VALUES ('C1', 'R1', '2020-06-20', 36, '13', 3.0, 5000000, "
                f"'MUTUALISEE', NULL, 400, 'EN_COURS', NULL, {LINEAGE})")
    con.execute(f"INSERT INTO fonds VALUES ('F1', 'Fonds Provence', '13', 'Airbus Développement', "
                f"'2020-01-01', NULL, {LINEAGE})")
    con.execute(f"INSERT INTO dotations VALUES ('C1', 'F1', 5000000, '2020-07-01', {LINEAGE})")
    for i, (firme, commune, type_aide, decision, euros, emplois, naf) in enumerate(aides, start=1):
        nom = f"Entreprise {firme}" if firme else "Action collective"
        con.execute(f"INSERT INTO aides VALUES (?, NULL, 'F1', ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, {LINEAGE})",
                    [f"A{i}", siren(firme) if firme else None, nom, commune, commune, naf, type_aide,
                     decision, euros, emplois])
        if emplois:
            con.execute(f"INSERT INTO suivi_emplois VALUES (?, '2024-06-30', ?, {LINEAGE})", [f"A{i}", emplois])
    create_views(con)
    con.close()
    return db
