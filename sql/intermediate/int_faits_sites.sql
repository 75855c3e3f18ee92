-- The located facts that are not aids, one row each (int_faits adds the aids, read from int_aides):
--   'restructuration' rows (jobs cut, by notification year, located at the site),
--   'convention' rows (amount committed, by signature year, located at the restructuring's site).
-- type_procedure is the restructuring's. TABLE, kept up to date by pipelines.schema.refresh_derived.
-- The aid rows were a copy of int_aides in this table: a batch of 200 000 new aids wrote them twice
-- (their refresh here took 0,29 s; the whole load 4,37–4,43 s before, 4,15–4,22 s after, ×10 warehouse).
-- incrémental : restructuration = id_restructuration, convention = id_convention
CREATE OR REPLACE TABLE int_faits_sites AS
SELECT 'restructuration' AS fait, r.code_ze, r.code_departement, r.code_region, r.annee,
       r.id_restructuration, r.emplois_supprimes, r.type_procedure
FROM stg_restructurations r
UNION ALL BY NAME
SELECT 'convention' AS fait, c.code_ze, c.code_departement_site AS code_departement,
       c.code_region_site AS code_region, c.annee, c.id_convention, c.montant_engage, c.type_procedure
FROM int_convention_resultats c
