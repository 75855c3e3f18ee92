-- core.regles.charger_regles: the SMIC table is replaced as a whole (idempotent reload)
DELETE FROM ref_smic
