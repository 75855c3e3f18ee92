-- French labels of the contract's codes (instruments, procedures, modalities, statuses, committees)
-- and of the deadline types of the echeances macro.
CREATE OR REPLACE VIEW stg_libelles AS
SELECT * FROM (VALUES
    ('type_aide', 'PRET', 'Prêt'),
    ('type_aide', 'PRET_HONNEUR', 'Prêt d''honneur'),
    ('type_aide', 'SUBVENTION', 'Subvention'),
    ('type_aide', 'GARANTIE', 'Garantie'),
    ('type_aide', 'ACCOMPAGNEMENT', 'Accompagnement'),
    ('type_aide', 'ACTION_COLLECTIVE', 'Action collective'),
    ('type_aide', 'FORMATION', 'Formation'),
    ('type_procedure', 'PSE', 'Plan de sauvegarde de l''emploi'),
    ('type_procedure', 'RCC', 'Rupture conventionnelle collective'),
    ('type_procedure', 'AUTRE', 'Autre procédure'),
    ('modalite', 'DIRECTE', 'Mise en œuvre directe'),
    ('modalite', 'MUTUALISEE', 'Fonds mutualisé'),
    ('modalite', 'MIXTE', 'Mixte'),
    ('modalite', 'TRESOR', 'Versement au Trésor'),
    ('statut', 'EN_COURS', 'En cours'),
    ('statut', 'CLOSE', 'Close'),
    ('statut', 'PROLONGEE', 'Prolongée'),
    ('statut', 'RESILIEE', 'Résiliée'),
    ('type_comite', 'ANNUEL', 'Comité annuel'),
    ('type_comite', 'FINAL', 'Bilan final'),
    ('type_comite', 'AUTRE', 'Autre comité'),
    ('type_echeance', 'SIGNATURE_CONVENTION', 'Convention à signer'),
    ('type_echeance', 'COMITE_ANNUEL', 'Comité de suivi annuel'),
    ('type_echeance', 'FIN_CONVENTION', 'Fin de convention'),
    ('type_echeance', 'BILAN_FINAL', 'Bilan final à tenir'),
    ('type_echeance', 'SOUS_CONSOMMATION', 'Sous-consommation')
) AS t(dimension, code, libelle)
