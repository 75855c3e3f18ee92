-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- A contributing convention of another département shows its amount, not its firm.
-- Contributors of one fund: dotations by convention, with the share of the fund's total.
SELECT CASE WHEN ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], c.departement)) THEN d.id_convention END AS id_convention,
       CASE WHEN ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], c.departement)) THEN r.raison_sociale
            ELSE 'Convention d''un autre département (' || c.departement || ')' END AS raison_sociale, count(*) AS nb_versements,
       min(d.date_versement) AS premier_versement, max(d.date_versement) AS dernier_versement,
       sum(d.montant) AS montant,
       sum(d.montant) / nullif(sum(sum(d.montant)) OVER (), 0) AS part
FROM stg_dotations AS d
LEFT JOIN stg_conventions AS c USING (id_convention)
LEFT JOIN stg_restructurations AS r USING (id_restructuration)
WHERE d.id_fonds = $id_fonds AND d.id_fonds IN (SELECT id_fonds FROM stg_fonds WHERE ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], departement)))
GROUP BY d.id_convention, r.raison_sociale, c.departement
ORDER BY montant DESC, d.id_convention
