-- pipelines.loader.existing_rows: key and rule-relevant columns of the rows already loaded.
-- {colonnes}, {table}: names from the data contract (pipelines/contract.py), never user input.
SELECT {colonnes} FROM {table}
