-- Départements for pickers: code, name, région.
SELECT d.code_departement, d.libelle, d.code_region, r.libelle AS libelle_region
FROM ref_departement AS d JOIN ref_region AS r USING (code_region)
ORDER BY d.code_departement
