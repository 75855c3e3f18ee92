-- pipelines.refresh: what a batch touches, noted in _lot_touches for refreshing only those rows of
-- the derived tables (pipelines.schema.refresh_derived reads it).
-- _lot_racines (parametre, id), a frame registered by pipelines.refresh.noter_touches: under
-- 'restructurations', 'conventions', 'fonds', 'aides' the ids of the batch's valid rows (a
-- follow-up gives its aid); under 'dotations_conventions', 'dotations_fonds' the convention and
-- fund of each dotation (they change shares and operators, not the aids). Run on the warehouse before
-- the batch is written and again after (an aid moved from one convention to another touches
-- both), the two results united. Each derived table declares which of these ids identify its
-- rows (`-- incrémental :` in its file).
INSERT INTO _lot_touches
WITH r AS (
    SELECT id FROM _lot_racines WHERE parametre = 'restructurations'
), c0 AS (   -- conventions named, and those of a restructuring named (site, company)
    SELECT id FROM _lot_racines WHERE parametre = 'conventions'
    UNION
    SELECT id_convention FROM conventions WHERE id_restructuration IN (SELECT id FROM r)
), f0 AS (
    SELECT id FROM _lot_racines WHERE parametre = 'fonds'
), a AS (    -- aids named, and those of a convention or fund touched (operator, procedure)
    SELECT id FROM _lot_racines WHERE parametre = 'aides'
    UNION
    SELECT id_aide FROM aides
    WHERE id_convention IN (SELECT id FROM c0) OR id_fonds IN (SELECT id FROM f0)
), f AS (    -- funds named, and those an aid touched belongs to
    SELECT id FROM f0
    UNION
    SELECT id FROM _lot_racines WHERE parametre = 'dotations_fonds'
    UNION
    SELECT id_fonds FROM aides WHERE id_aide IN (SELECT id FROM a) AND id_fonds IS NOT NULL
), c AS (    -- conventions whose attributed results change: their own aids, or a fund they pay into
    SELECT id FROM c0
    UNION
    SELECT id FROM _lot_racines WHERE parametre = 'dotations_conventions'
    UNION
    SELECT id_convention FROM aides WHERE id_aide IN (SELECT id FROM a) AND id_convention IS NOT NULL
    UNION
    SELECT id_convention FROM dotations WHERE id_fonds IN (SELECT id FROM f)
)
SELECT 'restructuration' AS nature, id FROM r
UNION ALL SELECT 'convention', id FROM c
UNION ALL SELECT 'fonds', id FROM f
UNION ALL SELECT 'aide', id FROM a
