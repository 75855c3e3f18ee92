-- Job follow-ups (cumulative jobs created at each date), with the follow-up year.
CREATE OR REPLACE VIEW stg_suivi_emplois AS
SELECT
    id_aide,
    date_constat,
    year(date_constat) AS annee,
    emplois_crees
FROM suivi_emplois
