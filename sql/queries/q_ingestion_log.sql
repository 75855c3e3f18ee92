-- Load history, latest first, with who loaded each batch.
SELECT batch_id, source, fichiers, nb_charges, nb_rejetes, nb_signales, detail, started_at, finished_at,
       utilisateur, role
FROM ingestion_log
ORDER BY started_at DESC
