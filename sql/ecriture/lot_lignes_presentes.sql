-- pipelines.loader: which valid rows of the batch have a key already in the table (corrections),
-- and whether they bring the values the table already holds (`identique`: an office sending its
-- whole file again changes only the rows it edited) and have no flag in the table.
-- {table}: a dataset of the contract; {correspondance}: its key columns compared, {identiques}:
-- its other columns compared (`IS NOT DISTINCT FROM`), both built by core.sql from the contract's
-- columns (never user input).
SELECT n.cle,
       ({identiques}) AND n.cle NOT IN (SELECT cle FROM signalements WHERE dataset = $dataset) AS identique
FROM _lot_valid n JOIN {table} ON {correspondance}
