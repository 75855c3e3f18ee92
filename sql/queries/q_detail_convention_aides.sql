-- Firm-level rows: the convention's only if it is one of the viewer's départements ($perimetre_departements, bound by the door).
-- An aid of a fund of another département attributed to it keeps its figures but not its name.
-- Aids attributed to one convention: its direct aids, and its share of its funds' aids.
SELECT CASE WHEN ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], coalesce(f.departement, c.departement))) THEN a.id_aide END AS id_aide,
       CASE WHEN ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], coalesce(f.departement, c.departement))) THEN a.nom_beneficiaire
            ELSE 'Aide d''un fonds d''un autre département (' || f.departement || ')' END AS nom_beneficiaire, a.type_aide, a.date_decision, z.libelle AS zone_emploi,
       CASE WHEN a.id_fonds IS NULL THEN 'Directe' ELSE f.nom END AS via,
       t.part, a.montant_revitalisation, a.emplois_crees,
       t.part * a.montant_revitalisation AS montant_attribue,
       t.part * a.emplois_crees AS emplois_attribues
FROM int_attribution AS t
JOIN int_aides AS a USING (id_aide)
LEFT JOIN stg_fonds AS f ON f.id_fonds = a.id_fonds
JOIN stg_conventions AS c ON c.id_convention = t.id_convention
LEFT JOIN ref_zone_emploi AS z ON z.code_ze = a.code_ze
WHERE t.id_convention = $id_convention AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], c.departement))
ORDER BY a.date_decision, a.id_aide
