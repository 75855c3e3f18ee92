-- core.regles.smic_entrepot: which date (signature or notification) picks the SMIC
SELECT valeur FROM ref_regle WHERE cle = 'date_reference_smic'
