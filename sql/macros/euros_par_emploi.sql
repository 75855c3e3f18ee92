-- Revitalisation euros per job created; NULL when no job was created.
CREATE OR REPLACE MACRO euros_par_emploi(revitalisation, emplois_crees) AS
    revitalisation / NULLIF(emplois_crees, 0)
