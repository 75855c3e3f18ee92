-- pipelines.loader: id → département of the conventions already loaded
SELECT id_convention AS id, departement FROM conventions
