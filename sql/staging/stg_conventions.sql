-- Conventions, money as DOUBLE, signature year.
CREATE OR REPLACE VIEW stg_conventions AS
SELECT
    id_convention,
    id_restructuration,
    date_signature,
    year(date_signature) AS annee,
    duree_mois,
    departement,
    taux_smic,
    CAST(montant_engage AS DOUBLE) AS montant_engage,
    modalite,
    operateur,
    objectif_emplois,
    statut,
    commentaire
FROM conventions
