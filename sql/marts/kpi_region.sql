-- Contract view: kpi_region_f without filters (the definition lives once, in the macro).
CREATE OR REPLACE VIEW kpi_region AS
SELECT * FROM kpi_region_f(NULL, NULL, NULL, NULL, NULL)
