-- The unfiltered facts every territorial indicator is summed from, located, one row each:
--   'restructuration' rows (jobs cut, by notification year, located at the site),
--   'aide' rows (aid figures, by decision year, located where the jobs are created),
--   'convention' rows (amount committed, by signature year, located at the restructuring's site).
-- type_procedure is the restructuring's (for an aid: its direct convention's restructuring, NULL
-- for a fund aid); id_fonds and id_convention_aide say who financed an aid. TABLE, rebuilt by
-- pipelines.warehouse.refresh_derived after every batch; int_faits_f filters and weights it.
-- incrémental : restructuration = id_restructuration, convention = id_convention, aide = id_aide
CREATE OR REPLACE TABLE int_faits AS
SELECT 'restructuration' AS fait, r.code_ze, r.code_departement, r.code_region, r.annee,
       r.id_restructuration, r.emplois_supprimes, r.type_procedure
FROM stg_restructurations r
UNION ALL BY NAME
SELECT 'aide' AS fait, a.code_ze, a.code_departement, a.code_region, a.annee,
       a.id_aide, a.siren_beneficiaire, a.type_aide, a.operateur, a.section_naf, a.type_procedure,
       a.id_fonds, a.id_convention AS id_convention_aide,
       a.emplois_prevus, a.emplois_crees, a.montant_revitalisation, a.cofinancement_public,
       a.cofinancement_prive
FROM int_aides a
UNION ALL BY NAME
SELECT 'convention' AS fait, c.code_ze, c.code_departement_site AS code_departement,
       c.code_region_site AS code_region, c.annee, c.id_convention, c.montant_engage, c.type_procedure
FROM int_convention_resultats c
