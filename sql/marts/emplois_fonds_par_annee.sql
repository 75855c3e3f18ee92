-- Jobs created by each fund's aids as known at the end of each year (cumulative, from the
-- follow-up dates), from the fund's first year (creation, aid decision or follow-up) to its last.
-- The last year's figure equals kpi_fonds.emplois_crees.
CREATE OR REPLACE VIEW emplois_fonds_par_annee AS
WITH deltas AS (
    SELECT id_fonds, annee, sum(delta) AS delta
    FROM int_suivi_deltas
    WHERE id_fonds IS NOT NULL
    GROUP BY id_fonds, annee
), evenements AS (
    SELECT id_fonds, year(date_creation) AS annee FROM stg_fonds WHERE date_creation IS NOT NULL
    UNION ALL
    SELECT id_fonds, annee FROM stg_aides WHERE id_fonds IS NOT NULL
    UNION ALL
    SELECT id_fonds, annee FROM deltas
), annees AS (
    SELECT id_fonds, unnest(range(min(annee), max(annee) + 1)) AS annee
    FROM evenements
    GROUP BY id_fonds
)
SELECT
    y.id_fonds,
    y.annee,
    CAST(sum(coalesce(d.delta, 0)) OVER (PARTITION BY y.id_fonds ORDER BY y.annee) AS BIGINT)
        AS emplois_crees
FROM annees y
LEFT JOIN deltas d ON d.id_fonds = y.id_fonds AND d.annee = y.annee
ORDER BY y.id_fonds, y.annee
