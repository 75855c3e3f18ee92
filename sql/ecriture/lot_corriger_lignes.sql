-- pipelines.loader: rows of the batch whose key is already in the table correct that row in place.
-- An UPDATE of the non-key columns rather than DELETE + INSERT: deleting and re-inserting the same
-- primary keys in one transaction makes DuckDB's commit rebuild the key index (15 s for
-- 1 000 000 follow-ups on the ×10 warehouse; 0,7 s this way).
-- {table}; {affectations}: `c = n.c` for each non-key column, {correspondance}: the key columns
-- compared, both built by core.sql from the contract (never user input).
UPDATE {table} SET {affectations} FROM _lot_valid n WHERE {correspondance}
