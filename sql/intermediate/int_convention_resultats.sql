-- One row per convention with everything that does not depend on the legal rules: its
-- restructuring (company, procedure, notification, site geography, jobs cut) and the jobs and euros
-- attributed to it (direct aids + pro-rata share of fund aids, same figures as summing
-- int_attribution row by row). TABLE, rebuilt by pipelines.warehouse.refresh_derived after every
-- batch; int_conventions adds the dated SMIC and the compliance flags on top, live from ref_regle.
-- incrémental : convention = id_convention
CREATE OR REPLACE TABLE int_convention_resultats AS
WITH par_aide AS (
    -- Aid totals per direct convention and per fund, then fund totals shared out by the parts
    -- (without expanding every fund aid into one row per contributing convention).
    -- From int_aides (created before this table, its jobs created already resolved): no join of
    -- every aid with its follow-ups here (int_aides refreshes first the aids a batch touches).
    SELECT id_convention, id_fonds,
           sum(montant_revitalisation) AS montant, sum(emplois_prevus) AS prevus,
           sum(emplois_crees) AS crees, count(*) AS nb
    FROM int_aides
    GROUP BY id_convention, id_fonds
), attribue AS (
    SELECT id_convention, sum(montant) AS montant_attribue, sum(prevus) AS emplois_prevus_attribues,
           sum(crees) AS emplois_crees_attribues, sum(nb) AS nb_aides_attribuees
    FROM (
        SELECT id_convention, montant, prevus, crees, nb
        FROM par_aide
        WHERE id_convention IS NOT NULL
        UNION ALL
        SELECT p.id_convention, p.part * a.montant, p.part * a.prevus, p.part * a.crees, a.nb
        FROM par_aide a
        JOIN int_affectation_fonds p ON p.id_fonds = a.id_fonds
        WHERE a.id_convention IS NULL
    )
    GROUP BY id_convention
)
SELECT
    c.*,
    r.raison_sociale,
    r.siren,
    r.type_procedure,
    r.date_notification,
    r.code_commune,
    r.code_ze,
    z.libelle AS libelle_ze,
    r.code_departement AS code_departement_site,
    r.code_region AS code_region_site,
    r.emplois_supprimes,
    coalesce(t.montant_attribue, 0) AS montant_attribue,
    coalesce(t.emplois_prevus_attribues, 0) AS emplois_prevus_attribues,
    coalesce(t.emplois_crees_attribues, 0) AS emplois_crees_attribues,
    coalesce(t.nb_aides_attribuees, 0) AS nb_aides_attribuees
FROM stg_conventions c
LEFT JOIN stg_restructurations r ON r.id_restructuration = c.id_restructuration
LEFT JOIN ref_zone_emploi z ON z.code_ze = r.code_ze
LEFT JOIN attribue t ON t.id_convention = c.id_convention
