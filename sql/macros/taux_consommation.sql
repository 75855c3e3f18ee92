-- Consumption rate: euros spent (attributed aids, or a fund's aids) per euro committed or received.
CREATE OR REPLACE MACRO taux_consommation(montant_consomme, montant_disponible) AS
    montant_consomme / NULLIF(montant_disponible, 0)
