-- pipelines.loader: the batch's valid rows of one dataset; a row whose key is already in the
-- table replaces it (a correction). One upsert rather than DELETE + INSERT: deleting and
-- re-inserting the same primary keys in one transaction makes DuckDB's commit rebuild the key
-- index (15 s for 1 000 000 follow-ups on the ×10 warehouse, 0,4 s this way).
-- {table}, {colonnes}: a dataset of the contract and its table's columns (never user input).
INSERT OR REPLACE INTO {table} ({colonnes}) SELECT {colonnes} FROM _lot_valid
