-- pipelines.loader: the batch's rejected rows, with file, row, column, French message and département
INSERT INTO quarantine (batch_id, dataset, fichier, ligne, colonne, valeur, message, cle, departement, donnees_brutes)
SELECT $batch_id, dataset, fichier, ligne, colonne, valeur, message, cle, departement, donnees_brutes FROM _lot_rejected
