-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- COPIL pack: pooled funds of one département for a year range, optionally one fund or the funds
-- a given convention paid into.
SELECT k.*
FROM kpi_fonds_f($annee_debut, $annee_fin, $type_aide) AS k
WHERE k.departement = $departement AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], k.departement))
  AND ($fonds IS NULL OR k.id_fonds = $fonds)
  AND ($convention IS NULL OR k.id_fonds IN (SELECT d.id_fonds FROM dotations AS d WHERE d.id_convention = $convention))
ORDER BY k.emplois_crees DESC NULLS LAST, k.nom
