-- One row per convention: its restructuring, the SMIC in force at the reference date
-- (ref_regle.date_reference_smic), the legal minimum and compliance flags, and the jobs and euros
-- attributed to it (direct aids + pro-rata share of fund aids, see int_attribution).
CREATE OR REPLACE VIEW int_conventions AS
WITH base AS (
    SELECT
        c.*,
        r.raison_sociale,
        r.siren,
        r.type_procedure,
        r.date_notification,
        r.code_commune,
        r.code_ze,
        r.code_departement AS code_departement_site,
        r.code_region AS code_region_site,
        r.emplois_supprimes,
        CASE WHEN g.date_reference_smic = 'notification' THEN r.date_notification
             ELSE c.date_signature END AS date_smic,
        g.multiple_minimum,
        g.multiple_penalite,
        g.duree_max_mois,
        g.delai_signature_mois,
        g.tolerance_conformite_euros
    FROM stg_conventions c
    LEFT JOIN stg_restructurations r ON r.id_restructuration = c.id_restructuration
    CROSS JOIN stg_regles g
), avec_smic AS (
    SELECT b.*, CAST(s.smic_mensuel AS DOUBLE) AS smic_mensuel
    FROM base b
    ASOF LEFT JOIN ref_smic s ON b.date_smic >= s.date_debut
), par_aide AS (
    -- Aid totals per direct convention and per fund, then fund totals shared out by the parts
    -- (same figures as summing int_attribution row by row, without expanding every fund aid).
    SELECT id_convention, id_fonds,
           sum(montant_revitalisation) AS montant, sum(emplois_prevus) AS prevus,
           sum(emplois_crees) AS crees, count(*) AS nb
    FROM int_aide_resultats
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
), calcul AS (
    SELECT
        s.*,
        round(s.multiple_minimum * s.smic_mensuel * s.emplois_supprimes, 2) AS contribution_minimale,
        round(s.multiple_penalite * s.smic_mensuel * s.emplois_supprimes, 2) AS contribution_penalite,
        coalesce(t.montant_attribue, 0) AS montant_attribue,
        coalesce(t.emplois_prevus_attribues, 0) AS emplois_prevus_attribues,
        coalesce(t.emplois_crees_attribues, 0) AS emplois_crees_attribues,
        coalesce(t.nb_aides_attribuees, 0) AS nb_aides_attribuees
    FROM avec_smic s
    LEFT JOIN attribue t ON t.id_convention = s.id_convention
)
SELECT
    c.id_convention,
    c.id_restructuration,
    c.raison_sociale,
    c.siren,
    c.type_procedure,
    c.date_notification,
    c.date_signature,
    c.annee,
    c.departement,
    c.code_commune,
    c.code_ze,
    z.libelle AS libelle_ze,
    c.code_departement_site,
    c.code_region_site,
    c.modalite,
    c.operateur,
    c.statut,
    c.duree_mois,
    c.taux_smic,
    c.commentaire,
    c.emplois_supprimes,
    c.objectif_emplois,
    c.date_smic,
    c.smic_mensuel,
    c.contribution_minimale,
    c.contribution_penalite,
    c.montant_engage,
    c.montant_engage >= c.contribution_minimale - c.tolerance_conformite_euros AS conforme_minimum,
    c.montant_attribue,
    c.emplois_prevus_attribues,
    c.emplois_crees_attribues,
    c.nb_aides_attribuees,
    c.emplois_crees_attribues / NULLIF(c.emplois_supprimes, 0) AS taux_recreation,
    c.emplois_crees_attribues / NULLIF(c.objectif_emplois, 0) AS taux_atteinte_objectif,
    c.montant_attribue / NULLIF(c.montant_engage, 0) AS taux_consommation,
    c.duree_mois > c.duree_max_mois AS duree_sup_max,
    c.date_signature > c.date_notification + to_months(c.delai_signature_mois) AS signature_tardive,
    c.montant_engage > c.contribution_penalite AS sup_penalite
FROM calcul c
LEFT JOIN ref_zone_emploi z ON z.code_ze = c.code_ze
