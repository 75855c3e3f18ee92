-- pipelines.refresh: whether a batch noted what it touched in this connection.
SELECT count(*) > 0 FROM duckdb_tables() WHERE temporary AND table_name = '_lot_touches'
