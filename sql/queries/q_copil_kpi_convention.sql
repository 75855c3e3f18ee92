-- COPIL pack: conventions of one département signed in a year range, optionally one convention
-- or the conventions that paid into a given fund.
SELECT k.*
FROM kpi_convention_f($annee_debut, $annee_fin, $operateur, $type_procedure) AS k
WHERE k.departement = $departement
  AND ($convention IS NULL OR k.id_convention = $convention)
  AND ($fonds IS NULL OR k.id_convention IN (SELECT d.id_convention FROM dotations AS d WHERE d.id_fonds = $fonds))
ORDER BY k.date_signature DESC, k.id_convention
