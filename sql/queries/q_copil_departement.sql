-- COPIL pack: the département itself (name, overseas or not); no row when the code is unknown.
SELECT code_departement, libelle, outre_mer
FROM ref_departement
WHERE code_departement = $departement
