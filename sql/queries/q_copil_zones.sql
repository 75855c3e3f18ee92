-- COPIL pack: figures of every zone d'emploi touching the département (zones crossing a border
-- keep their whole-zone figures), with the list of départements each zone touches.
SELECT k.*, z.departements, z.code_departement AS departement_principal
FROM kpi_zone_emploi_f($annee_debut, $annee_fin, $operateur, $type_aide, $type_procedure) AS k
JOIN ref_zone_emploi AS z ON z.code_ze = k.code_ze
WHERE list_contains(string_split(z.departements, ';'), $departement)
ORDER BY k.emplois_crees DESC NULLS LAST, k.code_ze
