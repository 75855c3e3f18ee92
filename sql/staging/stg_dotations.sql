-- Dotations (a convention's money paid into a fund), money as DOUBLE, payment year.
CREATE OR REPLACE VIEW stg_dotations AS
SELECT
    id_convention,
    id_fonds,
    CAST(montant AS DOUBLE) AS montant,
    date_versement,
    year(date_versement) AS annee
FROM dotations
