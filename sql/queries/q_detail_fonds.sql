-- One pooled fund with its figures (one row, none when unknown).
SELECT k.*, d.libelle AS libelle_departement
FROM kpi_fonds AS k
LEFT JOIN ref_departement AS d ON d.code_departement = k.departement
WHERE k.id_fonds = $id_fonds
