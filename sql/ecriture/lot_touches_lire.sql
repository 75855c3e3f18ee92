-- pipelines.refresh: how many ids of each nature the batch touched (run only when lot_touches_existe).
SELECT nature, count(DISTINCT id) FROM temp._lot_touches WHERE id IS NOT NULL GROUP BY nature
