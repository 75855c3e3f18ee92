-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- Beneficiaries of one fund: its aids under the year and instrument filters.
SELECT a.id_aide, a.nom_beneficiaire, a.siren_beneficiaire, a.type_aide, a.date_decision,
       z.libelle AS zone_emploi, a.montant_revitalisation, a.cofinancement_public,
       a.cofinancement_prive, a.emplois_prevus, a.emplois_crees
FROM int_aides AS a
LEFT JOIN ref_zone_emploi AS z ON z.code_ze = a.code_ze
WHERE a.id_fonds = $id_fonds AND a.id_fonds IN (SELECT id_fonds FROM stg_fonds WHERE ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], departement)))
  AND ($annee_debut IS NULL OR a.annee >= $annee_debut)
  AND ($annee_fin IS NULL OR a.annee <= $annee_fin)
  AND ($type_aide IS NULL OR a.type_aide = $type_aide)
ORDER BY a.date_decision DESC, a.id_aide
