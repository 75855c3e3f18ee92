-- core.regles.charger_regles: one dated monthly SMIC (data/rules/smic.csv)
INSERT INTO ref_smic VALUES ($date_debut, $smic_horaire, $smic_mensuel, $source)
