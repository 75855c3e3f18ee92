-- core.regles.charger_regles: the rules are replaced as a whole (idempotent reload)
DELETE FROM ref_regle
