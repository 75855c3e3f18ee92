"""Load the committed reference geography (data/reference) into the warehouse, and serve the map layers.

The files are written once by `pipelines.prepare_reference` from the INSEE/IGN sources (see
data/reference/SOURCES.md). `load_reference(con)` replaces the content of the ref_* geography tables
(idempotent, one transaction, about a second); `load_geojson(niveau)` gives the map pages the
simplified FeatureCollection of a level, already wound the way Plotly expects.
"""
from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

import duckdb
import polars as pl

from core.config import REFERENCE_DIR
from core.sql import sql_ecriture

# Warehouse table -> Parquet file (columns already in the table's order).
TABLE_FILES = {
    "ref_region": "regions.parquet",
    "ref_departement": "departements.parquet",
    "ref_zone_emploi": "zones_emploi.parquet",
    "ref_commune": "communes.parquet",
    "ref_commune_alias": "commune_aliases.parquet",
}
# The territorial levels, from the whole country down (one word per level everywhere: queries,
# views' p_niveau, the map, the geometry files).
NIVEAUX = ("national", "region", "departement", "zone_emploi")
# Geometry level (ref_geometrie.niveau) -> (GeoJSON file, code property): every level but national.
GEOMETRIES = {
    "zone_emploi": ("ze2020.geojson", "code_ze"),
    "departement": ("departements.geojson", "code_departement"),
    "region": ("regions.geojson", "code_region"),
}


class ErreurReference(ValueError):
    """The reference files are missing or unusable; the message is a French sentence."""


def geometries_path(niveau: str, directory: Path | None = None) -> Path:
    """GeoJSON file of a level: 'zone_emploi', 'departement' or 'region'."""
    if niveau not in GEOMETRIES:
        raise ErreurReference(f"niveau géographique inconnu : « {niveau} » "
                             f"(attendu : {', '.join(GEOMETRIES)})")
    return Path(directory or REFERENCE_DIR) / "geometries" / GEOMETRIES[niveau][0]


def _read_geojson(path: Path) -> dict:
    if not path.exists():
        raise ErreurReference(f"fichier de géométries introuvable : {path}")
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def load_geojson(niveau: str) -> dict:
    """FeatureCollection of a level (feature id = code), cached: callers must not modify it."""
    return _read_geojson(geometries_path(niveau))


def geometry_rows(niveau: str, directory: Path | None = None) -> pl.DataFrame:
    """One row per feature of a level: niveau, code, geojson (the feature's geometry as text).

    Cached per file version (path, modification time, size): a process that builds several
    warehouses (the tests, a rebuild) reads and re-serialises the 3 GeoJSON files once."""
    path = geometries_path(niveau, directory)
    if not path.exists():
        raise ErreurReference(f"fichier de géométries introuvable : {path}")
    etat = path.stat()
    return _geometry_rows(niveau, path, etat.st_mtime_ns, etat.st_size)


@lru_cache(maxsize=8)
def _geometry_rows(niveau: str, path: Path, _mtime_ns: int, _taille: int) -> pl.DataFrame:
    features = _read_geojson(path)["features"]
    code_prop = GEOMETRIES[niveau][1]
    return pl.DataFrame({
        "niveau": [niveau] * len(features),
        "code": [f["properties"][code_prop] for f in features],
        "geojson": [json.dumps(f["geometry"], separators=(",", ":")) for f in features],
    })


def load_reference(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> None:
    """Replace the content of ref_region, ref_departement, ref_zone_emploi, ref_commune,
    ref_commune_alias and ref_geometrie with the committed reference files (ref_smic and
    ref_regle are left alone)."""
    directory = Path(directory) if directory else REFERENCE_DIR
    missing = [name for name in TABLE_FILES.values() if not (directory / name).exists()]
    if missing:
        raise ErreurReference(f"fichiers de référence manquants dans {directory} : {', '.join(missing)} "
                             "(lancer python -m pipelines.prepare_reference)")
    geometries = pl.concat([geometry_rows(niveau, directory) for niveau in GEOMETRIES])
    con.begin()
    try:
        for table in (*TABLE_FILES, "ref_geometrie"):
            con.execute(sql_ecriture("reference_vider", table=table))
        for table, name in TABLE_FILES.items():
            con.read_parquet(str(directory / name)).insert_into(table)
        con.from_arrow(geometries.to_arrow()).insert_into("ref_geometrie")
        con.commit()
    except Exception:
        con.rollback()
        raise
