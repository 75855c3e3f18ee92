-- COPIL pack: headline figures of one département for a year range (NULL bound = open).
SELECT k.*
FROM kpi_departement_f($annee_debut, $annee_fin, $operateur, $type_aide, $type_procedure) AS k
WHERE k.code_departement = $departement
