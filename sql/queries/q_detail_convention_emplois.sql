-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- Jobs attributed to one convention, by year.
SELECT * FROM emplois_convention_par_annee WHERE id_convention = $id_convention
  AND id_convention IN (SELECT id_convention FROM stg_conventions WHERE ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], departement))) ORDER BY annee
