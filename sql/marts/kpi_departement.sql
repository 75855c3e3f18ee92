-- Contract view: kpi_departement_f without filters (the definition lives once, in the macro).
CREATE OR REPLACE VIEW kpi_departement AS
SELECT * FROM kpi_departement_f(NULL, NULL, NULL, NULL, NULL)
