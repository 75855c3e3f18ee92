-- Jobs added by each aid in each year: the increase of its cumulative follow-up over the previous
-- follow-up (the first counts from 0). Summed up to a year, it gives the count known at the end of
-- that year; summed over all years, the latest follow-up (int_aides.emplois_crees).
-- TABLE, rebuilt by pipelines.warehouse.refresh_derived after every batch.
-- incrémental : aide = id_aide
CREATE OR REPLACE TABLE int_suivi_deltas AS
WITH deltas AS (
    SELECT
        id_aide,
        annee,
        emplois_crees - coalesce(lag(emplois_crees) OVER (PARTITION BY id_aide ORDER BY date_constat), 0)
            AS delta
    FROM stg_suivi_emplois
), par_annee AS (   -- summed per aid and year before the aid's convention and fund are joined
    SELECT id_aide, annee, sum(delta) AS delta FROM deltas GROUP BY id_aide, annee   -- (0,2 s less)
)
SELECT d.id_aide, a.id_convention, a.id_fonds, d.annee, d.delta
FROM par_annee d
JOIN stg_aides a ON a.id_aide = d.id_aide
-- in id order: full row groups, the partial one last, so appending a refreshed row rewrites only it
ORDER BY id_aide, annee
