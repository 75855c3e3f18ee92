-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- COPIL pack: distinct firms helped by the département's pooled funds taken together (a firm helped
-- by two funds counts once: the figure a COPIL publishes, "about 170 firms"), with the same scope and
-- year filters as q_copil_kpi_fonds.
SELECT count(DISTINCT a.siren_beneficiaire) AS nb_beneficiaires
FROM int_aides AS a
JOIN stg_fonds AS f ON f.id_fonds = a.id_fonds
WHERE f.departement = $departement AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], f.departement))
  AND ($fonds IS NULL OR f.id_fonds = $fonds)
  AND ($convention IS NULL OR f.id_fonds IN (SELECT d.id_fonds FROM dotations AS d WHERE d.id_convention = $convention))
  AND ($annee_debut IS NULL OR a.annee >= $annee_debut)
  AND ($annee_fin IS NULL OR a.annee <= $annee_fin)
  AND ($type_aide IS NULL OR a.type_aide = $type_aide)
