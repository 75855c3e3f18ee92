-- pipelines.loader.migrer: every row of the quarantine set aside, into the table created again.
INSERT INTO quarantine BY NAME SELECT * FROM _quarantine_avant_zstd;
DROP TABLE _quarantine_avant_zstd
