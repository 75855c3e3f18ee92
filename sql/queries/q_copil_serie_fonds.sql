-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- COPIL pack: one fund's jobs created as known at the end of each year (cumulative, by follow-up
-- date) and the jobs recorded during the year, up to the COPIL year.
SELECT annee,
       emplois_crees - coalesce(lag(emplois_crees) OVER (ORDER BY annee), 0) AS emplois_crees,
       emplois_crees AS emplois_crees_cumul
FROM emplois_fonds_par_annee
WHERE id_fonds = $fonds AND annee <= $annee_fin AND id_fonds IN (SELECT id_fonds FROM stg_fonds WHERE ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], departement)))
ORDER BY annee
