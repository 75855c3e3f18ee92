-- Flags for the pages, with what each is about (see int_signalements).
CREATE OR REPLACE VIEW qualite_signalements AS
SELECT
    dataset,
    cle,
    code,
    colonne,
    message,
    fichier,
    ligne,
    batch_id,
    id_restructuration,
    id_convention,
    id_fonds,
    id_aide,
    code_departement,
    code_ze,
    code_region
FROM int_signalements
ORDER BY dataset, fichier, ligne
