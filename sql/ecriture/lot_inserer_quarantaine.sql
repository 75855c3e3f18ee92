-- pipelines.loader: the batch's rejected rows, with file, row, column and French message
INSERT INTO quarantine (batch_id, dataset, fichier, ligne, colonne, valeur, message, cle, donnees_brutes)
SELECT $batch_id, dataset, fichier, ligne, colonne, valeur, message, cle, donnees_brutes FROM _lot_rejected
