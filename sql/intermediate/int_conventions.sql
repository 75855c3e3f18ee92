-- One row per convention: its restructuring and attributed results (int_convention_resultats),
-- the SMIC in force at the reference date (ref_regle.date_reference_smic), the legal minimum and
-- the compliance flags. A view: the rules are read live from ref_regle / ref_smic, the heavy part
-- (attribution) comes precomputed from the table.
CREATE OR REPLACE VIEW int_conventions AS
WITH base AS (
    SELECT
        c.*,
        CASE WHEN g.date_reference_smic = 'notification' THEN c.date_notification
             ELSE c.date_signature END AS date_smic,
        g.multiple_minimum,
        g.multiple_penalite,
        g.duree_max_mois,
        g.delai_signature_mois,
        g.tolerance_conformite_euros
    FROM int_convention_resultats c
    CROSS JOIN stg_regles g
), avec_smic AS (
    SELECT b.*, CAST(s.smic_mensuel AS DOUBLE) AS smic_mensuel
    FROM base b
    ASOF LEFT JOIN ref_smic s ON b.date_smic >= s.date_debut
), calcul AS (
    SELECT
        s.*,
        round(s.multiple_minimum * s.smic_mensuel * s.emplois_supprimes, 2) AS contribution_minimale,
        round(s.multiple_penalite * s.smic_mensuel * s.emplois_supprimes, 2) AS contribution_penalite
    FROM avec_smic s
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
    c.libelle_ze,
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
    taux_recreation(c.emplois_crees_attribues, c.emplois_supprimes) AS taux_recreation,
    taux_atteinte_objectif(c.emplois_crees_attribues, c.objectif_emplois) AS taux_atteinte_objectif,
    taux_consommation(c.montant_attribue, c.montant_engage) AS taux_consommation,
    c.duree_mois > c.duree_max_mois AS duree_sup_max,
    c.date_signature > c.date_notification + to_months(c.delai_signature_mois) AS signature_tardive,
    c.montant_engage > c.contribution_penalite AS sup_penalite
FROM calcul c
