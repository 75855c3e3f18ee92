-- pipelines.refresh: the rows of a derived table about what the batch touched. The placeholders
-- are the derived table (named by its file in sql/) and `colonne IN (?, …) OR …` over the columns
-- its file declares (`-- incrémental :`), built by core.sql.appartenance, values bound.
DELETE FROM {table} WHERE {predicat}
