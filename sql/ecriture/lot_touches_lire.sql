-- pipelines.refresh: what the batch touched, each id once (run only when lot_touches_existe).
SELECT DISTINCT nature, id FROM temp._lot_touches WHERE id IS NOT NULL
