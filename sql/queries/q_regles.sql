-- The legal rules as stored (ref_regle): key, value, French label, article. Pages and the COPIL
-- pack read the values they show from here (2 × SMIC, 36 months, 6 months…).
SELECT cle, valeur, libelle, article FROM ref_regle ORDER BY cle
