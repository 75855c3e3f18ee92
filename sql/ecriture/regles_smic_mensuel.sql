-- core.regles.smic_entrepot: the monthly SMIC in force from each date
SELECT date_debut, CAST(smic_mensuel AS DOUBLE) AS smic_mensuel FROM ref_smic ORDER BY date_debut
