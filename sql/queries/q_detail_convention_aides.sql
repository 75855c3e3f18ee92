-- Aids attributed to one convention: its direct aids, and its share of its funds' aids.
SELECT a.id_aide, a.nom_beneficiaire, a.type_aide, a.date_decision, z.libelle AS zone_emploi,
       CASE WHEN a.id_fonds IS NULL THEN 'Directe' ELSE f.nom END AS via,
       t.part, a.montant_revitalisation, a.emplois_crees,
       t.part * a.montant_revitalisation AS montant_attribue,
       t.part * a.emplois_crees AS emplois_attribues
FROM int_attribution AS t
JOIN int_aides AS a USING (id_aide)
LEFT JOIN stg_fonds AS f ON f.id_fonds = a.id_fonds
LEFT JOIN ref_zone_emploi AS z ON z.code_ze = a.code_ze
WHERE t.id_convention = $id_convention
ORDER BY a.date_decision, a.id_aide
