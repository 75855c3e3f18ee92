-- COPIL pack: one convention's attributed jobs as known at the end of each year (cumulative, by
-- follow-up date) and the jobs recorded during the year, up to the COPIL year.
SELECT annee,
       emplois_crees_attribues - coalesce(lag(emplois_crees_attribues) OVER (ORDER BY annee), 0) AS emplois_crees,
       emplois_crees_attribues AS emplois_crees_cumul
FROM emplois_convention_par_annee
WHERE id_convention = $convention AND annee <= $annee_fin
ORDER BY annee
