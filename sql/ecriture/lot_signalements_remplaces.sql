-- pipelines.loader: the flags of replaced rows go with them
DELETE FROM signalements WHERE dataset = $dataset AND cle IN (SELECT cle FROM _lot_valid)
