-- COPIL pack: flags recorded at ingestion on the département's rows (restructurations and aids
-- located in it, its conventions and funds), one row per flag code with a count and examples.
WITH lignes AS (
    SELECT s.code, s.message, s.dataset, s.cle
    FROM signalements AS s
    WHERE (s.dataset = 'conventions' AND s.cle IN (SELECT id_convention FROM conventions WHERE departement = $departement))
       OR (s.dataset = 'fonds' AND s.cle IN (SELECT id_fonds FROM fonds WHERE departement = $departement))
       OR (s.dataset = 'aides' AND s.cle IN (
              SELECT a.id_aide FROM aides AS a JOIN ref_commune AS c USING (code_commune)
              WHERE c.code_departement = $departement))
       OR (s.dataset = 'restructurations' AND s.cle IN (
              SELECT r.id_restructuration FROM restructurations AS r JOIN ref_commune AS c USING (code_commune)
              WHERE c.code_departement = $departement))
)
SELECT code, dataset, count(*) AS nb, min(message) AS exemple, string_agg(DISTINCT cle, ', ' ORDER BY cle) AS cles
FROM lignes
GROUP BY code, dataset
ORDER BY nb DESC, code
