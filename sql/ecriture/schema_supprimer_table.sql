-- pipelines.schema: a warehouse built before {table} became a view holds a table of that name.
-- {table}: the name of a file of sql/ (never user input).
DROP TABLE {table}
