-- pipelines.loader: which valid rows of the batch already in the table bring the values it holds
-- (an office sending its whole file again changes only the rows it edited) and have no flag in
-- the table: those are left as they are. {table}: a dataset of the contract; {correspondance}: its
-- key columns compared, {identiques}: its other columns compared (`IS NOT DISTINCT FROM`), both
-- built by core.sql from the contract's columns (never user input).
SELECT n.cle FROM _lot_valid n JOIN {table} ON {correspondance}
WHERE {identiques} AND n.cle NOT IN (SELECT cle FROM signalements WHERE dataset = $dataset)
