"""One-off job: turn the raw INSEE/IGN reference files into the compact files committed in data/reference.

    python -m pipelines.prepare_reference [--shared ../shared/reference] [--out data/reference]

Why it exists: the shared folder holds the raw geography (CSV, INSEE workbook, heavy GeoJSON). The
project must work on a fresh clone without it, so this job writes small, checked files once
(Parquet tables + simplified GeoJSON) and those files are committed. `core.reference` loads them
into DuckDB at every build. Every check that fails stops the job with an explicit message.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import fastexcel
import geopandas as gpd
import numpy as np
import polars as pl
import shapely

from core.config import REFERENCE_DIR, ROOT

DEFAULT_SHARED = ROOT.parent / "shared" / "reference"
WORKBOOK = Path("raw") / "table-appartenance-geo-communes-2024.xlsx"
# Coverage simplification tolerance in degrees (~300 m): keeps shared borders identical between
# neighbours, never removes a polygon, and brings ze2020.geojson to about 1.3 MB.
TOLERANCE = 0.004
DECIMALS = 5
# (source file, source code property, source name property, output code property)
LAYERS = {
    "ze2020": ("ze2020.geojson", "ze2020", "libze2020", "code_ze"),
    "departements": ("departements.geojson", "dep", "nom", "code_departement"),
    "regions": ("regions.geojson", "reg", "nom", "code_region"),
}
EXPECTED = {"communes": 34_875, "ze2020": 306, "departements": 101, "regions": 18}
CODE_RE = re.compile(r"\b\d[\dAB]\d{3}\b")


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


def _csv(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema=False, encoding="utf8")


def build_communes(shared: Path) -> pl.DataFrame:
    """COG 2025 communes with their zone d'emploi 2020, département, région and population."""
    df = _csv(shared / "communes_2025_ze2020_population.csv").select(
        pl.col("CODGEO").alias("code_commune"), pl.col("LIBGEO").alias("libelle"),
        pl.col("ZE2020").alias("code_ze"), pl.col("DEP").alias("code_departement"),
        pl.col("REG").alias("code_region"), pl.col("POPULATION").cast(pl.Int64).alias("population"),
    ).sort("code_commune")
    _check(df.height == EXPECTED["communes"], f"{df.height} communes, {EXPECTED['communes']} attendues")
    _check(df["code_commune"].is_unique().all(), "codes commune en double")
    _check(df["code_commune"].str.len_chars().eq(5).all(), "code commune de longueur != 5")
    _check(df.null_count().sum_horizontal().item() == 0, "valeurs manquantes dans les communes")
    return df


def read_arm_sheet(workbook: Path) -> pl.DataFrame:
    """Sheet ARM (municipal arrondissements) of INSEE's table d'appartenance géographique 2024."""
    reader = fastexcel.read_excel(str(workbook))
    _check("ARM" in reader.sheet_names, f"feuille ARM absente de {workbook.name}")
    arm = reader.load_sheet("ARM", header_row=5, dtypes="string").to_polars()
    return arm.select(pl.col("CODGEO").alias("code"), pl.lit("ARM").alias("type"),
                      pl.col("LIBGEO").alias("libelle"), pl.col("COM").alias("code_commune"))


def _fusion_parents(shared: Path) -> dict[str, str]:
    """Merged 2024 code -> 2025 commune, read from the NOTE column ("fusion au 01/01/2025 de ...")."""
    notes = _csv(shared / "communes_2025_ze2020_population.csv").filter(
        pl.col("NOTE").str.starts_with("fusion"))
    parents: dict[str, str] = {}
    for code, note in notes.select("CODGEO", "NOTE").iter_rows():
        for old in CODE_RE.findall(note):
            if old != code:
                parents[old] = code
    return parents


def build_aliases(shared: Path, communes: pl.DataFrame, log=print) -> pl.DataFrame:
    """Codes that are not COG 2025 communes but resolve to one (ARM, SRM, COMD, COMA, FUSION)."""
    aliases = _csv(shared / "commune_aliases.csv").select(
        pl.col("CODE").alias("code"), pl.col("TYPE").alias("type"),
        pl.col("NOM").alias("libelle"), pl.col("CODE_PARENT").alias("code_commune"))
    arm = read_arm_sheet(shared / WORKBOOK)
    _check(arm.height == 45, f"{arm.height} arrondissements dans la feuille ARM, 45 attendus")
    known = arm.join(aliases, on="code", how="inner", suffix="_alias")
    bad = known.filter(pl.col("code_commune") != pl.col("code_commune_alias"))
    _check(bad.is_empty(), f"arrondissements au parent divergent : {bad['code'].to_list()}")
    missing_arm = arm.join(aliases, on="code", how="anti")
    log(f"arrondissements : {arm.height} dans le classeur INSEE, {missing_arm.height} ajoutés")
    aliases = pl.concat([aliases, missing_arm])

    current = set(communes["code_commune"])
    covered = set(aliases["code"])
    comp_2024 = _csv(shared / "ze2020_communes.csv")
    gone = [c for c in comp_2024["CODGEO"] if c not in current and c not in covered]
    parents = _fusion_parents(shared)
    orphans = [c for c in gone if c not in parents]
    _check(not orphans, f"communes 2024 disparues sans commune de rattachement : {orphans}")
    names = dict(comp_2024.select("CODGEO", "LIBGEO").iter_rows())
    fusion = pl.DataFrame({"code": gone, "type": ["FUSION"] * len(gone),
                           "libelle": [names[c] for c in gone],
                           "code_commune": [parents[c] for c in gone]}, schema=aliases.schema)
    log(f"communes fusionnées au 01/01/2025 non couvertes par les alias : {fusion.height} ajoutées")
    aliases = pl.concat([aliases, fusion])

    shadowing = aliases.filter(pl.col("code").is_in(list(current)))
    if shadowing.height:
        log(f"{shadowing.height} alias retirés car ils sont aussi des communes COG 2025")
    aliases = aliases.filter(~pl.col("code").is_in(list(current))).unique("code", keep="first")
    _check(aliases["code_commune"].is_in(list(current)).all(), "alias rattaché à une commune inconnue")
    return aliases.sort("code")


