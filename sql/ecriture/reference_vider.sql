-- core.reference.load_reference: a reference table is replaced as a whole.
-- {table}: a table of core.reference.TABLE_FILES or ref_geometrie (fixed names, never user input).
DELETE FROM {table}
