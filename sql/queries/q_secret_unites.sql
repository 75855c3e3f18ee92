-- Unit-level rows for statistical secrecy (core.secret): one row per aid under the sidebar filters,
-- with its unit (the beneficiary firm's SIREN; an aid without SIREN is its own unit), where it is
-- (zone d'emploi, département, région), the breakdowns shown (instrument, operator, NAF section,
-- year) and the figures the secrecy rules test (revitalisation euros, jobs created), weighted as
-- every territorial figure is (int_faits_f).
SELECT
    coalesce(siren_beneficiaire, 'aide:' || id_aide) AS unite,
    coalesce(code_ze, 'NON_RENSEIGNE') AS code_ze,
    coalesce(code_departement, 'NON_RENSEIGNE') AS code_departement,
    coalesce(code_region, 'NON_RENSEIGNE') AS code_region,
    coalesce(type_aide, 'NON_RENSEIGNE') AS type_aide,
    coalesce(operateur, 'NON_RENSEIGNE') AS operateur,
    coalesce(section_naf, 'NON_RENSEIGNE') AS section_naf,
    CAST(annee AS VARCHAR) AS annee,
    coalesce(montant_revitalisation, 0)::DOUBLE AS montant_revitalisation,
    coalesce(emplois_crees, 0)::DOUBLE AS emplois_crees
FROM int_faits_f(NULL, NULL, $annee_debut, $annee_fin, $operateur, $type_aide, $type_procedure)
WHERE fait = 'aide'
ORDER BY unite, id_aide
