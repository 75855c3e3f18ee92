-- The filtered facts every territorial indicator is summed from (table macro; NULL = no filter):
--   'restructuration' rows (jobs cut, by notification year, located at the site),
--   'aide' rows (aid figures x poids, by decision year, located where the jobs are created),
--   'convention' rows (amount committed, by signature year, located at the restructuring's site).
-- Filters: years; operator (aids whose operateur matches; restructurings and conventions linked to
-- that operator through int_convention_operateurs); instrument (aids only); procedure type
-- (restructurings and conventions of that type; aids weighted by their attributed share to
-- conventions of that type, see int_attribution); territory (p_niveau + p_code, NULL = all).
CREATE OR REPLACE MACRO int_faits_f(p_niveau, p_code, p_annee_debut, p_annee_fin, p_operateur,
                                    p_type_aide, p_type_procedure) AS TABLE
WITH conventions_site AS (
    SELECT c.id_convention, c.id_restructuration, c.annee, c.montant_engage, r.type_procedure,
           r.code_ze, r.code_departement, r.code_region
    FROM stg_conventions c
    LEFT JOIN stg_restructurations r ON r.id_restructuration = c.id_restructuration
), poids_fonds AS (
    -- Under a procedure filter, a fund aid counts for the share of the fund's dotations that came
    -- from conventions of that procedure type (the sum of its int_attribution parts for them).
    SELECT p.id_fonds, sum(p.part) AS poids
    FROM int_affectation_fonds p
    JOIN conventions_site c ON c.id_convention = p.id_convention
    WHERE c.type_procedure = p_type_procedure
    GROUP BY p.id_fonds
), faits AS (
    SELECT 'restructuration' AS fait, r.code_ze, r.code_departement, r.code_region, r.annee,
           r.id_restructuration, r.emplois_supprimes
    FROM stg_restructurations r
    WHERE (p_annee_debut IS NULL OR r.annee >= p_annee_debut)
      AND (p_annee_fin IS NULL OR r.annee <= p_annee_fin)
      AND (p_type_procedure IS NULL OR r.type_procedure = p_type_procedure)
      AND (p_operateur IS NULL OR r.id_restructuration IN (
              SELECT o.id_restructuration FROM int_convention_operateurs o WHERE o.operateur = p_operateur))
    UNION ALL BY NAME
    SELECT 'aide' AS fait, a.code_ze, a.code_departement, a.code_region, a.annee,
           a.id_aide, a.siren_beneficiaire, a.type_aide, a.operateur, a.section_naf, a.poids,
           a.poids * a.emplois_prevus AS emplois_prevus,
           a.poids * a.emplois_crees AS emplois_crees,
           a.poids * a.montant_revitalisation AS montant_revitalisation,
           a.poids * a.cofinancement_public AS cofinancement_public,
           a.poids * a.cofinancement_prive AS cofinancement_prive
    FROM (
        SELECT a.*,
               CASE WHEN p_type_procedure IS NULL THEN 1.0
                    WHEN a.id_convention IS NOT NULL THEN
                         CASE WHEN a.type_procedure = p_type_procedure THEN 1.0 ELSE 0.0 END
                    ELSE coalesce(f.poids, 0.0) END::DOUBLE AS poids
        FROM int_aides a
        LEFT JOIN poids_fonds f ON f.id_fonds = a.id_fonds
    ) a
    WHERE a.poids > 0
      AND (p_annee_debut IS NULL OR a.annee >= p_annee_debut)
      AND (p_annee_fin IS NULL OR a.annee <= p_annee_fin)
      AND (p_operateur IS NULL OR a.operateur = p_operateur)
      AND (p_type_aide IS NULL OR a.type_aide = p_type_aide)
    UNION ALL BY NAME
    SELECT 'convention' AS fait, c.code_ze, c.code_departement, c.code_region, c.annee,
           c.id_convention, c.montant_engage
    FROM conventions_site c
    WHERE (p_annee_debut IS NULL OR c.annee >= p_annee_debut)
      AND (p_annee_fin IS NULL OR c.annee <= p_annee_fin)
      AND (p_type_procedure IS NULL OR c.type_procedure = p_type_procedure)
      AND (p_operateur IS NULL OR c.id_convention IN (
              SELECT o.id_convention FROM int_convention_operateurs o WHERE o.operateur = p_operateur))
)
SELECT *
FROM faits
WHERE p_code IS NULL
   OR (p_niveau = 'zone_emploi' AND code_ze = p_code)
   OR (p_niveau = 'departement' AND code_departement = p_code)
   OR (p_niveau = 'region' AND code_region = p_code)
