-- core.regles.charger_regles: the published bilans are replaced, never appended
DELETE FROM ref_bilan_externe
