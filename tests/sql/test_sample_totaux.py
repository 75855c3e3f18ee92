"""On the full sample warehouse (real build): no job or euro lost or counted twice across levels.

National totals must equal the sums over régions, départements and zones d'emploi, and the raw
tables; the yearly series must add up to the national figures; the three procedure types must add up
to what is attributed to conventions.
"""
from __future__ import annotations

import duckdb
import pytest

ADDITIVE = ("emplois_supprimes", "emplois_prevus", "emplois_crees", "montant_revitalisation",
            "cofinancement_public", "cofinancement_prive", "nb_aides", "nb_conventions", "montant_engage")
FILTERS = [
    (None, None, None, None, None),
    (2015, 2022, None, None, None),
    (None, None, None, "PRET", None),
    (None, None, None, None, "PSE"),
    (None, None, None, None, "RCC"),
]



@pytest.fixture(scope="module")
def con(sample_warehouse):
    c = duckdb.connect(str(sample_warehouse), read_only=True)
    yield c
    c.close()


def totals(con, macro, params):
    cols = ", ".join(f"sum({c})" for c in ADDITIVE)
    row = con.sql(f"SELECT {cols} FROM {macro}(?, ?, ?, ?, ?)", params=list(params)).fetchall()[0]
    return dict(zip(ADDITIVE, row))


def test_sample_has_activity(con):
    nat = totals(con, "kpi_national_f", FILTERS[0])
    assert nat["emplois_supprimes"] > 0 and nat["nb_aides"] > 0 and nat["emplois_crees"] > 0


@pytest.mark.parametrize("params", FILTERS)
def test_national_equals_sum_of_every_level(con, params):
    nat = totals(con, "kpi_national_f", params)
    for macro in ("kpi_region_f", "kpi_departement_f", "kpi_zone_emploi_f"):
        level = totals(con, macro, params)
        for col in ADDITIVE:
            assert level[col] == pytest.approx(nat[col], rel=1e-9, abs=1e-6), (macro, col, params)


def test_national_equals_raw_tables(con):
    nat = totals(con, "kpi_national_f", FILTERS[0])
    raw = con.sql("""
        WITH latest AS (
            SELECT id_aide, emplois_crees,
                   row_number() OVER (PARTITION BY id_aide ORDER BY date_constat DESC) AS rang
            FROM suivi_emplois)
        SELECT (SELECT sum(emplois_supprimes) FROM restructurations),
               (SELECT sum(emplois_prevus) FROM aides),
               (SELECT coalesce(sum(emplois_crees), 0) FROM latest WHERE rang = 1),
               (SELECT sum(montant_revitalisation) FROM aides),
               (SELECT count(*) FROM aides),
               (SELECT count(*) FROM conventions),
               (SELECT sum(montant_engage) FROM conventions)
    """).fetchall()[0]
    got = (nat["emplois_supprimes"], nat["emplois_prevus"], nat["emplois_crees"], nat["montant_revitalisation"],
           nat["nb_aides"], nat["nb_conventions"], nat["montant_engage"])
    assert got == pytest.approx(tuple(float(x) for x in raw), rel=1e-9)


def test_yearly_series_adds_up_to_national(con):
    nat = totals(con, "kpi_national_f", FILTERS[0])
    cols = ", ".join(f"sum({c})" for c in ADDITIVE)
    serie = con.sql(f"SELECT {cols} FROM serie_annuelle_f('national', NULL, NULL, NULL, NULL, NULL, NULL)"
                    ).fetchall()[0]
    assert dict(zip(ADDITIVE, serie)) == pytest.approx(nat, rel=1e-9)


def test_procedures_and_conventions_share_the_attributed_total(con):
    attributed = con.sql("SELECT sum(montant_attribue), sum(emplois_crees_attribues) FROM kpi_convention"
                         ).fetchall()[0]
    by_type = [totals(con, "kpi_national_f", (None, None, None, None, p)) for p in ("PSE", "RCC", "AUTRE")]
    assert sum(t["montant_revitalisation"] for t in by_type) == pytest.approx(attributed[0], rel=1e-9)
    assert sum(t["emplois_crees"] for t in by_type) == pytest.approx(attributed[1], rel=1e-9)
    nat = totals(con, "kpi_national_f", FILTERS[0])
    unattributed = con.sql("SELECT coalesce(sum(montant_revitalisation), 0) FROM int_aides "
                           "WHERE id_aide NOT IN (SELECT id_aide FROM int_attribution)").fetchall()[0][0]
    assert attributed[0] + unattributed == pytest.approx(nat["montant_revitalisation"], rel=1e-9)
