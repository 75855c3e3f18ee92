-- pipelines.loader: who loaded the batch (e-mail, 'local' in local mode) and their role
UPDATE ingestion_log SET utilisateur = $utilisateur, role = $role WHERE batch_id = $batch_id
