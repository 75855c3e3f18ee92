"""A small warehouse built by hand for the semantic-layer tests, with values worked out in the tests.

Real DuckDB: a copy of the session's empty warehouse (the real build: schema, INSEE geography, rules),
then a handful of rows inserted with SQL and the semantic layer created again; built once per run into a file that each module (`wh`) or test (`wh_private`) copies. The scenario (every figure the tests expect is derived from it by hand):

restructurations (site, zone d'emploi / département / région, notification, type, jobs cut)
  R1  13205 Marseille 5e arr. -> 13055  9312 / 13 / 93  2019-03-15  PSE    100
  R2  84007 Avignon                     0053 / 84 / 93  2022-06-10  RCC     50
  R3  30351 Villeneuve-lès-Avignon      0053 / 30 / 76  2023-02-01  PSE      0   (zone 0053 crosses
                                                                                  départements and régions)
  R4  75105 Paris 5e arr. -> 75056      1109 / 75 / 11  2010-05-03  AUTRE   10
conventions (restructuring, signature, months, département, taux, committed, modality, operator,
objective, status)
  C1  R1  2019-06-20  36  13  3.0  700 000.00  MIXTE       SIDE      100  EN_COURS
  C2  R2  2023-01-15  48  84  2.0  170 927.50  MUTUALISEE  -          40  PROLONGEE
  C3  R3  2023-03-01  24  30  -          0.00  TRESOR      -           0  CLOSE
  C4  R4  2010-09-01  36  75  1.5   20 000.00  DIRECTE     Katalyse   10  CLOSE
fonds: F1 (13, Airbus Développement, fed by C1 400 000 in two payments and C2 100 000: parts 0.8 /
0.2), F2 (30, ADIE, no dotation).
aides (financer, commune, NAF, type, decision, revitalisation / public / private, planned; follow-ups)
  A1  C1  13005 Aubagne (9312/13/93)     62.01Z  SUBVENTION         2019-09-01  50 000 / 10 000 / 40 000  10;
      2020-06-30: 4, 2021-06-30: 8
  A2  C1  84007 Avignon (0053/84/93)     -       ACTION_COLLECTIVE  2020-03-01  20 000 / 0 / 0  0; none
  A3  F1  30351 (0053/30/76)             10.71C  PRET               2021-02-01  100 000 / 50 000 / 150 000  20;
      2021-12-31: 5, 2023-06-30: 15, 2022-06-30: 12 (inserted out of order)
  A4  F1  13201 Marseille 1er -> 13055   47.11A  PRET_HONNEUR       2023-04-01  30 000 / 0 / 0  5; 2024-03-31: 6
  A5  F2  84007 Avignon                  01.11Z  SUBVENTION         2022-05-01  10 000 / 5 000 / 0  2; 2022-12-31: 2
Beneficiaries: A1 and A4 share SIREN 100000001; A2 (collective action) has none.
signalements: 8 flags spread over every dataset (see FLAGS).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.schema import create_views
from tests.fixtures.entrepot import une_fois

LINEAGE = "'lot-test', 'saisie.csv', 2"

RESTRUCTURATIONS = [
    # id, siren, raison_sociale, code saisi, code résolu, notification, type, jobs cut
    ("R1", "552100554", "Alpha Industrie", "13205", "13055", "2019-03-15", "PSE", 100),
    ("R2", "542065479", "Beta Chimie", "84007", "84007", "2022-06-10", "RCC", 50),
    ("R3", "775670417", "Gamma Textile", "30351", "30351", "2023-02-01", "PSE", 0),
    ("R4", "572015246", "Delta Services", "75105", "75056", "2010-05-03", "AUTRE", 10),
]
CONVENTIONS = [
    # id, restructuring, signature, months, département, taux, committed, modality, operator,
    # objective, status, comment
    ("C1", "R1", "2019-06-20", 36, "13", 3.0, 700000.00, "MIXTE", "SIDE", 100, "EN_COURS", None),
    ("C2", "R2", "2023-01-15", 48, "84", 2.0, 170927.50, "MUTUALISEE", None, 40, "PROLONGEE", None),
    ("C3", "R3", "2023-03-01", 24, "30", None, 0.00, "TRESOR", None, 0, "CLOSE", None),
    ("C4", "R4", "2010-09-01", 36, "75", 1.5, 20000.00, "DIRECTE", "Katalyse", 10, "CLOSE",
     "réduction accordée"),
]
FONDS = [
    ("F1", "Fonds Provence", "13", "Airbus Développement", "2019-01-01", "1 325 millions d'euros publiés"),
    ("F2", "Fonds Gard", "30", "ADIE", None, None),
]
DOTATIONS = [
    ("C1", "F1", 300000.00, "2019-07-01"),
    ("C1", "F1", 100000.00, "2020-07-01"),
    ("C2", "F1", 100000.00, "2023-02-01"),
]
AIDES = [
    # id, convention, fonds, siren, nom, code saisi, code résolu, NAF, type, decision,
    # revitalisation, public, private, planned
    ("A1", "C1", None, "100000001", "Alpha Logiciel", "13005", "13005", "62.01Z", "SUBVENTION",
     "2019-09-01", 50000, 10000, 40000, 10),
    ("A2", "C1", None, None, "Forum emploi", "84007", "84007", None, "ACTION_COLLECTIVE",
     "2020-03-01", 20000, 0, 0, 0),
    ("A3", None, "F1", "200000002", "Boulangerie Beta", "30351", "30351", "10.71C", "PRET",
     "2021-02-01", 100000, 50000, 150000, 20),
    ("A4", None, "F1", "100000001", "Alpha Logiciel", "13201", "13055", "47.11A", "PRET_HONNEUR",
     "2023-04-01", 30000, 0, 0, 5),
    ("A5", None, "F2", "300000003", "Ferme Gamma", "84007", "84007", "01.11Z", "SUBVENTION",
     "2022-05-01", 10000, 5000, 0, 2),
]
SUIVI = [
    ("A1", "2020-06-30", 4), ("A1", "2021-06-30", 8),
    ("A3", "2021-12-31", 5), ("A3", "2023-06-30", 15), ("A3", "2022-06-30", 12),
    ("A4", "2024-03-31", 6),
    ("A5", "2022-12-31", 2),
]
FLAGS = [
    ("conventions", "C2", "SIGNATURE_TARDIVE"),
    ("conventions", "C2", "DUREE_SUP_36"),
    ("restructurations", "R1", "TEST_RESTRUCTURATION"),
    ("dotations", "C1|F1|2019-07-01", "TEST_DOTATION"),
    ("aides", "A3", "TEST_AIDE"),
    ("suivi_emplois", "A1|2021-06-30", "TEST_SUIVI"),
    ("fonds", "F2", "TEST_FONDS"),
    ("suivi_emplois", "A4|2024-03-31", "EMPLOIS_CREES_SUP_PREVUS"),
]


def build_hand_warehouse(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The hand rows into `con`, a copy of the empty warehouse, then its views and derived tables."""
    con.executemany(f"INSERT INTO restructurations VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, {LINEAGE})",
                    RESTRUCTURATIONS)
    con.executemany(f"INSERT INTO conventions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, {LINEAGE})",
                    CONVENTIONS)
    con.executemany(f"INSERT INTO fonds VALUES (?, ?, ?, ?, ?, ?, {LINEAGE})", FONDS)
    con.executemany(f"INSERT INTO dotations VALUES (?, ?, ?, ?, {LINEAGE})", DOTATIONS)
    con.executemany(f"INSERT INTO aides VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, {LINEAGE})",
                    AIDES)
    con.executemany(f"INSERT INTO suivi_emplois VALUES (?, ?, ?, {LINEAGE})", SUIVI)
    con.executemany("INSERT INTO signalements VALUES (?, ?, ?, NULL, 'message', 'lot-test', 'f.csv', 3)",
                    FLAGS)
    create_views(con)
    return con


