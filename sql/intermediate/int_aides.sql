-- One row per aid: resolved geography, NAF section, operator (the fund's gestionnaire for a fund
-- aid, the convention's operateur for a direct aid), jobs created = latest follow-up (0 when none).
CREATE OR REPLACE VIEW int_aides AS
WITH dernier AS (
    SELECT
        id_aide,
        arg_max(emplois_crees, date_constat) AS emplois_crees,
        max(date_constat) AS date_dernier_constat,
        count(*) AS nb_constats
    FROM stg_suivi_emplois
    GROUP BY id_aide
)
SELECT
    a.id_aide,
    a.id_convention,
    a.id_fonds,
    a.siren_beneficiaire,
    a.nom_beneficiaire,
    a.code_commune,
    a.code_ze,
    a.code_departement,
    a.code_region,
    a.code_naf,
    n.section_naf,
    a.type_aide,
    a.date_decision,
    a.annee,
    a.montant_revitalisation,
    a.cofinancement_public,
    a.cofinancement_prive,
    a.emplois_prevus,
    coalesce(d.emplois_crees, 0) AS emplois_crees,
    d.date_dernier_constat,
    coalesce(d.nb_constats, 0) AS nb_constats,
    CASE WHEN a.id_fonds IS NOT NULL THEN f.gestionnaire ELSE c.operateur END AS operateur,
    c.id_restructuration,
    r.type_procedure
FROM stg_aides a
LEFT JOIN dernier d ON d.id_aide = a.id_aide
LEFT JOIN stg_naf_sections n ON a.division_naf BETWEEN n.division_min AND n.division_max
LEFT JOIN stg_fonds f ON f.id_fonds = a.id_fonds
LEFT JOIN stg_conventions c ON c.id_convention = a.id_convention
LEFT JOIN stg_restructurations r ON r.id_restructuration = c.id_restructuration
