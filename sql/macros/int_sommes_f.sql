-- The sums every territorial figure starts from, over the facts of int_faits_f (same filters),
-- grouped by p_par: 'annee' (one row per year with anything: `annee` set, `code` NULL) or a level
-- 'zone_emploi' | 'departement' | 'region' | 'national' (one row per territory of that level with
-- anything: `code` set, `annee` NULL). int_territoire_f (per territory) and serie_annuelle_f (per
-- year) both read it, so what each figure sums is written once. The firms (distinct SIREN) are
-- counted by territory only, NULL by year: no series shows them, and counting them for every
-- year would cost the series half their time.
CREATE OR REPLACE MACRO int_sommes_f(p_par, p_niveau, p_code, p_annee_debut, p_annee_fin, p_operateur,
                                     p_type_aide, p_type_procedure) AS TABLE
SELECT
    CASE p_par WHEN 'zone_emploi' THEN code_ze WHEN 'departement' THEN code_departement
               WHEN 'region' THEN code_region WHEN 'national' THEN 'FR' END AS code,
    CASE WHEN p_par = 'annee' THEN annee END AS annee,
    sum(emplois_supprimes) AS emplois_supprimes,
    sum(emplois_prevus) AS emplois_prevus,
    sum(emplois_crees) AS emplois_crees,
    sum(montant_revitalisation) AS montant_revitalisation,
    sum(cofinancement_public) AS cofinancement_public,
    sum(cofinancement_prive) AS cofinancement_prive,
    CASE WHEN p_par <> 'annee'
         THEN count(DISTINCT CASE WHEN p_par <> 'annee' THEN siren_beneficiaire END) END AS nb_beneficiaires,
    count(id_aide) AS nb_aides,
    count(id_convention) AS nb_conventions,
    sum(montant_engage) AS montant_engage
FROM int_faits_f(p_niveau, p_code, p_annee_debut, p_annee_fin, p_operateur, p_type_aide, p_type_procedure)
GROUP BY ALL
