-- COPIL pack: jobs and euros by year for the département, up to the COPIL year.
SELECT *
FROM serie_annuelle_f('departement', $departement, $annee_debut, $annee_fin, $operateur, $type_aide, $type_procedure)
ORDER BY annee
