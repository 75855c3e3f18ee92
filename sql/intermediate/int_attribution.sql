-- Which convention each aid counts for, and for what share: a direct aid entirely (part 1) to its
-- convention; a fund aid to every convention that paid into the fund, pro rata of its dotations
-- (int_affectation_fonds). A fund aid whose fund received no dotation has no row.
-- TABLE, rebuilt by pipelines.warehouse.refresh_derived after every batch.
CREATE OR REPLACE TABLE int_attribution AS
SELECT a.id_aide, a.id_convention, CAST(NULL AS VARCHAR) AS id_fonds, 1.0::DOUBLE AS part
FROM stg_aides a
WHERE a.id_convention IS NOT NULL
UNION ALL
SELECT a.id_aide, p.id_convention, a.id_fonds, p.part
FROM stg_aides a
JOIN int_affectation_fonds p ON p.id_fonds = a.id_fonds
WHERE a.id_convention IS NULL
