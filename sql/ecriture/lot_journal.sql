-- pipelines.loader: one line of ingestion_log per batch (who loaded it: lot_journal_utilisateur)
INSERT INTO ingestion_log (batch_id, source, fichiers, content_hash, nb_charges, nb_rejetes, nb_signales, detail,
                           started_at, finished_at)
VALUES ($batch_id, $source, $fichiers, $empreinte, $nb_charges, $nb_rejetes, $nb_signales, $detail, $debut, $fin)
