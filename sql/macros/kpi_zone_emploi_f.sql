-- Indicators per zone d'emploi 2020 (all 306), filtered; kpi_zone_emploi = this with NULLs.
CREATE OR REPLACE MACRO kpi_zone_emploi_f(p_annee_debut, p_annee_fin, p_operateur, p_type_aide,
                                          p_type_procedure) AS TABLE
SELECT
    k.code AS code_ze,
    k.libelle,
    z.code_departement,
    z.code_region,
    z.outre_mer,
    k.* EXCLUDE (code, libelle)
FROM int_territoire_f('zone_emploi', p_annee_debut, p_annee_fin, p_operateur, p_type_aide,
                      p_type_procedure) k
JOIN ref_zone_emploi z ON z.code_ze = k.code
ORDER BY code_ze
