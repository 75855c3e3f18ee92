-- Jobs attributed to each convention as known at the end of each year (cumulative, from the
-- follow-up dates), from the first year with a signature or follow-up to the last one.
-- The last year's figure equals kpi_convention.emplois_crees_attribues.
CREATE OR REPLACE VIEW emplois_convention_par_annee AS
WITH deltas AS (
    SELECT t.id_convention, s.annee, sum(t.part * s.delta) AS delta
    FROM int_attribution t
    JOIN stg_suivi_emplois s ON s.id_aide = t.id_aide
    GROUP BY t.id_convention, s.annee
), bornes AS (
    SELECT c.id_convention,
           least(min(c.annee), min(d.annee)) AS premiere,
           greatest(max(c.annee), max(d.annee)) AS derniere
    FROM stg_conventions c
    LEFT JOIN deltas d ON d.id_convention = c.id_convention
    GROUP BY c.id_convention
), annees AS (
    SELECT id_convention, unnest(range(premiere, derniere + 1)) AS annee
    FROM bornes
)
SELECT
    y.id_convention,
    y.annee,
    sum(coalesce(d.delta, 0)) OVER (PARTITION BY y.id_convention ORDER BY y.annee)::DOUBLE
        AS emplois_crees_attribues
FROM annees y
LEFT JOIN deltas d ON d.id_convention = y.id_convention AND d.annee = y.annee
ORDER BY y.id_convention, y.annee
