-- pipelines.refresh: the derived tables are refreshed, what the batch touched is forgotten.
DROP TABLE IF EXISTS temp._lot_touches
