-- Pooled funds with the région of their département.
CREATE OR REPLACE VIEW stg_fonds AS
SELECT
    f.id_fonds,
    f.nom,
    f.departement,
    d.code_region,
    f.gestionnaire,
    f.date_creation,
    f.commentaire
FROM fonds f
LEFT JOIN ref_departement d ON d.code_departement = f.departement
