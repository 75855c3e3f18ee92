-- COPIL pack: the département's pooled funds taken together, with the same scope and year filters
-- as q_copil_kpi_fonds: sums, and the distinct firms they helped (a firm helped by two funds counts
-- once: the figure a COPIL publishes, "about 170 firms"); ratios by the registry's macros.
WITH f AS (
    SELECT k.*
    FROM kpi_fonds_f($annee_debut, $annee_fin, $type_aide) AS k
    WHERE k.departement = $departement
      AND ($fonds IS NULL OR k.id_fonds = $fonds)
      AND ($convention IS NULL OR k.id_fonds IN (SELECT d.id_fonds FROM dotations AS d WHERE d.id_convention = $convention))
), entreprises AS (
    SELECT count(DISTINCT a.siren_beneficiaire) AS nb_beneficiaires
    FROM int_aides AS a
    WHERE a.id_fonds IN (SELECT id_fonds FROM f)
      AND ($annee_debut IS NULL OR a.annee >= $annee_debut)
      AND ($annee_fin IS NULL OR a.annee <= $annee_fin)
      AND ($type_aide IS NULL OR a.type_aide = $type_aide)
)
SELECT
    count(*) AS nb_fonds,
    sum(f.dotations) AS dotations,
    sum(f.montant_revitalisation) AS montant_revitalisation,
    sum(f.cofinancement_public) AS cofinancement_public,
    sum(f.cofinancement_prive) AS cofinancement_prive,
    CAST(sum(f.nb_aides) AS BIGINT) AS nb_aides,
    CAST(sum(f.emplois_crees) AS BIGINT) AS emplois_crees,
    any_value(e.nb_beneficiaires) AS nb_beneficiaires,
    effet_levier(sum(f.montant_revitalisation), sum(f.cofinancement_public), sum(f.cofinancement_prive)) AS effet_levier,
    euros_par_emploi(sum(f.montant_revitalisation), sum(f.emplois_crees)) AS euros_par_emploi
FROM f CROSS JOIN entreprises AS e
