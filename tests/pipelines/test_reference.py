"""Reference geography: the committed files loaded into a real in-memory DuckDB, and the map layers.

Expected figures come from INSEE: 306 zones d'emploi 2020 (287 in metropolitan France), COG 2025 =
34 875 communes, 101 départements, 18 régions, population municipale 68 350 798 (Paris 2 103 778).
"""
from __future__ import annotations

import json

import duckdb
import geopandas as gpd
import polars as pl
import pytest
import shapely
from shapely.geometry import shape

from core.config import REFERENCE_DIR
from core.reference import GEOMETRIES, ErreurReference, geometries_path, load_geojson, load_reference
from pipelines import prepare_reference
from pipelines.schema import create_schema


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    create_schema(con)
    load_reference(con)
    yield con
    con.close()


def scalar(con, query, params=None):
    return con.execute(query, params or []).fetchall()[0][0]


def test_table_sizes(con):
    assert scalar(con, "SELECT count(*) FROM ref_zone_emploi") == 306
    assert scalar(con, "SELECT count(*) FROM ref_zone_emploi WHERE NOT outre_mer") == 287
    assert scalar(con, "SELECT count(*) FROM ref_commune") == 34_875
    assert scalar(con, "SELECT count(*) FROM ref_departement") == 101
    assert scalar(con, "SELECT count(*) FROM ref_region") == 18
    assert scalar(con, "SELECT count(*) FROM ref_region WHERE outre_mer") == 5


def test_every_area_has_one_geometry(con):
    for niveau, table, key, expected in [("zone_emploi", "ref_zone_emploi", "code_ze", 306),
                                         ("departement", "ref_departement", "code_departement", 101),
                                         ("region", "ref_region", "code_region", 18)]:
        joined = scalar(con, f"SELECT count(*) FROM {table} t JOIN ref_geometrie g "
                             f"ON g.niveau = ? AND g.code = t.{key}", [niveau])
        assert joined == expected
        assert scalar(con, "SELECT count(*) FROM ref_geometrie WHERE niveau = ?", [niveau]) == expected


def test_referential_integrity(con):
    orphans = {
        "commune->zone": "SELECT count(*) FROM ref_commune c ANTI JOIN ref_zone_emploi z USING (code_ze)",
        "commune->dep": "SELECT count(*) FROM ref_commune c ANTI JOIN ref_departement d USING (code_departement)",
        "commune->reg": "SELECT count(*) FROM ref_commune c ANTI JOIN ref_region r USING (code_region)",
        "dep->reg": "SELECT count(*) FROM ref_departement d ANTI JOIN ref_region r USING (code_region)",
        "zone->dep": "SELECT count(*) FROM ref_zone_emploi z ANTI JOIN ref_departement d USING (code_departement)",
        "alias->commune": "SELECT count(*) FROM ref_commune_alias a ANTI JOIN ref_commune c USING (code_commune)",
        "commune dep in its region": "SELECT count(*) FROM ref_commune c JOIN ref_departement d "
                                     "USING (code_departement) WHERE d.code_region <> c.code_region",
    }
    for name, query in orphans.items():
        assert scalar(con, query) == 0, name
    shadow = "SELECT count(*) FROM ref_commune_alias a JOIN ref_commune c ON a.code = c.code_commune"
    assert scalar(con, shadow) == 0


def test_known_communes(con):
    rows = con.execute("SELECT c.code_commune, c.libelle, c.code_departement, c.code_ze, z.libelle "
                       "FROM ref_commune c JOIN ref_zone_emploi z USING (code_ze) "
                       "WHERE c.code_commune IN ('54528', '54323', '13055', '2A004') "
                       "ORDER BY 1").fetchall()
    assert rows == [
        ("13055", "Marseille", "13", "9312", "Marseille"),
        ("2A004", "Ajaccio", "2A", "9401", "Ajaccio"),
        ("54323", "Longwy", "54", "4424", "Thionville"),
        ("54528", "Toul", "54", "4412", "Nancy"),
    ]
    assert scalar(con, "SELECT libelle FROM ref_departement WHERE code_departement = '54'") \
        == "Meurthe-et-Moselle"


def test_populations_add_up(con):
    assert scalar(con, "SELECT sum(population) FROM ref_commune") == 68_350_798
    assert scalar(con, "SELECT sum(population) FROM ref_zone_emploi") == 68_350_798
    assert scalar(con, "SELECT sum(population) FROM ref_region") == 68_350_798
    assert scalar(con, "SELECT population FROM ref_commune WHERE code_commune = '75056'") == 2_103_778
    # A zone's commune count is that of its COG 2025 communes.
    assert scalar(con, "SELECT count(*) FROM ref_zone_emploi z WHERE nb_communes <> "
                       "(SELECT count(*) FROM ref_commune c WHERE c.code_ze = z.code_ze)") == 0


