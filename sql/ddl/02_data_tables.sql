-- The data contract's datasets. Every row keeps its lineage: batch_id, fichier, ligne
-- (row number as the user sees it in the file, header = 1).
-- A row's key (pipelines.contract: Dataset.key) is unique, kept so by the loader, not by a PRIMARY KEY:
-- validation rejects a key twice in one batch, and a key already in the table corrects that row in place
-- (sql/ecriture/lot_corriger_lignes.sql). DuckDB's key index made the ×10 load write and commit twice as
-- slow and the warehouse file twice as large (160 → 84 MB); tests/pipelines/test_loader.py checks the
-- keys stay unique.
CREATE TABLE IF NOT EXISTS restructurations (
    id_restructuration VARCHAR NOT NULL,
    siren              VARCHAR NOT NULL,
    raison_sociale     VARCHAR NOT NULL,
    groupe             VARCHAR,
    code_commune_saisi VARCHAR NOT NULL,   -- code as sent by the user
    code_commune       VARCHAR NOT NULL,   -- resolved reference commune (COG 2025)
    date_notification  DATE NOT NULL,
    type_procedure     VARCHAR NOT NULL,
    emplois_supprimes  INTEGER NOT NULL,
    batch_id           VARCHAR NOT NULL,
    fichier            VARCHAR NOT NULL,
    ligne              INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS conventions (
    id_convention      VARCHAR NOT NULL,
    id_restructuration VARCHAR NOT NULL,
    date_signature     DATE NOT NULL,
    duree_mois         INTEGER NOT NULL,
    departement        VARCHAR NOT NULL,
    taux_smic          DOUBLE,
    montant_engage     DECIMAL(18, 2) NOT NULL,
    modalite           VARCHAR NOT NULL,
    operateur          VARCHAR,
    objectif_emplois   INTEGER NOT NULL,
    statut             VARCHAR NOT NULL,
    commentaire        VARCHAR,
    batch_id           VARCHAR NOT NULL,
    fichier            VARCHAR NOT NULL,
    ligne              INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS fonds (
    id_fonds           VARCHAR NOT NULL,
    nom                VARCHAR NOT NULL,
    departement        VARCHAR NOT NULL,
    gestionnaire       VARCHAR NOT NULL,
    date_creation      DATE,
    commentaire        VARCHAR,
    batch_id           VARCHAR NOT NULL,
    fichier            VARCHAR NOT NULL,
    ligne              INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dotations (
    id_convention      VARCHAR NOT NULL,
    id_fonds           VARCHAR NOT NULL,
    montant            DECIMAL(18, 2) NOT NULL,
    date_versement     DATE NOT NULL,
    batch_id           VARCHAR NOT NULL,
    fichier            VARCHAR NOT NULL,
    ligne              INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS aides (
    id_aide              VARCHAR NOT NULL,
    id_convention        VARCHAR,
    id_fonds             VARCHAR,
    siren_beneficiaire   VARCHAR,
    nom_beneficiaire     VARCHAR NOT NULL,
    code_commune_saisi   VARCHAR NOT NULL,
    code_commune         VARCHAR NOT NULL,
    code_naf             VARCHAR,
    type_aide            VARCHAR NOT NULL,
    date_decision        DATE NOT NULL,
    montant_revitalisation DECIMAL(18, 2) NOT NULL,
    cofinancement_public DECIMAL(18, 2) NOT NULL,
    cofinancement_prive  DECIMAL(18, 2) NOT NULL,
    emplois_prevus       INTEGER NOT NULL,
    batch_id             VARCHAR NOT NULL,
    fichier              VARCHAR NOT NULL,
    ligne                INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS suivi_emplois (
    id_aide            VARCHAR NOT NULL,
    date_constat       DATE NOT NULL,
    emplois_crees      INTEGER NOT NULL,
    batch_id           VARCHAR NOT NULL,
    fichier            VARCHAR NOT NULL,
    ligne              INTEGER NOT NULL
);
-- Follow-up committees (data contract v2): one meeting of a convention's or a fund's committee.
CREATE TABLE IF NOT EXISTS comites (
    id_comite          VARCHAR NOT NULL,
    id_convention      VARCHAR,              -- exactly one of id_convention, id_fonds
    id_fonds           VARCHAR,
    date_comite        DATE NOT NULL,
    type_comite        VARCHAR NOT NULL,     -- ANNUEL, FINAL, AUTRE
    commentaire        VARCHAR,
    batch_id           VARCHAR NOT NULL,
    fichier            VARCHAR NOT NULL,
    ligne              INTEGER NOT NULL
);
