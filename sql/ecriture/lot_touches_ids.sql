-- pipelines.refresh: the ids of one nature the batch touched, each once, in order (bound as values
-- by a small batch's refresh): the same batch always gives the same lists, whatever DuckDB's threads did.
SELECT DISTINCT id FROM temp._lot_touches WHERE nature = $nature AND id IS NOT NULL ORDER BY id
