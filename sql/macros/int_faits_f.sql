-- The filtered facts every territorial indicator is summed from (table macro; NULL = no filter),
-- read from the int_faits table: 'restructuration', 'aide' (aid figures x poids) and 'convention'
-- rows, located.
-- Filters: years; operator (aids whose operateur matches; restructurings and conventions linked to
-- that operator through int_convention_operateurs); instrument (aids only); procedure type
-- (restructurings and conventions of that type; aids weighted by their attributed share to
-- conventions of that type, see int_attribution); territory (p_niveau + p_code, NULL = all).
CREATE OR REPLACE MACRO int_faits_f(p_niveau, p_code, p_annee_debut, p_annee_fin, p_operateur,
                                    p_type_aide, p_type_procedure) AS TABLE
WITH poids_fonds AS (
    -- Under a procedure filter, a fund aid counts for the share of the fund's dotations that came
    -- from conventions of that procedure type (the sum of its int_attribution parts for them).
    SELECT p.id_fonds, sum(p.part) AS poids
    FROM int_affectation_fonds p
    JOIN int_convention_resultats c ON c.id_convention = p.id_convention
    WHERE c.type_procedure = p_type_procedure
    GROUP BY p.id_fonds
), ponderes AS (
    SELECT f.*,
           CASE WHEN f.fait <> 'aide' THEN NULL
                WHEN p_type_procedure IS NULL THEN 1.0
                WHEN f.id_convention_aide IS NOT NULL THEN
                     CASE WHEN f.type_procedure = p_type_procedure THEN 1.0 ELSE 0.0 END
                ELSE coalesce(w.poids, 0.0) END::DOUBLE AS poids
    FROM int_faits f
    LEFT JOIN poids_fonds w ON w.id_fonds = f.id_fonds
    WHERE (p_annee_debut IS NULL OR f.annee >= p_annee_debut)
      AND (p_annee_fin IS NULL OR f.annee <= p_annee_fin)
      AND (p_code IS NULL
           OR (p_niveau = 'zone_emploi' AND f.code_ze = p_code)
           OR (p_niveau = 'departement' AND f.code_departement = p_code)
           OR (p_niveau = 'region' AND f.code_region = p_code))
)
SELECT
    fait, code_ze, code_departement, code_region, annee,
    id_restructuration, emplois_supprimes,
    id_aide, siren_beneficiaire, type_aide, operateur, section_naf, poids,
    poids * emplois_prevus AS emplois_prevus,
    poids * emplois_crees AS emplois_crees,
    poids * montant_revitalisation AS montant_revitalisation,
    poids * cofinancement_public AS cofinancement_public,
    poids * cofinancement_prive AS cofinancement_prive,
    id_convention, montant_engage
FROM ponderes
WHERE CASE fait
        WHEN 'aide' THEN poids > 0
             AND (p_operateur IS NULL OR operateur = p_operateur)
             AND (p_type_aide IS NULL OR type_aide = p_type_aide)
        WHEN 'restructuration' THEN (p_type_procedure IS NULL OR type_procedure = p_type_procedure)
             AND (p_operateur IS NULL OR id_restructuration IN (
                     SELECT o.id_restructuration FROM int_convention_operateurs o WHERE o.operateur = p_operateur))
        ELSE (p_type_procedure IS NULL OR type_procedure = p_type_procedure)
             AND (p_operateur IS NULL OR id_convention IN (
                     SELECT o.id_convention FROM int_convention_operateurs o WHERE o.operateur = p_operateur))
      END
