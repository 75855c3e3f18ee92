-- Job follow-ups; `delta` = jobs added since the aid's previous follow-up (the first counts from 0),
-- so the sum of deltas up to a date is the cumulative count known at that date.
CREATE OR REPLACE VIEW stg_suivi_emplois AS
SELECT
    id_aide,
    date_constat,
    year(date_constat) AS annee,
    emplois_crees,
    emplois_crees - coalesce(lag(emplois_crees) OVER (PARTITION BY id_aide ORDER BY date_constat), 0) AS delta
FROM suivi_emplois
