-- Firm-level rows (company names): only those of the viewer's départements ($perimetre_departements,
-- bound by the door).
-- The follow-up calendar on a reference date: one département, one région or everything (NULL),
-- optionally one type, only the late ones, or up to a horizon in months after the date (late ones
-- always kept). Late first, then by due date (as the macro sorts).
SELECT *
FROM echeances($date_ref)
WHERE ($departement IS NULL OR departement = $departement)
  AND ($code_region IS NULL OR code_region = $code_region)
  AND ($type_echeance IS NULL OR type_echeance = $type_echeance)
  AND (en_retard OR NOT coalesce($en_retard_seul, false))
  AND ($horizon_mois IS NULL OR en_retard
       OR date_echeance <= CAST($date_ref + to_months(CAST($horizon_mois AS INTEGER)) AS DATE))
  AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], departement))
ORDER BY en_retard DESC, date_echeance, type_echeance, id_convention NULLS FIRST, id_restructuration
