-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- Conventions under the sidebar filters, optionally those of one département or région, one
-- convention, or the conventions that paid into a given fund (NULL bound = no filter).
SELECT k.*
FROM kpi_convention_f($annee_debut, $annee_fin, $operateur, $type_procedure) AS k
LEFT JOIN ref_departement AS d ON d.code_departement = k.departement
WHERE ($departement IS NULL OR k.departement = $departement)
  AND ($code_region IS NULL OR d.code_region = $code_region)
  AND ($convention IS NULL OR k.id_convention = $convention)
  AND ($fonds IS NULL OR k.id_convention IN (SELECT d.id_convention FROM dotations AS d WHERE d.id_fonds = $fonds))
  AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], k.departement))
ORDER BY k.date_signature DESC, k.id_convention
