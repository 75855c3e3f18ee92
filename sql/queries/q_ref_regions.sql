-- Régions for pickers: code and name.
SELECT code_region, libelle FROM ref_region ORDER BY code_region
