-- pipelines.refresh: what the batch touched, each id once, in order (run only when lot_touches_existe):
-- the same batch always gives the same lists, whatever DuckDB's threads did.
SELECT DISTINCT nature, id FROM temp._lot_touches WHERE id IS NOT NULL ORDER BY nature, id
