-- Each fund's share per contributing convention: the convention's dotations to the fund over all
-- the fund's dotations. A fund's aids are attributed to its contributors with these parts.
-- TABLE, rebuilt by pipelines.warehouse.refresh_derived after every batch.
-- incrémental : fonds = id_fonds
CREATE OR REPLACE TABLE int_affectation_fonds AS
WITH par_convention AS (
    SELECT id_fonds, id_convention, sum(montant) AS montant_dotations
    FROM stg_dotations
    GROUP BY id_fonds, id_convention
)
SELECT
    id_fonds,
    id_convention,
    montant_dotations,
    montant_dotations / sum(montant_dotations) OVER (PARTITION BY id_fonds) AS part
FROM par_convention
