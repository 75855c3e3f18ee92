-- Columns added with the habilitations (who loaded a batch, which département a rejected row
-- belongs to): a warehouse built before them gets them here (the ingestion runs this file too).
ALTER TABLE ingestion_log ADD COLUMN IF NOT EXISTS utilisateur VARCHAR;
ALTER TABLE ingestion_log ADD COLUMN IF NOT EXISTS role VARCHAR;
ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS departement VARCHAR;
