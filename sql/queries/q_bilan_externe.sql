-- Published bilans (ref_bilan_externe: Cour des comptes 2015) beside the observatory's own figure
-- for the same signature years: conventions signed and euros committed.
SELECT
    b.indicateur,
    b.libelle,
    b.annee_debut,
    b.annee_fin,
    b.valeur AS valeur_publiee,
    b.unite,
    b.source,
    b.url,
    CASE b.indicateur
        WHEN 'nb_conventions' THEN (SELECT count(*) FROM stg_conventions c
                                    WHERE c.annee BETWEEN b.annee_debut AND b.annee_fin)
        WHEN 'montant_engage' THEN (SELECT coalesce(sum(c.montant_engage), 0) FROM stg_conventions c
                                    WHERE c.annee BETWEEN b.annee_debut AND b.annee_fin)
    END AS valeur_observatoire
FROM ref_bilan_externe b
ORDER BY b.annee_debut, b.indicateur DESC
