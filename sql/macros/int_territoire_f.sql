-- The territorial indicators of one level ('zone_emploi', 'departement', 'region', 'national'),
-- one row per territory of that level (zeros without activity), with the filters of int_faits_f;
-- the sums are int_sommes_f's (shared with serie_annuelle_f).
-- kpi_zone_emploi_f, kpi_departement_f, kpi_region_f and kpi_national_f are this, renamed.
CREATE OR REPLACE MACRO int_territoire_f(p_niveau, p_annee_debut, p_annee_fin, p_operateur,
                                         p_type_aide, p_type_procedure) AS TABLE
WITH agg AS (
    SELECT * EXCLUDE (annee)
    FROM int_sommes_f(p_niveau, NULL, NULL, p_annee_debut, p_annee_fin, p_operateur, p_type_aide,
                      p_type_procedure)
), sig AS (
    SELECT CASE p_niveau WHEN 'zone_emploi' THEN code_ze WHEN 'departement' THEN code_departement
                         WHEN 'region' THEN code_region ELSE 'FR' END AS code,
           count(*) AS nb_signalements
    FROM int_signalements
    GROUP BY 1
), complet AS (
    SELECT
        t.code,
        t.libelle,
        CAST(coalesce(a.emplois_supprimes, 0) AS BIGINT) AS emplois_supprimes,
        coalesce(a.emplois_prevus, 0)::DOUBLE AS emplois_prevus,
        coalesce(a.emplois_crees, 0)::DOUBLE AS emplois_crees,
        coalesce(a.montant_revitalisation, 0)::DOUBLE AS montant_revitalisation,
        coalesce(a.cofinancement_public, 0)::DOUBLE AS cofinancement_public,
        coalesce(a.cofinancement_prive, 0)::DOUBLE AS cofinancement_prive,
        coalesce(a.nb_beneficiaires, 0) AS nb_beneficiaires,
        coalesce(a.nb_aides, 0) AS nb_aides,
        coalesce(a.nb_conventions, 0) AS nb_conventions,
        coalesce(a.montant_engage, 0)::DOUBLE AS montant_engage,
        coalesce(s.nb_signalements, 0) AS nb_signalements
    FROM int_referentiel_territoires t
    LEFT JOIN agg a ON a.code = t.code
    LEFT JOIN sig s ON s.code = t.code
    WHERE t.niveau = p_niveau
)
SELECT
    code,
    libelle,
    emplois_supprimes,
    emplois_prevus,
    emplois_crees,
    montant_revitalisation,
    cofinancement_public,
    cofinancement_prive,
    nb_beneficiaires,
    nb_aides,
    effet_levier(montant_revitalisation, cofinancement_public, cofinancement_prive) AS effet_levier,
    euros_par_emploi(montant_revitalisation, emplois_crees) AS euros_par_emploi,
    taux_recreation(emplois_crees, emplois_supprimes) AS taux_recreation,
    taux_realisation(emplois_crees, emplois_prevus) AS taux_realisation,
    nb_conventions,
    montant_engage,
    nb_signalements
FROM complet
ORDER BY code
