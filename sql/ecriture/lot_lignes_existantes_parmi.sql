-- pipelines.lignes_entrepot: key and rule-relevant columns of the rows already loaded whose
-- {colonne} is one of the ids a batch names (_lot_valeurs, registered by the loader).
-- {colonnes}, {table}, {colonne}: names from the data contract (pipelines/contract.py), never user input.
SELECT {colonnes} FROM {table} WHERE {colonne} IN (SELECT v FROM _lot_valeurs)
