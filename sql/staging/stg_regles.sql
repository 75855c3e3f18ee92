-- The legal parameters of ref_regle as one typed row: every view reads its rules from here.
CREATE OR REPLACE VIEW stg_regles AS
SELECT
    max(CASE WHEN cle = 'multiple_minimum' THEN CAST(valeur AS DOUBLE) END)           AS multiple_minimum,
    max(CASE WHEN cle = 'multiple_penalite' THEN CAST(valeur AS DOUBLE) END)          AS multiple_penalite,
    max(CASE WHEN cle = 'duree_max_mois' THEN CAST(valeur AS INTEGER) END)            AS duree_max_mois,
    max(CASE WHEN cle = 'delai_signature_mois' THEN CAST(valeur AS INTEGER) END)      AS delai_signature_mois,
    coalesce(max(CASE WHEN cle = 'date_reference_smic' THEN valeur END), 'signature') AS date_reference_smic,
    max(CASE WHEN cle = 'tolerance_conformite_euros' THEN CAST(valeur AS DOUBLE) END) AS tolerance_conformite_euros
FROM ref_regle
