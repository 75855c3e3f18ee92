-- pipelines.loader: rejected rows of earlier batches corrected by this one are marked so
UPDATE quarantine SET corrige_par_batch = $batch_id
WHERE dataset = $dataset AND batch_id <> $batch_id AND corrige_par_batch IS NULL
  AND cle IN (SELECT cle FROM _lot_valid)
