-- The unfiltered facts every territorial indicator is summed from, located, one row each:
--   'restructuration' rows (jobs cut, by notification year, located at the site),
--   'aide' rows (aid figures, by decision year, located where the jobs are created),
--   'convention' rows (amount committed, by signature year, located at the restructuring's site).
-- type_procedure is the restructuring's (for an aid: its direct convention's restructuring, NULL
-- for a fund aid); id_fonds and id_convention_aide say who financed an aid. A VIEW over two
-- derived tables, int_faits_sites (restructurations, conventions) and int_aides (the aids, whose
-- columns are read as they are): no nested view to plan; int_faits_f filters and weights it.
CREATE OR REPLACE VIEW int_faits AS
SELECT fait, code_ze, code_departement, code_region, annee,
       id_restructuration, emplois_supprimes, type_procedure,
       id_aide, siren_beneficiaire, type_aide, operateur, section_naf, id_fonds, id_convention_aide,
       emplois_prevus, emplois_crees, montant_revitalisation, cofinancement_public, cofinancement_prive,
       id_convention, montant_engage
FROM (
    SELECT * FROM int_faits_sites
    UNION ALL BY NAME
    SELECT 'aide' AS fait, a.code_ze, a.code_departement, a.code_region, a.annee,
           a.id_aide, a.siren_beneficiaire, a.type_aide, a.operateur, a.section_naf, a.type_procedure,
           a.id_fonds, a.id_convention AS id_convention_aide,
           a.emplois_prevus, a.emplois_crees, a.montant_revitalisation, a.cofinancement_public,
           a.cofinancement_prive
    FROM int_aides a
)
