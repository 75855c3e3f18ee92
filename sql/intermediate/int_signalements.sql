-- Flags resolved to what they are about: restructuring, convention, fund, aid, and the territory
-- (an aid or its follow-up: where the jobs are created; a restructuring, convention or dotation:
-- the restructuring's site; a fund: its département, no zone). Composite keys are 'a|b|c'.
-- TABLE, rebuilt by pipelines.warehouse.refresh_derived after every batch.
-- incrémental : restructuration = id_restructuration, convention = id_convention, fonds = id_fonds, aide = id_aide
CREATE OR REPLACE TABLE int_signalements AS
WITH cles AS (
    SELECT
        s.*,
        CASE WHEN s.dataset = 'restructurations' THEN s.cle END AS k_restructuration,
        CASE WHEN s.dataset = 'conventions' THEN s.cle
             WHEN s.dataset = 'dotations' THEN split_part(s.cle, '|', 1) END AS k_convention,
        CASE WHEN s.dataset = 'fonds' THEN s.cle
             WHEN s.dataset = 'dotations' THEN split_part(s.cle, '|', 2) END AS k_fonds,
        CASE WHEN s.dataset = 'aides' THEN s.cle
             WHEN s.dataset = 'suivi_emplois' THEN split_part(s.cle, '|', 1) END AS k_aide
    FROM signalements s
)
SELECT
    k.dataset,
    k.cle,
    k.code,
    k.colonne,
    k.message,
    k.batch_id,
    k.fichier,
    k.ligne,
    coalesce(r.id_restructuration, c.id_restructuration, ca.id_restructuration) AS id_restructuration,
    coalesce(c.id_convention, a.id_convention) AS id_convention,
    coalesce(f.id_fonds, a.id_fonds) AS id_fonds,
    a.id_aide,
    CASE WHEN a.id_aide IS NOT NULL THEN ga.code_ze
         WHEN c.id_convention IS NOT NULL THEN rc.code_ze
         ELSE r.code_ze END AS code_ze,
    CASE WHEN a.id_aide IS NOT NULL THEN ga.code_departement
         WHEN c.id_convention IS NOT NULL THEN rc.code_departement
         WHEN r.id_restructuration IS NOT NULL THEN r.code_departement
         ELSE f.departement END AS code_departement,
    CASE WHEN a.id_aide IS NOT NULL THEN ga.code_region
         WHEN c.id_convention IS NOT NULL THEN rc.code_region
         WHEN r.id_restructuration IS NOT NULL THEN r.code_region
         ELSE f.code_region END AS code_region
FROM cles k
LEFT JOIN stg_restructurations r ON r.id_restructuration = k.k_restructuration
LEFT JOIN stg_conventions c ON c.id_convention = k.k_convention
LEFT JOIN stg_restructurations rc ON rc.id_restructuration = c.id_restructuration
LEFT JOIN stg_fonds f ON f.id_fonds = k.k_fonds
LEFT JOIN stg_aides a ON a.id_aide = k.k_aide
LEFT JOIN ref_commune ga ON ga.code_commune = a.code_commune
LEFT JOIN stg_conventions ca ON ca.id_convention = a.id_convention
