-- pipelines.refresh.en_partie: whether the derived tables hold nothing yet (int_aides, the
-- widest, stands for them): a first load recomputes them in full rather than row by row.
SELECT NOT EXISTS (SELECT 1 FROM int_aides)
