-- Headline figures for France under the sidebar filters (one row).
SELECT * FROM kpi_national_f($annee_debut, $annee_fin, $operateur, $type_aide, $type_procedure)
