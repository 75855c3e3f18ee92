-- Money one convention paid into pooled funds.
SELECT d.id_fonds, f.nom AS fonds, d.date_versement, d.montant
FROM stg_dotations AS d
LEFT JOIN stg_fonds AS f USING (id_fonds)
WHERE d.id_convention = $id_convention
ORDER BY d.date_versement, d.id_fonds
