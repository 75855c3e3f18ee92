-- Contract view: kpi_zone_emploi_f without filters (the definition lives once, in the macro).
CREATE OR REPLACE VIEW kpi_zone_emploi AS
SELECT * FROM kpi_zone_emploi_f(NULL, NULL, NULL, NULL, NULL)
