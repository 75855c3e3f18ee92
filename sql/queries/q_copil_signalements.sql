-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- COPIL pack: flags recorded at ingestion that concern the département (located in it, or on its
-- conventions and funds), optionally only those of one fund or one convention; one row per flag
-- code and dataset, with a count, a message and the keys.
SELECT code, dataset, count(*) AS nb, min(message) AS exemple,
       string_agg(DISTINCT cle, ', ' ORDER BY cle) AS cles
FROM qualite_signalements
WHERE (code_departement = $departement
       OR id_convention IN (SELECT id_convention FROM conventions WHERE departement = $departement)
       OR id_fonds IN (SELECT id_fonds FROM fonds WHERE departement = $departement))
  AND ($fonds IS NULL OR id_fonds = $fonds)
  AND ($convention IS NULL OR id_convention = $convention)
  AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], $departement))
GROUP BY code, dataset
ORDER BY nb DESC, code, dataset
