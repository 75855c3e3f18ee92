-- One row per year for a territory (p_niveau 'national' | 'region' | 'departement' | 'zone_emploi',
-- p_code NULL for national): jobs cut by notification year, aids by decision year (jobs created =
-- latest follow-up of the aids decided that year), conventions by signature year. Years run from
-- the first to the last year with anything, zeros in between. The sums are int_sommes_f's (shared
-- with int_territoire_f), grouped by year.
CREATE OR REPLACE MACRO serie_annuelle_f(p_niveau, p_code, p_annee_debut, p_annee_fin, p_operateur,
                                         p_type_aide, p_type_procedure) AS TABLE
WITH agg AS (
    SELECT annee, * EXCLUDE (code, annee)
    FROM int_sommes_f('annee', p_niveau, p_code, p_annee_debut, p_annee_fin, p_operateur, p_type_aide,
                      p_type_procedure)
    WHERE p_niveau IN ('national', 'region', 'departement', 'zone_emploi')
      AND (p_niveau = 'national' OR p_code IS NOT NULL)
), annees AS (
    SELECT unnest(range(min(annee), max(annee) + 1)) AS annee
    FROM agg
    HAVING count(*) > 0
)
SELECT
    y.annee,
    CAST(coalesce(a.emplois_supprimes, 0) AS BIGINT) AS emplois_supprimes,
    coalesce(a.emplois_prevus, 0)::DOUBLE AS emplois_prevus,
    coalesce(a.emplois_crees, 0)::DOUBLE AS emplois_crees,
    coalesce(a.montant_revitalisation, 0)::DOUBLE AS montant_revitalisation,
    coalesce(a.cofinancement_public, 0)::DOUBLE AS cofinancement_public,
    coalesce(a.cofinancement_prive, 0)::DOUBLE AS cofinancement_prive,
    coalesce(a.nb_aides, 0) AS nb_aides,
    coalesce(a.nb_conventions, 0) AS nb_conventions,
    coalesce(a.montant_engage, 0)::DOUBLE AS montant_engage
FROM annees y
LEFT JOIN agg a ON a.annee = y.annee
ORDER BY y.annee
