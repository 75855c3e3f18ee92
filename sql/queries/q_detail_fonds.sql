-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- One pooled fund with its figures (one row, none when unknown).
SELECT k.*, d.libelle AS libelle_departement
FROM kpi_fonds AS k
LEFT JOIN ref_departement AS d ON d.code_departement = k.departement
WHERE k.id_fonds = $id_fonds AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], k.departement))
