-- pipelines.loader: the batch's valid rows of one dataset.
-- {table}, {colonnes}: a dataset of the contract and its table's columns (never user input).
INSERT INTO {table} ({colonnes}) SELECT {colonnes} FROM _lot_valid
