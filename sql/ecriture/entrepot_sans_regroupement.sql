-- pipelines.ingest, before the CHECKPOINT of a batch of at least one row group's worth of rows:
-- no merging of row groups (DuckDB's vacuum), which would compress again every row just written
SET max_vacuum_tasks = 0
