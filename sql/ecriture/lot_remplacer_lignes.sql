-- pipelines.loader: rows of the batch replace the rows with the same key (corrections).
-- {table}: a dataset of the contract; {correspondance}: its key columns compared, built by
-- core.sql.correspondance from the contract's key (never user input).
DELETE FROM {table} USING _lot_valid n WHERE {correspondance}
