-- pipelines.loader: the batch's flags (signalements)
INSERT INTO signalements (dataset, cle, code, colonne, message, batch_id, fichier, ligne)
SELECT dataset, cle, code, colonne, message, $batch_id, fichier, ligne FROM _lot_signalements
