-- One pooled fund with its figures (one row, none when unknown).
SELECT k.*, f.gestionnaire, f.date_creation, f.commentaire, d.libelle AS libelle_departement
FROM kpi_fonds AS k
JOIN stg_fonds AS f USING (id_fonds)
LEFT JOIN ref_departement AS d ON d.code_departement = f.departement
WHERE k.id_fonds = $id_fonds
