-- pipelines.refresh: the same rows computed again from the data tables. The placeholders are the
-- derived table, the SELECT of its own file in sql/ (never user input) and, as in
-- derivee_supprimer, the IN lists of bound values, which DuckDB pushes down to the data tables'
-- scans, so only the rows concerned are computed; then the file's final ORDER BY, if any
-- (pipelines.refresh.requete: a filter above an ORDER BY is not pushed below it).
INSERT INTO {table} BY NAME SELECT * FROM ({requete}) AS recalcul WHERE {predicat} {ordre}
