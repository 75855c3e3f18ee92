-- Which convention each aid counts for, and for what share: a direct aid entirely (part 1) to its
-- convention; a fund aid to every convention that paid into the fund, pro rata of its dotations
-- (int_affectation_fonds). A fund aid whose fund received no dotation has no row.
-- A view, not a derived table: it expands every fund aid once per contributing convention (350 000
-- rows on the sample, 0,1 s to store at each batch) while its two readers, the detail queries of a
-- zone and of a convention, cost about the same either way (int_affectation_fonds is a table).
CREATE OR REPLACE VIEW int_attribution AS
SELECT a.id_aide, a.id_convention, CAST(NULL AS VARCHAR) AS id_fonds, 1.0::DOUBLE AS part
FROM stg_aides a
WHERE a.id_convention IS NOT NULL
UNION ALL
SELECT a.id_aide, p.id_convention, a.id_fonds, p.part
FROM stg_aides a
JOIN int_affectation_fonds p ON p.id_fonds = a.id_fonds
WHERE a.id_convention IS NULL
