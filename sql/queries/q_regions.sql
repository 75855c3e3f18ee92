-- Figures per région under the sidebar filters, every région listed (zeros when no activity).
SELECT * FROM kpi_region_f($annee_debut, $annee_fin, $operateur, $type_aide, $type_procedure) ORDER BY code_region
