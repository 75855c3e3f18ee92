-- pipelines.loader: id → département of the funds already loaded
SELECT id_fonds AS id, departement FROM fonds
