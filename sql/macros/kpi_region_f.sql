-- Indicators per région (all 18), filtered; kpi_region = this with NULLs.
CREATE OR REPLACE MACRO kpi_region_f(p_annee_debut, p_annee_fin, p_operateur, p_type_aide,
                                     p_type_procedure) AS TABLE
SELECT
    k.code AS code_region,
    k.libelle,
    r.outre_mer,
    k.* EXCLUDE (code, libelle)
FROM int_territoire_f('region', p_annee_debut, p_annee_fin, p_operateur, p_type_aide,
                      p_type_procedure) k
JOIN ref_region r ON r.code_region = k.code
ORDER BY code_region
