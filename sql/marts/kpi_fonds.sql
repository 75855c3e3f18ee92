-- Contract view: kpi_fonds_f without filters (the definition lives once, in the macro).
CREATE OR REPLACE VIEW kpi_fonds AS
SELECT * FROM kpi_fonds_f(NULL, NULL, NULL)
