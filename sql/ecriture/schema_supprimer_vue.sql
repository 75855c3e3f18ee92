-- pipelines.schema: a warehouse built before {vue} became a table holds a view of that name.
-- {vue}: the name of a file of sql/ (never user input).
DROP VIEW {vue}
