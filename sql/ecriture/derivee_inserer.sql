-- pipelines.refresh: the same rows computed again from the data tables. The placeholders are the
-- derived table, the SELECT of its own file in sql/ (never user input) without its final ORDER BY
-- (pipelines.refresh.requete: a filter above an ORDER BY is not pushed below it, and the rows are
-- appended in no particular order) and, as in derivee_supprimer, the IN lists of bound values,
-- which DuckDB pushes down to the data tables' scans, so only the rows concerned are computed.
INSERT INTO {table} BY NAME SELECT * FROM ({requete}) AS recalcul WHERE {predicat}
