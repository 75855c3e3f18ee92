-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- Jobs created by one fund's aids, by year.
SELECT * FROM emplois_fonds_par_annee WHERE id_fonds = $id_fonds AND id_fonds IN (SELECT id_fonds FROM stg_fonds WHERE ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], departement))) ORDER BY annee
