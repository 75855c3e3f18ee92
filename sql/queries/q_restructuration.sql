-- One restructuring with its site (commune, département) and whether it has a convention.
SELECT
    r.id_restructuration, r.siren, r.raison_sociale, r.groupe, r.code_commune, c.libelle AS commune,
    r.code_departement AS departement, d.libelle AS libelle_departement, r.date_notification,
    r.type_procedure, r.emplois_supprimes,
    (SELECT count(*) FROM stg_conventions v WHERE v.id_restructuration = r.id_restructuration) AS nb_conventions
FROM stg_restructurations r
LEFT JOIN ref_commune c ON c.code_commune = r.code_commune
LEFT JOIN ref_departement d ON d.code_departement = r.code_departement
WHERE r.id_restructuration = $restructuration
