-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- COPIL pack: one fund's figures for a single year (the pack loops over years for the fund chart).
SELECT k.*
FROM kpi_fonds_f($annee, $annee, $type_aide) AS k
WHERE k.id_fonds = $fonds AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], k.departement))
