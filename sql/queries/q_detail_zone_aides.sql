-- Firm-level rows: only the aids located in the viewer's départements (a zone may straddle two) ($perimetre_departements, bound by the door).
-- Aids located in one zone d'emploi (the firms supported there) under the sidebar filters.
SELECT a.id_aide, a.nom_beneficiaire, a.siren_beneficiaire, a.type_aide, a.date_decision,
       a.section_naf, a.operateur, coalesce(a.id_convention, a.id_fonds) AS financeur,
       a.montant_revitalisation, a.emplois_prevus, a.emplois_crees
FROM int_aides AS a
WHERE a.code_ze = $code_ze AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], a.code_departement))
  AND ($annee_debut IS NULL OR a.annee >= $annee_debut)
  AND ($annee_fin IS NULL OR a.annee <= $annee_fin)
  AND ($type_aide IS NULL OR a.type_aide = $type_aide)
  AND ($operateur IS NULL OR a.operateur = $operateur)
ORDER BY a.date_decision DESC, a.id_aide
