-- How many of the filtered conventions commit at least the legal minimum contribution.
SELECT
    count(*) AS nb_conventions,
    count(*) FILTER (WHERE k.conforme_minimum) AS nb_conformes,
    count(*) FILTER (WHERE k.conforme_minimum) / nullif(count(*), 0) AS part_conformes,
    sum(k.montant_engage) AS montant_engage,
    sum(k.contribution_minimale) AS contribution_minimale
FROM kpi_convention_f($annee_debut, $annee_fin, $operateur, $type_procedure) AS k
LEFT JOIN ref_departement AS d ON d.code_departement = k.departement
WHERE ($departement IS NULL OR k.departement = $departement)
  AND ($code_region IS NULL OR d.code_region = $code_region)
