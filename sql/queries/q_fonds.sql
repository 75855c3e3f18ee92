-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- Pooled funds under the year and instrument filters, optionally those of one département.
SELECT k.*
FROM kpi_fonds_f($annee_debut, $annee_fin, $type_aide) AS k
WHERE ($departement IS NULL OR k.departement = $departement)
  AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], k.departement))
ORDER BY k.departement, k.nom