@pytest.fixture(scope="session")
def fichier_fait_main(empty_warehouse, tmp_path_factory) -> Path:
    """The hand-built warehouse as a file, built once per run (copied, never opened, by the tests)."""
    def construire(chemin: Path) -> None:
        shutil.copy2(empty_warehouse, chemin)
        build_hand_warehouse(duckdb.connect(str(chemin))).close()
    return une_fois(tmp_path_factory, "entrepot_fait_main.duckdb", construire)


def _ouvrir_copie(fichier: Path, dossier: Path) -> duckdb.DuckDBPyConnection:
    copie = dossier / "fait_main.duckdb"
    shutil.copy2(fichier, copie)
    return duckdb.connect(str(copie))


@pytest.fixture(scope="module")
def wh(fichier_fait_main, tmp_path_factory):
    """The hand-built warehouse, shared read-only by a test module."""
    con = _ouvrir_copie(fichier_fait_main, tmp_path_factory.mktemp("fait_main"))
    yield con
    con.close()


@pytest.fixture
def wh_private(fichier_fait_main, tmp_path):
    """A hand-built warehouse the test may modify."""
    con = _ouvrir_copie(fichier_fait_main, tmp_path)
    yield con
    con.close()


def assert_row(actual: dict, expected: dict) -> None:
    """Every column of the row is expected (no column left unchecked) and equal (floats approx)."""
    assert set(actual) == set(expected), (sorted(set(actual) - set(expected)),
                                          sorted(set(expected) - set(actual)))
    for key, value in expected.items():
        got = actual[key]
        if isinstance(value, bool) or value is None:
            assert got is value, (key, got, value)
        elif isinstance(value, float):
            assert got == pytest.approx(value, rel=1e-9, abs=1e-9), (key, got, value)
        else:
            assert got == value and not isinstance(got, bool), (key, got, value)