def build_zones(shared: Path, communes: pl.DataFrame, log=print) -> pl.DataFrame:
    """One row per zone d'emploi 2020; counts and population recomputed on COG 2025 communes."""
    zones = _csv(shared / "ze2020_zones.csv")
    per_zone = communes.group_by("code_ze").agg(
        pl.len().cast(pl.Int32).alias("nb_communes"), pl.col("population").sum(),
        pl.col("code_departement").unique().sort().str.join(";").alias("deps_2025"),
        pl.col("code_region").unique().sort().str.join(";").alias("regs_2025"))
    out = zones.select(
        pl.col("ZE2020").alias("code_ze"), pl.col("LIBZE2020").alias("libelle"),
        pl.col("DEP").alias("code_departement"), pl.col("REG").alias("code_region"),
        pl.col("DEPS").alias("departements"), pl.col("REGS").alias("regions"),
        pl.col("POPULATION").cast(pl.Int64).alias("population_source"),
        pl.col("AREA_KM2").cast(pl.Float64).alias("superficie_km2"),
        (pl.col("OUTRE_MER") == "True").alias("outre_mer"),
    ).join(per_zone, on="code_ze", how="left")
    _check(out.height == EXPECTED["ze2020"] and out["nb_communes"].null_count() == 0,
           "zone d'emploi sans commune COG 2025")
    _check((out["population"] == out["population_source"]).all(), "population des zones incohérente")
    changed = out.filter((pl.col("departements") != pl.col("deps_2025"))
                         | (pl.col("regions") != pl.col("regs_2025")))
    for row in changed.iter_rows(named=True):
        log(f"zone {row['code_ze']} : départements {row['departements']} (2024) -> {row['deps_2025']} (2025)")
    return out.select("code_ze", "libelle", "code_departement", "code_region",
                      pl.col("deps_2025").alias("departements"), pl.col("regs_2025").alias("regions"),
                      "nb_communes", "population", "superficie_km2", "outre_mer").sort("code_ze")


def _properties(shared: Path, layer: str) -> pl.DataFrame:
    with open(shared / LAYERS[layer][0], encoding="utf-8") as fh:
        return pl.DataFrame([f["properties"] for f in json.load(fh)["features"]])


def build_departements(shared: Path, communes: pl.DataFrame) -> pl.DataFrame:
    props = _properties(shared, "departements")
    out = props.select(pl.col("dep").alias("code_departement"), pl.col("nom").alias("libelle"),
                       pl.col("reg").alias("code_region"), pl.col("population").cast(pl.Int64),
                       pl.col("outre_mer").cast(pl.Boolean)).sort("code_departement")
    pop = communes.group_by("code_departement").agg(pl.col("population").sum().alias("p"))
    _check(out.height == EXPECTED["departements"], f"{out.height} départements")
    _check(out.join(pop, on="code_departement").filter(pl.col("p") != pl.col("population")).is_empty()
           and pop.height == out.height, "population des départements incohérente")
    return out


def build_regions(shared: Path, communes: pl.DataFrame) -> pl.DataFrame:
    props = _properties(shared, "regions")
    out = props.select(pl.col("reg").alias("code_region"), pl.col("nom").alias("libelle"),
                       pl.col("population").cast(pl.Int64),
                       pl.col("outre_mer").cast(pl.Boolean)).sort("code_region")
    pop = communes.group_by("code_region").agg(pl.col("population").sum().alias("p"))
    _check(out.height == EXPECTED["regions"], f"{out.height} régions")
    _check(out.join(pop, on="code_region").filter(pl.col("p") != pl.col("population")).is_empty()
           and pop.height == out.height, "population des régions incohérente")
    return out


