-- pipelines.loader.charger_lot: a batch with the same files was already loaded
SELECT batch_id FROM ingestion_log WHERE content_hash = $empreinte
