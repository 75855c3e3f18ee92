-- COPIL pack: provenance of the warehouse (batches, bundled sample or not) and rows still in quarantine.
SELECT
    (SELECT count(*) FROM ingestion_log) AS nb_lots,
    (SELECT count(*) FROM ingestion_log
      WHERE replace(source, '\', '/') LIKE '%data/sample%') AS nb_lots_echantillon,
    (SELECT max(finished_at) FROM ingestion_log) AS dernier_chargement,
    (SELECT count(*) FROM quarantine WHERE corrige_par_batch IS NULL) AS nb_rejets_ouverts
