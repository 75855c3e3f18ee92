-- COPIL pack: pooled funds of one département for a year range, optionally one fund or the funds
-- a given convention paid into.
SELECT k.*
FROM kpi_fonds_f($annee_debut, $annee_fin, $type_aide) AS k
WHERE k.departement = $departement
  AND ($fonds IS NULL OR k.id_fonds = $fonds)
  AND ($convention IS NULL OR k.id_fonds IN (SELECT d.id_fonds FROM dotations AS d WHERE d.id_convention = $convention))
ORDER BY k.emplois_crees DESC NULLS LAST, k.nom
