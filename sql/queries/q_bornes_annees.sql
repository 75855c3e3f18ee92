-- First and last year present in the data (notifications, signatures, aid decisions).
SELECT min(annee)::INTEGER AS annee_min, max(annee)::INTEGER AS annee_max
FROM (
    SELECT year(date_notification) AS annee FROM restructurations
    UNION ALL SELECT year(date_signature) FROM conventions
    UNION ALL SELECT year(date_decision) FROM aides
)
