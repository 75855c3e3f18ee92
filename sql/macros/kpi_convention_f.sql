-- One row per convention (see int_conventions) with its flag count, filtered by signature year,
-- operator (its own or the gestionnaire of a fund it paid into) and procedure type.
-- nb_signalements counts flags on the convention, its restructuring, its dotations, its direct aids
-- and their follow-ups. kpi_convention = this with NULLs.
CREATE OR REPLACE MACRO kpi_convention_f(p_annee_debut, p_annee_fin, p_operateur,
                                         p_type_procedure) AS TABLE
WITH sig AS (
    SELECT id_convention, count(*) AS nb_signalements
    FROM (
        SELECT s.id_convention FROM int_signalements s WHERE s.id_convention IS NOT NULL
        UNION ALL
        SELECT c.id_convention
        FROM int_signalements s
        JOIN stg_conventions c ON c.id_restructuration = s.id_restructuration
        WHERE s.dataset = 'restructurations'
    )
    GROUP BY id_convention
)
SELECT
    c.id_convention,
    c.raison_sociale,
    c.departement,
    c.date_signature,
    c.emplois_supprimes,
    c.objectif_emplois,
    c.smic_mensuel,
    c.contribution_minimale,
    c.montant_engage,
    c.conforme_minimum,
    c.montant_attribue,
    c.emplois_crees_attribues,
    c.taux_recreation,
    c.taux_atteinte_objectif,
    c.taux_consommation,
    c.id_restructuration,
    c.siren,
    c.type_procedure,
    c.date_notification,
    c.code_commune,
    c.code_ze,
    c.libelle_ze,
    c.modalite,
    c.operateur,
    c.statut,
    c.duree_mois,
    c.taux_smic,
    c.commentaire,
    c.date_smic,
    c.contribution_penalite,
    c.emplois_prevus_attribues,
    c.nb_aides_attribuees,
    c.duree_sup_max,
    c.signature_tardive,
    c.sup_penalite,
    coalesce(s.nb_signalements, 0) AS nb_signalements
FROM int_conventions c
LEFT JOIN sig s ON s.id_convention = c.id_convention
WHERE (p_annee_debut IS NULL OR c.annee >= p_annee_debut)
  AND (p_annee_fin IS NULL OR c.annee <= p_annee_fin)
  AND (p_type_procedure IS NULL OR c.type_procedure = p_type_procedure)
  AND (p_operateur IS NULL OR c.id_convention IN (
          SELECT o.id_convention FROM int_convention_operateurs o WHERE o.operateur = p_operateur))
ORDER BY c.date_signature, c.id_convention
