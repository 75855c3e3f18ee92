-- Simplified polygons of one map level (GeoJSON text per code), for the choropleth.
SELECT code, geojson
FROM ref_geometrie
WHERE niveau = $niveau
ORDER BY code
