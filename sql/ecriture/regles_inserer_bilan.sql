-- core.regles.charger_regles: one published bilan (data/rules/bilans_externes.csv)
INSERT INTO ref_bilan_externe VALUES ($indicateur, $libelle, $annee_debut, $annee_fin, $valeur, $unite, $source, $url)
