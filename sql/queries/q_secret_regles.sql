-- The statistical-secrecy thresholds in force (ref_regle): minimum number of units per published
-- cell and the largest unit's maximum share (percent) of a cell's value.
SELECT
    max(CASE WHEN cle = 'secret_frequence_min' THEN CAST(valeur AS DOUBLE) END) AS frequence_min,
    max(CASE WHEN cle = 'secret_dominance_pct' THEN CAST(valeur AS DOUBLE) END) AS dominance_pct,
    max(CASE WHEN cle = 'secret_date_effet' THEN valeur END) AS date_effet
FROM ref_regle
