-- One row per aid: resolved geography (commune -> zone, département, région), NAF section,
-- operator (the fund's gestionnaire for a fund aid, the convention's operateur for a direct aid),
-- jobs created = latest follow-up (0 when none, see int_aide_resultats).
-- TABLE, rebuilt by pipelines.warehouse.refresh_derived after every batch: the filtered macros
-- and the detail queries read it instead of re-joining aids, follow-ups and geography each time.
-- incrémental : aide = id_aide
CREATE OR REPLACE TABLE int_aides AS
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
    n.section_naf,
    a.type_aide,
    a.date_decision,
    a.annee,
    a.montant_revitalisation,
    a.cofinancement_public,
    a.cofinancement_prive,
    a.emplois_prevus,
    coalesce(s.emplois_crees, 0) AS emplois_crees,
    s.date_dernier_constat,
    coalesce(s.nb_constats, 0) AS nb_constats,
    CASE WHEN a.id_fonds IS NOT NULL THEN f.gestionnaire ELSE c.operateur END AS operateur,
    c.id_restructuration,
    r.type_procedure
FROM stg_aides a
LEFT JOIN int_aide_resultats s ON s.id_aide = a.id_aide
LEFT JOIN ref_commune g ON g.code_commune = a.code_commune
LEFT JOIN stg_naf_sections n ON n.division_naf = a.division_naf
LEFT JOIN stg_fonds f ON f.id_fonds = a.id_fonds
LEFT JOIN stg_conventions c ON c.id_convention = a.id_convention
-- the raw table, not stg_restructurations: only the procedure type is needed, not the site geography
LEFT JOIN restructurations r ON r.id_restructuration = c.id_restructuration
-- in id order: full row groups, the partial one last, so appending a refreshed row rewrites only it
ORDER BY id_aide
