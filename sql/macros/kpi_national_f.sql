-- National indicators (one row), filtered; kpi_national = this with NULLs.
CREATE OR REPLACE MACRO kpi_national_f(p_annee_debut, p_annee_fin, p_operateur, p_type_aide,
                                       p_type_procedure) AS TABLE
SELECT k.* EXCLUDE (code)
FROM int_territoire_f('national', p_annee_debut, p_annee_fin, p_operateur, p_type_aide,
                      p_type_procedure) k
