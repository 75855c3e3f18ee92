-- Contract view: kpi_national_f without filters (the definition lives once, in the macro).
CREATE OR REPLACE VIEW kpi_national AS
SELECT * FROM kpi_national_f(NULL, NULL, NULL, NULL, NULL)
