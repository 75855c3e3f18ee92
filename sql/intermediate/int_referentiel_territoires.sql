-- Every territory of every level (zones d'emploi, départements, régions, and France as 'FR'),
-- so that territories without activity still get a row with zeros.
CREATE OR REPLACE VIEW int_referentiel_territoires AS
SELECT 'zone_emploi' AS niveau, code_ze AS code, libelle FROM ref_zone_emploi
UNION ALL
SELECT 'departement', code_departement, libelle FROM ref_departement
UNION ALL
SELECT 'region', code_region, libelle FROM ref_region
UNION ALL
SELECT 'national', 'FR', 'France'
