-- pipelines.refresh: where a batch notes what it touched (temporary: it lives in the batch's
-- connection and transaction, and is dropped once the derived tables are refreshed).
CREATE TEMP TABLE IF NOT EXISTS _lot_touches (nature VARCHAR, id VARCHAR)
