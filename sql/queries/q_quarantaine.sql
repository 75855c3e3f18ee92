-- Rejected rows with their French message, optionally of one batch, latest batches first.
-- Firm-level rows: those of the viewer's départements ($perimetre_departements, bound by the door),
-- and the rows of the batches the viewer loaded ($perimetre_email), whatever their département.
SELECT q.batch_id, q.dataset, q.fichier, q.ligne, q.colonne, q.valeur, q.message, q.cle, q.departement,
       q.corrige_par_batch
FROM quarantine AS q
LEFT JOIN ingestion_log AS l USING (batch_id)
WHERE ($batch_id IS NULL OR q.batch_id = $batch_id)
  AND ($perimetre_departements::VARCHAR[] IS NULL
       OR list_contains($perimetre_departements::VARCHAR[], q.departement)
       OR (l.utilisateur = $perimetre_email AND $perimetre_email <> ''))
ORDER BY l.started_at DESC NULLS LAST, q.fichier, q.ligne, q.colonne
