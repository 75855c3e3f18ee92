-- Data-quality warnings on loaded rows (qualite_signalements), optionally of one code, with
-- the identifiers they resolve to.
SELECT s.code, s.dataset, s.cle, s.message, s.colonne, s.fichier, s.ligne, s.batch_id,
       s.id_convention, s.id_fonds, s.id_aide, s.id_restructuration, s.code_departement, s.code_ze
FROM qualite_signalements AS s
WHERE $code IS NULL OR s.code = $code
ORDER BY s.code, s.dataset, s.cle
