-- pipelines.loader: which valid rows of the batch have a key already in the table (corrections).
-- {table}: a dataset of the contract; {correspondance}: its key columns compared, built by
-- core.sql.correspondance from the contract's key (never user input).
SELECT n.cle FROM _lot_valid n WHERE EXISTS (SELECT 1 FROM {table} WHERE {correspondance})
