-- Aids with the geography of the commune where the jobs are created and the NAF division.
CREATE OR REPLACE VIEW stg_aides AS
SELECT
    a.id_aide,
    a.id_convention,
    a.id_fonds,
    a.siren_beneficiaire,
    a.nom_beneficiaire,
    a.code_commune,
    g.code_ze,
    g.code_departement,
    g.code_region,
    a.code_naf,
    TRY_CAST(substr(a.code_naf, 1, 2) AS INTEGER) AS division_naf,
    a.type_aide,
    a.date_decision,
    year(a.date_decision) AS annee,
    CAST(a.montant_revitalisation AS DOUBLE) AS montant_revitalisation,
    CAST(a.cofinancement_public AS DOUBLE) AS cofinancement_public,
    CAST(a.cofinancement_prive AS DOUBLE) AS cofinancement_prive,
    a.emplois_prevus
FROM aides a
LEFT JOIN ref_commune g ON g.code_commune = a.code_commune
