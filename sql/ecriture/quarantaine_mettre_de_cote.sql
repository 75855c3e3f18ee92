-- pipelines.loader.migrer: quarantine as built before its raw rows were compressed with ZSTD is
-- set aside, the table is created again from sql/ddl/03_ingestion_tables.sql, then
-- quarantaine_reprendre moves every row into it (in the batch's transaction: all or nothing).
ALTER TABLE quarantine RENAME TO _quarantine_avant_zstd
