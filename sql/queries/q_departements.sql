-- Figures per département under the sidebar filters, optionally within one région or of one
-- département (NULL bound = no filter).
SELECT k.*
FROM kpi_departement_f($annee_debut, $annee_fin, $operateur, $type_aide, $type_procedure) AS k
JOIN ref_departement AS d ON d.code_departement = k.code_departement
WHERE ($code_region IS NULL OR d.code_region = $code_region)
  AND ($code_departement IS NULL OR k.code_departement = $code_departement)
ORDER BY k.code_departement
