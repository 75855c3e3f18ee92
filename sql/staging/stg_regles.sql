-- The legal parameters of ref_regle as one typed row: every view reads its rules from here.
-- Fractions are written '2/3' (or '0.5'): numerator and denominator are kept apart so that
-- comparisons stay exact (elapsed × denominator > numerator × duration).
CREATE OR REPLACE VIEW stg_regles AS
SELECT
    max(CASE WHEN cle = 'multiple_minimum' THEN CAST(valeur AS DOUBLE) END)           AS multiple_minimum,
    max(CASE WHEN cle = 'multiple_penalite' THEN CAST(valeur AS DOUBLE) END)          AS multiple_penalite,
    max(CASE WHEN cle = 'duree_max_mois' THEN CAST(valeur AS INTEGER) END)            AS duree_max_mois,
    max(CASE WHEN cle = 'delai_signature_mois' THEN CAST(valeur AS INTEGER) END)      AS delai_signature_mois,
    coalesce(max(CASE WHEN cle = 'date_reference_smic' THEN valeur END), 'signature') AS date_reference_smic,
    max(CASE WHEN cle = 'tolerance_conformite_euros' THEN CAST(valeur AS DOUBLE) END) AS tolerance_conformite_euros,
    max(CASE WHEN cle = 'periodicite_comite_mois' THEN CAST(valeur AS INTEGER) END)   AS periodicite_comite_mois,
    max(CASE WHEN cle = 'horizon_fin_convention_mois' THEN CAST(valeur AS INTEGER) END) AS horizon_fin_convention_mois,
    max(CASE WHEN cle = 'part_duree_sous_consommation'
             THEN CAST(split_part(valeur, '/', 1) AS DOUBLE) END)                     AS part_duree_num,
    max(CASE WHEN cle = 'part_duree_sous_consommation'
             THEN coalesce(CAST(NULLIF(split_part(valeur, '/', 2), '') AS DOUBLE), 1) END) AS part_duree_den,
    max(CASE WHEN cle = 'part_consommation_minimale'
             THEN CAST(split_part(valeur, '/', 1) AS DOUBLE) END)                     AS part_consommation_num,
    max(CASE WHEN cle = 'part_consommation_minimale'
             THEN coalesce(CAST(NULLIF(split_part(valeur, '/', 2), '') AS DOUBLE), 1) END) AS part_consommation_den
FROM ref_regle
