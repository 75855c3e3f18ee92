-- Pooled funds under the year and instrument filters, optionally those of one département.
SELECT k.*
FROM kpi_fonds_f($annee_debut, $annee_fin, $type_aide) AS k
WHERE $departement IS NULL OR k.departement = $departement
ORDER BY k.departement, k.nom
