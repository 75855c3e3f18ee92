-- COPIL pack: one fund's jobs created as known at the end of each year (cumulative, by follow-up
-- date) and the jobs recorded during the year, up to the COPIL year.
SELECT annee,
       emplois_crees - coalesce(lag(emplois_crees) OVER (ORDER BY annee), 0) AS emplois_crees,
       emplois_crees AS emplois_crees_cumul
FROM emplois_fonds_par_annee
WHERE id_fonds = $fonds AND annee <= $annee_fin
ORDER BY annee
