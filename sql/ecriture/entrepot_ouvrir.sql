-- pipelines.ingest: the warehouse's copy, opened with row groups of $lignes rows (LIGNES_GROUPE):
-- a batch of that many rows or more is written to the file as compressed groups at insert time.
-- $chemin: the copy's path, bound.
ATTACH $chemin AS entrepot (ROW_GROUP_SIZE $lignes)
