-- Contract view: kpi_convention_f without filters (the definition lives once, in the macro).
CREATE OR REPLACE VIEW kpi_convention AS
SELECT * FROM kpi_convention_f(NULL, NULL, NULL, NULL)