def _polygonal(geom):
    """Keep the polygonal part of a geometry (make_valid can return collections)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def _make_valid(geoms: np.ndarray) -> tuple[np.ndarray, int]:
    invalid = ~shapely.is_valid(geoms)
    fixed = geoms.copy()
    fixed[invalid] = [_polygonal(g) for g in shapely.make_valid(geoms[invalid])]
    return fixed, int(invalid.sum())


def exteriors_clockwise(geom) -> bool:
    """True when every exterior ring is clockwise and every hole counter-clockwise (Plotly winding)."""
    for poly in shapely.get_parts(geom):
        if shapely.is_ccw(poly.exterior) or not all(shapely.is_ccw(r) for r in poly.interiors):
            return False
    return True


def prepare_geometries(shared: Path, layer: str, log=print) -> gpd.GeoDataFrame:
    """Read one layer, check it, coverage-simplify, round, orient; returns code, libelle, geometry."""
    source, code_prop, name_prop, out_code = LAYERS[layer]
    gdf = gpd.read_file(shared / source)
    gdf = gdf.set_crs(4326) if gdf.crs is None else gdf.to_crs(4326)
    geoms, n_fixed = _make_valid(gdf.geometry.values.to_numpy())
    parts_before = shapely.get_num_geometries(geoms)
    simplified = shapely.coverage_simplify(geoms, TOLERANCE)
    rounded = shapely.transform(simplified, lambda xy: np.round(xy, DECIMALS))
    rounded, n_fixed_after = _make_valid(rounded)
    oriented = shapely.orient_polygons(rounded, exterior_cw=True)
    _check(bool(shapely.is_valid(oriented).all()), f"{layer} : géométrie invalide après simplification")
    _check(not shapely.is_empty(oriented).any(), f"{layer} : géométrie vide après simplification")
    _check((shapely.get_num_geometries(oriented) == parts_before).all(), f"{layer} : île perdue")
    _check(all(exteriors_clockwise(g) for g in oriented), f"{layer} : sens des anneaux incorrect")
    out = gpd.GeoDataFrame({out_code: gdf[code_prop].astype(str), "libelle": gdf[name_prop]},
                           geometry=oriented, crs=4326).sort_values(out_code).reset_index(drop=True)
    area_before = gpd.GeoSeries(geoms, crs=4326).to_crs(6933).area.to_numpy()
    area_after = gpd.GeoSeries(oriented, crs=4326).to_crs(6933).area.to_numpy()
    rel = np.abs(area_after - area_before) / area_before * 100
    log(f"{layer} : {len(out)} entités, {n_fixed}+{n_fixed_after} réparées, points "
        f"{int(shapely.get_num_coordinates(geoms).sum())} -> {int(shapely.get_num_coordinates(oriented).sum())}, "
        f"écart de surface médian {np.median(rel):.3f} %, max {rel.max():.2f} %")
    return out


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> int:
    """Compact FeatureCollection, feature id = code; returns the file size in bytes."""
    code = gdf.columns[0]
    text = gdf.set_index(gdf[code].to_numpy()).to_json(
        drop_id=False, separators=(",", ":"), ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path.stat().st_size


def prepare(shared: Path = DEFAULT_SHARED, out: Path = REFERENCE_DIR, log=print) -> None:
    """Write every reference file into `out`."""
    shared, out = Path(shared), Path(out)
    (out / "geometries").mkdir(parents=True, exist_ok=True)
    communes = build_communes(shared)
    tables = {
        "communes": communes,
        "commune_aliases": build_aliases(shared, communes, log),
        "zones_emploi": build_zones(shared, communes, log),
        "departements": build_departements(shared, communes),
        "regions": build_regions(shared, communes),
    }
    for ref, table in (("code_ze", "zones_emploi"), ("code_departement", "departements"),
                       ("code_region", "regions")):
        _check(communes[ref].is_in(tables[table][ref].to_list()).all(), f"{ref} de commune inconnu")
    for name, df in tables.items():
        df.write_parquet(out / f"{name}.parquet", compression="zstd", statistics=False)
        log(f"{name}.parquet : {df.height} lignes")
    for layer in LAYERS:
        gdf = prepare_geometries(shared, layer, log)
        key = LAYERS[layer][3]
        expected = {"ze2020": "zones_emploi"}.get(layer, layer)
        _check(sorted(gdf[key]) == tables[expected][key].to_list(), f"{layer} : codes différents des tables")
        size = write_geojson(gdf, out / "geometries" / f"{layer}.geojson")
        log(f"geometries/{layer}.geojson : {size / 1e6:.2f} Mo")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.prepare_reference",
                                     description="Prépare les fichiers de référence géographique.")
    parser.add_argument("--shared", default=str(DEFAULT_SHARED), help="dossier des sources INSEE/IGN")
    parser.add_argument("--out", default=str(REFERENCE_DIR), help="dossier de sortie")
    args = parser.parse_args(argv)
    try:
        prepare(Path(args.shared), Path(args.out))
    except (OSError, ValueError) as exc:
        print(f"Échec de la préparation du référentiel : {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
