-- Completion rate: jobs created per job planned by the aids; NULL without planned jobs.
CREATE OR REPLACE MACRO taux_realisation(emplois_crees, emplois_prevus) AS
    emplois_crees / NULLIF(emplois_prevus, 0)
