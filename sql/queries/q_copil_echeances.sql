-- Firm-level rows (company names): only those of the viewer's départements ($perimetre_departements,
-- bound by the door).
-- The COPIL pack's deadlines: the département's late ones and those falling due within
-- horizon_fin_convention_mois (ref_regle) of the COPIL date; one convention's only when the pack
-- is about a convention. Late first, then by due date.
SELECT e.*
FROM echeances($date_ref) e
CROSS JOIN stg_regles g
WHERE e.departement = $departement
  AND ($convention IS NULL OR e.id_convention = $convention)
  AND (e.en_retard OR e.date_echeance <= CAST($date_ref + to_months(g.horizon_fin_convention_mois) AS DATE))
  AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], e.departement))
ORDER BY e.en_retard DESC, e.date_echeance, e.type_echeance, e.id_convention NULLS FIRST, e.id_restructuration
