-- Restructurings with the geography of their site (resolved commune -> zone, département, région).
CREATE OR REPLACE VIEW stg_restructurations AS
SELECT
    r.id_restructuration,
    r.siren,
    r.raison_sociale,
    r.groupe,
    r.code_commune,
    g.code_ze,
    g.code_departement,
    g.code_region,
    r.date_notification,
    year(r.date_notification) AS annee,
    r.type_procedure,
    r.emplois_supprimes
FROM restructurations r
LEFT JOIN ref_commune g ON g.code_commune = r.code_commune
