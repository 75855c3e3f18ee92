-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- One convention with its restructuring and its obligations (one row, none when unknown).
SELECT k.*, r.groupe, rc.libelle AS commune, d.libelle AS libelle_departement
FROM kpi_convention AS k
LEFT JOIN stg_restructurations AS r USING (id_restructuration)
LEFT JOIN ref_commune AS rc ON rc.code_commune = k.code_commune
LEFT JOIN ref_departement AS d ON d.code_departement = k.departement
WHERE k.id_convention = $id_convention AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], k.departement))
