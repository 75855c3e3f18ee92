-- One row per aid with its jobs created = emplois_crees of its latest follow-up (0 when none),
-- without geography: what attribution to conventions and funds needs, kept light.
-- TABLE, rebuilt by pipelines.warehouse.refresh_derived after every batch.
-- incrémental : aide = id_aide
CREATE OR REPLACE TABLE int_aide_resultats AS
WITH dernier AS (
    SELECT
        id_aide,
        arg_max(emplois_crees, date_constat) AS emplois_crees,
        max(date_constat) AS date_dernier_constat,
        count(*) AS nb_constats
    FROM stg_suivi_emplois
    GROUP BY id_aide
)
SELECT
    a.*,
    coalesce(d.emplois_crees, 0) AS emplois_crees,
    d.date_dernier_constat,
    coalesce(d.nb_constats, 0) AS nb_constats
FROM stg_aides a
LEFT JOIN dernier d ON d.id_aide = a.id_aide
-- in id order: full row groups, the partial one last, so appending a refreshed row rewrites only it
ORDER BY a.id_aide
