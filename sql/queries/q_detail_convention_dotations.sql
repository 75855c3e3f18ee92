-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- Money one convention paid into pooled funds.
SELECT d.id_fonds, f.nom AS fonds, d.date_versement, d.montant
FROM stg_dotations AS d
LEFT JOIN stg_fonds AS f USING (id_fonds)
WHERE d.id_convention = $id_convention
  AND d.id_convention IN (SELECT id_convention FROM stg_conventions WHERE ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], departement)))
ORDER BY d.date_versement, d.id_fonds
