-- Rejected rows with their French message, optionally of one batch, latest batches first.
SELECT q.batch_id, q.dataset, q.fichier, q.ligne, q.colonne, q.valeur, q.message, q.cle, q.corrige_par_batch
FROM quarantine AS q
LEFT JOIN ingestion_log AS l USING (batch_id)
WHERE $batch_id IS NULL OR q.batch_id = $batch_id
ORDER BY l.started_at DESC NULLS LAST, q.fichier, q.ligne, q.colonne
