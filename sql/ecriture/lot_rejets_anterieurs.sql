-- pipelines.loader.earlier_rejections: keys rejected by earlier batches and never corrected, and where
SELECT q.dataset, q.cle,
       string_agg(q.fichier || ', ligne ' || q.ligne || ', lot ' || q.batch_id
                  || ' chargé le ' || strftime(l.started_at, '%d/%m/%Y'), ' ; ' ORDER BY q.batch_id, q.fichier, q.ligne)
           AS _where
FROM quarantine q JOIN ingestion_log l USING (batch_id)
WHERE q.corrige_par_batch IS NULL AND q.cle IS NOT NULL
GROUP BY q.dataset, q.cle
