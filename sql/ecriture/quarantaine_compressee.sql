-- pipelines.loader.migrer: whether quarantine already has its definition of
-- sql/ddl/03_ingestion_tables.sql, its raw rows compressed with ZSTD (DuckDB keeps the CREATE
-- statement it was given; a compression cannot be changed by ALTER TABLE).
SELECT count(*) > 0 FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'quarantine'
  AND contains(upper(sql), 'USING COMPRESSION ZSTD')
