-- pipelines.build, pipelines.ingest: write the WAL into the file before it is renamed over the live one
CHECKPOINT
