-- Contributors of one fund: dotations by convention, with the share of the fund's total.
SELECT d.id_convention, r.raison_sociale, count(*) AS nb_versements,
       min(d.date_versement) AS premier_versement, max(d.date_versement) AS dernier_versement,
       sum(d.montant) AS montant,
       sum(d.montant) / nullif(sum(sum(d.montant)) OVER (), 0) AS part
FROM stg_dotations AS d
LEFT JOIN stg_conventions AS c USING (id_convention)
LEFT JOIN stg_restructurations AS r USING (id_restructuration)
WHERE d.id_fonds = $id_fonds
GROUP BY d.id_convention, r.raison_sociale
ORDER BY montant DESC, d.id_convention
