-- pipelines.loader: id → département of the restructurings already loaded (their site's)
SELECT r.id_restructuration AS id, c.code_departement AS departement FROM restructurations r LEFT JOIN ref_commune c USING (code_commune)
