"""The contract's indicators recomputed in Polars from the raw tables of the full sample, without
the SQL layer, for a few named items: the Bouches-du-Rhône and Corse-du-Sud départements, the Paris
and Gap zones d'emploi, the AMPA and Alizé Longwy funds, a convention fed only through a shared
fund, a convention with only direct aids and Michelin–Kléber at Toul (both). Then the kpi_* views
themselves (not only the filtered macros) must add up: national = Σ régions = Σ départements =
Σ zones for every additive column, flags included.
"""
from __future__ import annotations

import duckdb
import polars as pl
import pytest

MONEY = ["montant_revitalisation", "cofinancement_public", "cofinancement_prive"]
GEO = ["code_commune", "code_ze", "code_departement", "code_region"]


@pytest.fixture(scope="module")
def con(sample_warehouse):
    c = duckdb.connect(str(sample_warehouse), read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def raw(con):
    t = {name: con.sql(f"SELECT * FROM {name}").pl() for name in
         ("restructurations", "conventions", "dotations", "aides", "suivi_emplois", "ref_commune", "ref_smic")}
    latest = (t["suivi_emplois"].sort("date_constat").group_by("id_aide")
              .agg(pl.col("emplois_crees").last().alias("jobs")))
    t["A"] = (t["aides"].join(latest, on="id_aide", how="left").with_columns(pl.col("jobs").fill_null(0))
              .join(t["ref_commune"].select(GEO), on="code_commune", how="left")
              .with_columns([pl.col(m).cast(pl.Float64) for m in MONEY]))
    t["R"] = t["restructurations"].join(t["ref_commune"].select(GEO), on="code_commune", how="left")
    return t


def _view_row(con, view, key, value):
    rows = con.sql(f"SELECT * FROM {view} WHERE {key} = ?", params=[value]).pl().to_dicts()
    assert len(rows) == 1, (view, value)
    return rows[0]


def _same(mine: dict, row: dict):
    for k, v in mine.items():
        if v is None:
            assert row[k] is None, k
        elif isinstance(v, bool):
            assert row[k] is v, k
        else:
            assert float(row[k]) == pytest.approx(float(v), rel=1e-9, abs=1e-6), k


def _territory(a: pl.DataFrame, r: pl.DataFrame) -> dict:
    rev, pub, pri = (a[m].sum() for m in MONEY)
    jobs, cut, planned = a["jobs"].sum(), r["emplois_supprimes"].sum(), a["emplois_prevus"].sum()
    return dict(emplois_supprimes=cut, emplois_prevus=planned, emplois_crees=jobs, montant_revitalisation=rev,
                cofinancement_public=pub, cofinancement_prive=pri,
                nb_beneficiaires=a["siren_beneficiaire"].drop_nulls().n_unique(), nb_aides=a.height,
                effet_levier=(rev + pub + pri) / rev if rev else None, euros_par_emploi=rev / jobs if jobs else None,
                taux_recreation=jobs / cut if cut else None, taux_realisation=jobs / planned if planned else None)


@pytest.mark.parametrize("view,key,column,value", [
    ("kpi_departement", "code_departement", "code_departement", "13"),
    ("kpi_departement", "code_departement", "code_departement", "2A"),
    ("kpi_zone_emploi", "code_ze", "code_ze", "1109"),    # Paris
    ("kpi_zone_emploi", "code_ze", "code_ze", "9310"),    # Gap
])
def test_territory_from_raw_tables(con, raw, view, key, column, value):
    mine = _territory(raw["A"].filter(pl.col(column) == value), raw["R"].filter(pl.col(column) == value))
    assert mine["nb_aides"] > 0 and mine["emplois_supprimes"] > 0
    _same(mine, _view_row(con, view, key, value))


def test_national_from_raw_tables(con, raw):
    _same(_territory(raw["A"], raw["R"]), con.sql("SELECT * FROM kpi_national").pl().to_dicts()[0])


@pytest.mark.parametrize("fonds", ["F-13-AMPA", "F-54-ALIZE-LONGWY"])
def test_fund_from_raw_tables(con, raw, fonds):
    a = raw["A"].filter(pl.col("id_fonds") == fonds)
    rev, pub, pri = (a[m].sum() for m in MONEY)
    jobs, planned = a["jobs"].sum(), a["emplois_prevus"].sum()
    dot = raw["dotations"].filter(pl.col("id_fonds") == fonds)["montant"].cast(pl.Float64).sum()
    _same(dict(dotations=dot, montant_revitalisation=rev, emplois_crees=jobs, emplois_prevus=planned,
               nb_beneficiaires=a["siren_beneficiaire"].drop_nulls().n_unique(), nb_aides=a.height,
               cofinancement_public=pub, cofinancement_prive=pri, effet_levier=(rev + pub + pri) / rev,
               euros_par_emploi=rev / jobs, taux_realisation=jobs / planned,
               taux_consommation=rev / dot if dot else None),
          _view_row(con, "kpi_fonds", "id_fonds", fonds))


def _convention(raw, cid: str) -> dict:
    """Direct aids, plus each fund's aids times the convention's share of that fund's dotations."""
    d = raw["dotations"].with_columns(pl.col("montant").cast(pl.Float64))
    share = (d.group_by("id_convention", "id_fonds").agg(pl.col("montant").sum().alias("m"))
             .join(d.group_by("id_fonds").agg(pl.col("montant").sum().alias("tot")), on="id_fonds")
             .filter(pl.col("id_convention") == cid).with_columns((pl.col("m") / pl.col("tot")).alias("s")))
    funds = (raw["A"].filter(pl.col("id_fonds").is_not_null()).group_by("id_fonds")
             .agg(pl.col("jobs").sum().alias("fj"), pl.col("montant_revitalisation").sum().alias("fm")))
    share = share.join(funds, on="id_fonds", how="left").fill_null(0)
    direct = raw["A"].filter(pl.col("id_convention") == cid)
    jobs = direct["jobs"].sum() + (share["s"] * share["fj"]).sum()
    money = direct["montant_revitalisation"].sum() + (share["s"] * share["fm"]).sum()
    cv = raw["conventions"].filter(pl.col("id_convention") == cid).to_dicts()[0]
    cut = raw["restructurations"].filter(pl.col("id_restructuration") == cv["id_restructuration"])["emplois_supprimes"][0]
    smic = (raw["ref_smic"].filter(pl.col("date_debut") <= cv["date_signature"]).sort("date_debut")
            ["smic_mensuel"].cast(pl.Float64)[-1])
    committed = float(cv["montant_engage"])
    minimum = 2 * smic * cut
    return dict(emplois_supprimes=cut, objectif_emplois=cv["objectif_emplois"], smic_mensuel=smic,
                contribution_minimale=minimum, montant_engage=committed, conforme_minimum=committed >= minimum - 1,
                montant_attribue=money, emplois_crees_attribues=jobs, taux_recreation=jobs / cut if cut else None,
                taux_atteinte_objectif=jobs / cv["objectif_emplois"] if cv["objectif_emplois"] else None,
                taux_consommation=money / committed if committed else None,
                _funds=share.height, _direct=direct.height)


def test_conventions_from_raw_tables(con, raw):
    d = raw["dotations"]
    shared = d.group_by("id_fonds").agg(pl.col("id_convention").n_unique().alias("n")).filter(pl.col("n") > 1)
    direct_ids = set(raw["aides"]["id_convention"].drop_nulls())
    via_fund = (d.filter(pl.col("id_fonds").is_in(shared["id_fonds"].implode())
                         & ~pl.col("id_convention").is_in(list(direct_ids)))["id_convention"].sort()[0])
    only_direct = sorted(direct_ids - set(d["id_convention"]))[0]
    for cid, funds, direct in ((via_fund, True, False), (only_direct, False, True), ("C-TOUL-KLEBER", True, True)):
        mine = _convention(raw, cid)
        assert (mine.pop("_funds") > 0, mine.pop("_direct") > 0) == (funds, direct), cid
        _same(mine, _view_row(con, "kpi_convention", "id_convention", cid))


ADDITIVE = ("emplois_supprimes", "emplois_prevus", "emplois_crees", "montant_revitalisation", "cofinancement_public",
            "cofinancement_prive", "nb_aides", "nb_conventions", "montant_engage", "nb_signalements")


@pytest.mark.parametrize("view", ["kpi_region", "kpi_departement", "kpi_zone_emploi"])
def test_views_add_up_to_national(con, view):
    nat = con.sql(f"SELECT {', '.join(ADDITIVE)} FROM kpi_national").fetchall()[0]
    level = con.sql(f"SELECT {', '.join(f'sum({c})' for c in ADDITIVE)} FROM {view}").fetchall()[0]
    for col, n, s in zip(ADDITIVE, nat, level):
        assert n > 0, col
        assert float(s) == pytest.approx(float(n), rel=1e-9, abs=1e-6), (view, col)
