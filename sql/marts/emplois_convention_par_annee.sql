-- Jobs attributed to each convention as known at the end of each year (cumulative, from the
-- follow-up dates; fund aids pro rata of dotations), from the first year with a signature or a
-- follow-up to the last one. The last year's figure equals kpi_convention.emplois_crees_attribues.
CREATE OR REPLACE VIEW emplois_convention_par_annee AS
WITH par_financeur AS (
    SELECT id_convention, id_fonds, annee, sum(delta) AS delta
    FROM int_suivi_deltas
    GROUP BY id_convention, id_fonds, annee
), deltas AS (
    SELECT id_convention, annee, sum(delta) AS delta
    FROM (
        SELECT id_convention, annee, delta FROM par_financeur WHERE id_convention IS NOT NULL
        UNION ALL
        SELECT p.id_convention, f.annee, p.part * f.delta
        FROM par_financeur f
        JOIN int_affectation_fonds p ON p.id_fonds = f.id_fonds
        WHERE f.id_convention IS NULL
    )
    GROUP BY id_convention, annee
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
