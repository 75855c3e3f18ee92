-- Recreation rate: jobs created per job cut (a fraction, 0.6 = 60 %); NULL without jobs cut.
CREATE OR REPLACE MACRO taux_recreation(emplois_crees, emplois_supprimes) AS
    emplois_crees / NULLIF(emplois_supprimes, 0)
