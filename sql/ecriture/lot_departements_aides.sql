-- pipelines.loader: id → département of the aids already loaded (their convention's or fund's)
SELECT a.id_aide AS id, coalesce(c.departement, f.departement) AS departement FROM aides a LEFT JOIN conventions c USING (id_convention) LEFT JOIN fonds f ON f.id_fonds = a.id_fonds
