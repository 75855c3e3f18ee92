-- pipelines.loader: one line of ingestion_log per batch
INSERT INTO ingestion_log VALUES ($batch_id, $source, $fichiers, $empreinte, $nb_charges, $nb_rejetes,
                                  $nb_signales, $detail, $debut, $fin)
