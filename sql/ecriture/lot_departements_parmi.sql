-- pipelines.lignes_entrepot: id → département of the rows whose id a batch names (_lot_valeurs).
-- The placeholder is the SELECT of one lot_departements_* file of sql/ (never user input).
SELECT * FROM ({requete}) AS d WHERE id IN (SELECT v FROM _lot_valeurs)
