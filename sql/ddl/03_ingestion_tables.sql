-- What the ingestion keeps beside the data: the log of batches, rejected rows, flags.
CREATE TABLE IF NOT EXISTS ingestion_log (
    batch_id          VARCHAR PRIMARY KEY,
    source            VARCHAR NOT NULL,      -- folder or workbook name as given
    fichiers          VARCHAR NOT NULL,      -- JSON list of files / sheets read
    content_hash      VARCHAR NOT NULL,      -- sha256 of the batch's content
    nb_charges        INTEGER NOT NULL,
    nb_rejetes        INTEGER NOT NULL,
    nb_signales       INTEGER NOT NULL,
    detail            VARCHAR NOT NULL,      -- JSON: per dataset loaded/rejected/flagged
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP NOT NULL,
    utilisateur       VARCHAR,               -- e-mail of who loaded it ('local' in local mode)
    role              VARCHAR                -- their role then (administrateur, redacteur)
);
-- Rejected rows: nothing the user sent is lost. Their raw cells (JSON, 390 bytes a row) are
-- compressed with ZSTD: DuckDB's default for text (dictionary + FSST) took 0,5 s to write 179 000
-- of them and 23 MB, ZSTD 0,2 s and 9 MB (read only when a person opens a rejected row). A
-- warehouse built before is moved to this definition by pipelines.loader.migrer.
CREATE TABLE IF NOT EXISTS quarantine (
    batch_id          VARCHAR NOT NULL,
    dataset           VARCHAR NOT NULL,
    fichier           VARCHAR NOT NULL,
    ligne             INTEGER NOT NULL,
    colonne           VARCHAR,
    valeur            VARCHAR,
    message           VARCHAR NOT NULL,      -- French sentence for a DDETS officer
    cle               VARCHAR,               -- the row's id when it could be read
    departement       VARCHAR,               -- the row's département when it could be told (scope of readers)
    donnees_brutes    VARCHAR NOT NULL USING COMPRESSION zstd,   -- JSON of the raw row
    corrige_par_batch VARCHAR                -- set when a later batch loaded a valid row with the same id
);
-- Flags: rows loaded but carrying a warning (above 4 x SMIC, duration over 36 months, ...).
CREATE TABLE IF NOT EXISTS signalements (
    dataset           VARCHAR NOT NULL,
    cle               VARCHAR NOT NULL,      -- the row's id (or composite key joined by '|')
    code              VARCHAR NOT NULL,      -- e.g. TAUX_SMIC_SUP_4, DUREE_SUP_36, SIGNATURE_TARDIVE
    colonne           VARCHAR,
    message           VARCHAR NOT NULL,
    batch_id          VARCHAR NOT NULL,
    fichier           VARCHAR NOT NULL,
    ligne             INTEGER NOT NULL
);
