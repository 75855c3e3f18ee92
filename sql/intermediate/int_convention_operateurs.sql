-- The operators a convention works through: its own operateur, plus the gestionnaire of every
-- fund it paid into. Used by the operator filter for conventions and jobs cut.
-- TABLE, rebuilt by pipelines.warehouse.refresh_derived after every batch.
-- incrémental : convention = id_convention
CREATE OR REPLACE TABLE int_convention_operateurs AS
SELECT c.id_convention, c.id_restructuration, c.operateur
FROM stg_conventions c
WHERE c.operateur IS NOT NULL
UNION
SELECT c.id_convention, c.id_restructuration, f.gestionnaire AS operateur
FROM stg_dotations d
JOIN stg_conventions c ON c.id_convention = d.id_convention
JOIN stg_fonds f ON f.id_fonds = d.id_fonds