def test_alias_types(con):
    counts = dict(con.execute("SELECT type, count(*) FROM ref_commune_alias GROUP BY type").fetchall())
    assert counts["ARM"] == 45  # 20 Paris + 9 Lyon + 16 Marseille
    assert set(counts) == {"ARM", "SRM", "COMD", "COMA", "FUSION"}


def test_reload_is_idempotent_and_leaves_rules_alone(con):
    con.execute("INSERT INTO ref_regle VALUES ('cle_test_reference', '1', 'test', NULL)")
    load_reference(con)
    assert scalar(con, "SELECT count(*) FROM ref_commune") == 34_875
    assert scalar(con, "SELECT count(*) FROM ref_geometrie") == 306 + 101 + 18
    assert scalar(con, "SELECT count(*) FROM ref_regle WHERE cle = 'cle_test_reference'") == 1
    con.execute("DELETE FROM ref_regle WHERE cle = 'cle_test_reference'")


def test_stored_geometries_are_valid_and_wound_for_plotly(con):
    rows = con.execute("SELECT niveau, code, geojson FROM ref_geometrie").fetchall()
    for niveau, code, text in rows:
        geom = shape(json.loads(text))
        assert geom.is_valid and not geom.is_empty, (niveau, code)
        assert prepare_reference.exteriors_clockwise(geom), (niveau, code)
        minx, miny, maxx, maxy = geom.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


@pytest.mark.parametrize("niveau", list(GEOMETRIES))
def test_geojson_files(niveau):
    gdf = gpd.read_file(geometries_path(niveau))
    assert gdf.crs.to_epsg() == 4326
    fc = load_geojson(niveau)
    assert load_geojson(niveau) is fc  # cached
    code = GEOMETRIES[niveau][1]
    assert [f["id"] for f in fc["features"]] == [f["properties"][code] for f in fc["features"]]
    assert all(set(f["properties"]) == {code, "libelle"} for f in fc["features"])
    # a clockwise exterior ring has a negative signed area in lon/lat
    ring = shapely.get_exterior_ring(shapely.get_parts(gdf.geometry.values)[0])
    assert not shapely.is_ccw(ring)


def test_simplified_zones_keep_their_area():
    """Areas of the simplified polygons against the areas INSEE/IGN-derived on unsimplified shapes."""
    gdf = gpd.read_file(geometries_path("zone_emploi")).to_crs(6933)
    zones = pl.read_parquet(REFERENCE_DIR / "zones_emploi.parquet")
    area = dict(zip(gdf["code_ze"], gdf.area / 1e6))
    gaps = [abs(area[c] / s - 1) for c, s in zones.select("code_ze", "superficie_km2").iter_rows()]
    assert max(gaps) < 0.02 and sorted(gaps)[len(gaps) // 2] < 0.005
    regions = gpd.read_file(geometries_path("region")).to_crs(6933)
    region_km2 = dict(zip(regions["code_region"], regions.area / 1e6))
    assert region_km2["11"] == pytest.approx(12_011, rel=0.02)  # Île-de-France (INSEE)
    assert region_km2["94"] == pytest.approx(8_680, rel=0.02)   # Corse (INSEE)


def test_file_sizes():
    assert geometries_path("zone_emploi").stat().st_size <= 1_500_000
    total = sum(p.stat().st_size for p in REFERENCE_DIR.rglob("*") if p.is_file())
    assert total < 4_000_000


def test_unknown_level():
    with pytest.raises(ErreurReference, match="niveau géographique inconnu"):
        geometries_path("canton")


def test_missing_files_give_a_french_message(tmp_path):
    con = duckdb.connect()
    create_schema(con)
    with pytest.raises(ErreurReference, match="fichiers de référence manquants"):
        load_reference(con, tmp_path)


@pytest.mark.skipif(not (prepare_reference.DEFAULT_SHARED / "SOURCES.md").exists(),
                    reason="raw INSEE/IGN files (../shared/reference) not available")
def test_committed_files_are_reproducible(tmp_path):
    """Re-running the job on the raw sources gives exactly the committed tables."""
    prepare_reference.prepare(out=tmp_path, log=lambda *a: None)
    for name in ("communes", "commune_aliases", "zones_emploi", "departements", "regions"):
        assert pl.read_parquet(tmp_path / f"{name}.parquet").equals(
            pl.read_parquet(REFERENCE_DIR / f"{name}.parquet")), name
    for niveau, (filename, _) in GEOMETRIES.items():
        assert (tmp_path / "geometries" / filename).read_bytes() == geometries_path(niveau).read_bytes()
