-- pipelines.loader: the valid rows of the batch (by position _i) whose key is already in the table,
-- and whether each brings the values the table holds and has no flag there (`inchangee`: an office
-- sending its whole file again changes only the rows it edited; those are left as they are).
-- {table}: a dataset of the contract; {correspondance}: its key columns compared, {identiques}:
-- its other columns compared (`IS NOT DISTINCT FROM`), both built by core.sql from the contract's
-- columns (never user input). One join: the columns are compared only for the keys found.
SELECT n._i,
       {identiques} AND n.cle NOT IN (SELECT cle FROM signalements WHERE dataset = $dataset) AS inchangee
FROM _lot_valid n JOIN {table} ON {correspondance}
