"""The map's geometry: the framings (metropolitan France, each DROM) and light GeoJSON for the browser.

Why apart from maps.py: maps.py turns figures into a coloured choropleth; this module prepares the
shapes it draws (which framing a territory belongs to, coverage simplification keeping shared
borders, the subset of one framing). Pure functions on GeoJSON dicts, no Streamlit, no SQL.
"""
from __future__ import annotations

# Views: metropolitan France and each DROM (centre, zoom, bounding box lon/lat for features).
CADRAGES = {
    "metropole": ("France métropolitaine", {"lat": 46.5, "lon": 2.5}, 4.75, (-5.8, 10.0, 41.0, 51.6)),
    "971": ("Guadeloupe", {"lat": 16.2, "lon": -61.45}, 8.2, (-62.0, -60.8, 15.7, 16.7)),
    "972": ("Martinique", {"lat": 14.64, "lon": -61.0}, 8.9, (-61.4, -60.6, 14.2, 15.0)),
    "973": ("Guyane", {"lat": 4.0, "lon": -53.1}, 5.8, (-55.0, -51.0, 1.5, 6.0)),
    "974": ("La Réunion", {"lat": -21.12, "lon": 55.53}, 8.6, (55.0, 56.0, -21.6, -20.7)),
    "976": ("Mayotte", {"lat": -12.82, "lon": 45.14}, 9.4, (44.8, 45.5, -13.2, -12.4)),
}


def _premier_point(geometrie: dict) -> tuple[float, float]:
    coords = geometrie["coordinates"]
    while isinstance(coords[0], list):
        coords = coords[0]
    return float(coords[0]), float(coords[1])


def cadrage_de(feature: dict) -> str | None:
    """The view (metropole or a DROM code) a feature belongs to, from one of its vertices."""
    lon, lat = _premier_point(feature["geometry"])
    for cle, (_, _, _, (x0, x1, y0, y1)) in CADRAGES.items():
        if x0 <= lon <= x1 and y0 <= lat <= y1:
            return cle
    return None


def _simplifier(features: list[dict], tolerance: float) -> None:
    """Coverage simplification in place: neighbours keep a shared border (no gaps, no overlaps),
    exterior rings stay clockwise as Plotly expects."""
    import numpy as np
    import shapely
    from shapely.geometry import mapping, shape

    if not features or tolerance <= 0:
        return
    geometries = np.array([shape(f["geometry"]) for f in features])
    simples = shapely.orient_polygons(shapely.coverage_simplify(geometries, tolerance), exterior_cw=True)
    for f, g in zip(features, simples):
        if not g.is_empty:
            f["geometry"] = mapping(g)


def alleger(geojson: dict, tolerance: float = 0.01) -> dict:
    """Keep only what the map needs: feature id and geometry, plus the view each feature belongs
    to; metropolitan polygons are simplified further (`tolerance` in degrees, about 1 km:
    below a pixel at the default zoom), which halves what the browser receives. The DROM,
    shown zoomed in, keep their geometry."""
    features = []
    for f in geojson["features"]:
        fid = f.get("id") or next(iter(f.get("properties", {}).values()))
        features.append({"type": "Feature", "id": str(fid), "geometry": f["geometry"],
                         "properties": {"cadrage": cadrage_de(f)}})
    _simplifier([f for f in features if f["properties"]["cadrage"] == "metropole"], tolerance)
    return {"type": "FeatureCollection", "features": features}


def geojson_depuis_lignes(codes: list[str], geometries: list[str]) -> dict:
    """FeatureCollection from (code, geometry-as-GeoJSON-text) rows (table ref_geometrie)."""
    import json

    return alleger({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": c, "geometry": json.loads(g), "properties": {}}
        for c, g in zip(codes, geometries)]})


def geojson_cadrage(geojson: dict, cadrage: str) -> dict:
    """Only the features drawn in one view (the figure stays light)."""
    return {"type": "FeatureCollection",
            "features": [f for f in geojson["features"] if f["properties"].get("cadrage") == cadrage]}


class Partage(dict):
    """A FeatureCollection that deep-copies as itself. st.plotly_chart deep-copies the whole figure
    (`fig.to_dict()`) before writing its JSON: every coordinate of every polygon, about half of the
    Carte page's run. Nothing modifies the polygons (the copy is only serialised), so they are shared."""

    def __deepcopy__(self, memo):
        return self


def sous_ensemble(geojson: dict, codes: set[str]) -> dict:
    return Partage(type="FeatureCollection", features=[f for f in geojson["features"] if f["id"] in codes])
