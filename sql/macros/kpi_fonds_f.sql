-- One row per pooled fund: dotations received (by payment year) and its aids (by decision year,
-- optionally one instrument). nb_signalements counts flags on the fund, its dotations, its aids and
-- their follow-ups. kpi_fonds = this with NULLs.
CREATE OR REPLACE MACRO kpi_fonds_f(p_annee_debut, p_annee_fin, p_type_aide) AS TABLE
WITH dot AS (
    SELECT id_fonds, sum(montant) AS dotations, count(DISTINCT id_convention) AS nb_conventions
    FROM stg_dotations
    WHERE (p_annee_debut IS NULL OR annee >= p_annee_debut)
      AND (p_annee_fin IS NULL OR annee <= p_annee_fin)
    GROUP BY id_fonds
), aid AS (
    SELECT
        id_fonds,
        sum(montant_revitalisation) AS montant_revitalisation,
        sum(cofinancement_public) AS cofinancement_public,
        sum(cofinancement_prive) AS cofinancement_prive,
        sum(emplois_prevus) AS emplois_prevus,
        sum(emplois_crees) AS emplois_crees,
        count(*) AS nb_aides,
        count(DISTINCT siren_beneficiaire) AS nb_beneficiaires
    FROM int_aides
    WHERE id_fonds IS NOT NULL
      AND (p_annee_debut IS NULL OR annee >= p_annee_debut)
      AND (p_annee_fin IS NULL OR annee <= p_annee_fin)
      AND (p_type_aide IS NULL OR type_aide = p_type_aide)
    GROUP BY id_fonds
), sig AS (
    SELECT id_fonds, count(*) AS nb_signalements
    FROM int_signalements
    WHERE id_fonds IS NOT NULL
    GROUP BY id_fonds
), complet AS (
    SELECT
        f.id_fonds,
        f.nom,
        f.departement,
        f.code_region,
        f.gestionnaire,
        f.date_creation,
        f.commentaire,
        coalesce(d.dotations, 0)::DOUBLE AS dotations,
        coalesce(d.nb_conventions, 0) AS nb_conventions,
        coalesce(a.montant_revitalisation, 0)::DOUBLE AS montant_revitalisation,
        coalesce(a.cofinancement_public, 0)::DOUBLE AS cofinancement_public,
        coalesce(a.cofinancement_prive, 0)::DOUBLE AS cofinancement_prive,
        CAST(coalesce(a.emplois_prevus, 0) AS BIGINT) AS emplois_prevus,
        CAST(coalesce(a.emplois_crees, 0) AS BIGINT) AS emplois_crees,
        coalesce(a.nb_aides, 0) AS nb_aides,
        coalesce(a.nb_beneficiaires, 0) AS nb_beneficiaires,
        coalesce(s.nb_signalements, 0) AS nb_signalements
    FROM stg_fonds f
    LEFT JOIN dot d ON d.id_fonds = f.id_fonds
    LEFT JOIN aid a ON a.id_fonds = f.id_fonds
    LEFT JOIN sig s ON s.id_fonds = f.id_fonds
)
SELECT
    id_fonds,
    nom,
    departement,
    dotations,
    montant_revitalisation,
    emplois_crees,
    nb_beneficiaires,
    effet_levier(montant_revitalisation, cofinancement_public, cofinancement_prive) AS effet_levier,
    euros_par_emploi(montant_revitalisation, emplois_crees) AS euros_par_emploi,
    code_region,
    gestionnaire,
    date_creation,
    commentaire,
    nb_conventions,
    nb_aides,
    cofinancement_public,
    cofinancement_prive,
    emplois_prevus,
    taux_realisation(emplois_crees, emplois_prevus) AS taux_realisation,
    taux_consommation(montant_revitalisation, dotations) AS taux_consommation,
    nb_signalements
FROM complet
ORDER BY id_fonds
