-- core.regles.charger_regles: one legal rule (data/rules/regles.csv)
INSERT INTO ref_regle VALUES ($cle, $valeur, $libelle, $article)
