-- Reference geography (INSEE/IGN, see data/reference/SOURCES.md) and dated legal rules.
CREATE TABLE IF NOT EXISTS ref_region (
    code_region      VARCHAR PRIMARY KEY,
    libelle          VARCHAR NOT NULL,
    population       BIGINT,
    outre_mer        BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS ref_departement (
    code_departement VARCHAR PRIMARY KEY,
    libelle          VARCHAR NOT NULL,
    code_region      VARCHAR NOT NULL,
    population       BIGINT,
    outre_mer        BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS ref_zone_emploi (
    code_ze          VARCHAR PRIMARY KEY,
    libelle          VARCHAR NOT NULL,
    code_departement VARCHAR NOT NULL,   -- département holding most of the zone's population
    code_region      VARCHAR NOT NULL,   -- région holding most of the zone's population
    departements     VARCHAR NOT NULL,   -- ';'-separated list of every département touched
    regions          VARCHAR NOT NULL,
    nb_communes      INTEGER,
    population       BIGINT,
    superficie_km2   DOUBLE,
    outre_mer        BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS ref_commune (
    code_commune     VARCHAR PRIMARY KEY,   -- COG 2025
    libelle          VARCHAR NOT NULL,
    code_ze          VARCHAR NOT NULL,
    code_departement VARCHAR NOT NULL,
    code_region      VARCHAR NOT NULL,
    population       BIGINT
);
-- Codes that are not reference communes but resolve to one: arrondissements (ARM), secteurs (SRM),
-- communes déléguées (COMD) / associées (COMA), communes merged since COG 2024 (FUSION).
CREATE TABLE IF NOT EXISTS ref_commune_alias (
    code             VARCHAR PRIMARY KEY,
    type             VARCHAR NOT NULL,
    libelle          VARCHAR,
    code_commune     VARCHAR NOT NULL
);
-- Simplified geometry (GeoJSON text, EPSG:4326, rings wound for Plotly) per level and code.
CREATE TABLE IF NOT EXISTS ref_geometrie (
    niveau           VARCHAR NOT NULL,      -- 'zone_emploi', 'departement', 'region'
    code             VARCHAR NOT NULL,
    geojson          VARCHAR NOT NULL,
    PRIMARY KEY (niveau, code)
);
-- Monthly SMIC (35 h, metropolitan France) by date in force.
CREATE TABLE IF NOT EXISTS ref_smic (
    date_debut       DATE PRIMARY KEY,
    smic_horaire     DECIMAL(8, 4) NOT NULL,
    smic_mensuel     DECIMAL(10, 2) NOT NULL,
    source           VARCHAR
);
-- Legal parameters as data: multiples, durations, deadlines, which date picks the SMIC.
CREATE TABLE IF NOT EXISTS ref_regle (
    cle              VARCHAR PRIMARY KEY,
    valeur           VARCHAR NOT NULL,
    libelle          VARCHAR NOT NULL,
    article          VARCHAR
);
-- Published figures the observatory's own are shown beside (data/rules/bilans_externes.csv).
CREATE TABLE IF NOT EXISTS ref_bilan_externe (
    indicateur       VARCHAR NOT NULL,      -- column of the observatory it compares with (nb_conventions…)
    libelle          VARCHAR NOT NULL,
    annee_debut      INTEGER NOT NULL,
    annee_fin        INTEGER NOT NULL,
    valeur           DOUBLE NOT NULL,
    unite            VARCHAR NOT NULL,
    source           VARCHAR NOT NULL,
    url              VARCHAR,
    PRIMARY KEY (indicateur, annee_debut, annee_fin)
);
