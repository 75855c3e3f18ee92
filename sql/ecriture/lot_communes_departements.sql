-- pipelines.loader: commune → département, for the département of a restructuring's site
SELECT code_commune, code_departement FROM ref_commune
