-- Aids, money as DOUBLE, NAF division and decision year (geography is added in int_aides).
CREATE OR REPLACE VIEW stg_aides AS
SELECT
    id_aide,
    id_convention,
    id_fonds,
    siren_beneficiaire,
    nom_beneficiaire,
    code_commune,
    code_naf,
    TRY_CAST(substr(code_naf, 1, 2) AS INTEGER) AS division_naf,
    type_aide,
    date_decision,
    year(date_decision) AS annee,
    CAST(montant_revitalisation AS DOUBLE) AS montant_revitalisation,
    CAST(cofinancement_public AS DOUBLE) AS cofinancement_public,
    CAST(cofinancement_prive AS DOUBLE) AS cofinancement_prive,
    emplois_prevus
FROM aides
