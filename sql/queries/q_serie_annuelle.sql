-- Jobs, euros and counts by year for France or one territory under the sidebar filters.
SELECT * FROM serie_annuelle_f($niveau, $code, $annee_debut, $annee_fin, $operateur, $type_aide, $type_procedure) ORDER BY annee
