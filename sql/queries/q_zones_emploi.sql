-- Figures per zone d'emploi under the sidebar filters.
SELECT * FROM kpi_zone_emploi_f($annee_debut, $annee_fin, $operateur, $type_aide, $type_procedure) ORDER BY code_ze
