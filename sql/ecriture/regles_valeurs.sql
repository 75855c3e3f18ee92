-- core.regles.regles_entrepot: every rule of the warehouse, as text
SELECT cle, valeur FROM ref_regle
