-- Yearly figures by département for the open data (pipelines.opendata), without filters: one row
-- per (département, year) with any activity; jobs cut by notification year, aids by decision
-- year, conventions by signature year (as serie_annuelle_f); firms = distinct SIREN, as kpi_*.
WITH faits AS (
    SELECT * FROM int_faits_f(NULL, NULL, NULL, NULL, NULL, NULL, NULL)
    WHERE code_departement IS NOT NULL
), agg AS (
    SELECT
        code_departement,
        annee,
        CAST(coalesce(sum(emplois_supprimes), 0) AS BIGINT) AS emplois_supprimes,
        coalesce(sum(emplois_prevus), 0)::DOUBLE AS emplois_prevus,
        coalesce(sum(emplois_crees), 0)::DOUBLE AS emplois_crees,
        coalesce(sum(montant_revitalisation), 0)::DOUBLE AS montant_revitalisation,
        coalesce(sum(cofinancement_public), 0)::DOUBLE AS cofinancement_public,
        coalesce(sum(cofinancement_prive), 0)::DOUBLE AS cofinancement_prive,
        count(DISTINCT siren_beneficiaire) AS nb_beneficiaires,
        count(id_aide) AS nb_aides,
        count(id_convention) AS nb_conventions
    FROM faits
    GROUP BY code_departement, annee
)
SELECT
    a.code_departement,
    d.libelle,
    a.annee,
    a.emplois_supprimes,
    a.emplois_prevus,
    a.emplois_crees,
    a.montant_revitalisation,
    a.cofinancement_public,
    a.cofinancement_prive,
    a.nb_beneficiaires,
    a.nb_aides,
    effet_levier(a.montant_revitalisation, a.cofinancement_public, a.cofinancement_prive) AS effet_levier,
    euros_par_emploi(a.montant_revitalisation, a.emplois_crees) AS euros_par_emploi,
    taux_recreation(a.emplois_crees, a.emplois_supprimes) AS taux_recreation,
    taux_realisation(a.emplois_crees, a.emplois_prevus) AS taux_realisation,
    a.nb_conventions
FROM agg a
JOIN ref_departement d ON d.code_departement = a.code_departement
ORDER BY a.code_departement, a.annee
