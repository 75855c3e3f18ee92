-- Share of a convention's job target reached by the jobs attributed to it; NULL without a target.
CREATE OR REPLACE MACRO taux_atteinte_objectif(emplois_crees, objectif_emplois) AS
    emplois_crees / NULLIF(objectif_emplois, 0)
