-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- COPIL pack: one convention's attributed jobs as known at the end of each year (cumulative, by
-- follow-up date) and the jobs recorded during the year, up to the COPIL year.
SELECT annee,
       emplois_crees_attribues - coalesce(lag(emplois_crees_attribues) OVER (ORDER BY annee), 0) AS emplois_crees,
       emplois_crees_attribues AS emplois_crees_cumul
FROM emplois_convention_par_annee
WHERE id_convention = $convention AND annee <= $annee_fin
  AND id_convention IN (SELECT id_convention FROM stg_conventions WHERE ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], departement)))
ORDER BY annee
