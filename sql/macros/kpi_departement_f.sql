-- Indicators per département (all 101), filtered; kpi_departement = this with NULLs.
CREATE OR REPLACE MACRO kpi_departement_f(p_annee_debut, p_annee_fin, p_operateur, p_type_aide,
                                          p_type_procedure) AS TABLE
SELECT
    k.code AS code_departement,
    k.libelle,
    d.code_region,
    d.outre_mer,
    k.* EXCLUDE (code, libelle)
FROM int_territoire_f('departement', p_annee_debut, p_annee_fin, p_operateur, p_type_aide,
                      p_type_procedure) k
JOIN ref_departement d ON d.code_departement = k.code
ORDER BY code_departement
