-- Firm-level rows: only those located in the viewer's départements ($perimetre_departements, bound by the door).
-- Data-quality warnings on loaded rows (qualite_signalements), optionally of one code, with
-- the identifiers they resolve to.
SELECT s.code, s.dataset, s.cle, s.message, s.colonne, s.fichier, s.ligne, s.batch_id,
       s.id_convention, s.id_fonds, s.id_aide, s.id_restructuration, s.code_departement, s.code_ze
FROM qualite_signalements AS s
WHERE ($code IS NULL OR s.code = $code)
  AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], s.code_departement))
ORDER BY s.code, s.dataset, s.cle
