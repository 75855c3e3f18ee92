-- Late deadlines by région on a reference date (every région, zeros included), by type.
SELECT
    r.code_region,
    r.libelle,
    count(e.type_echeance) AS nb_en_retard,
    count(e.type_echeance) FILTER (WHERE e.type_echeance = 'SIGNATURE_CONVENTION') AS nb_signature_convention,
    count(e.type_echeance) FILTER (WHERE e.type_echeance = 'COMITE_ANNUEL') AS nb_comite_annuel,
    count(e.type_echeance) FILTER (WHERE e.type_echeance = 'FIN_CONVENTION') AS nb_fin_convention,
    count(e.type_echeance) FILTER (WHERE e.type_echeance = 'BILAN_FINAL') AS nb_bilan_final,
    count(e.type_echeance) FILTER (WHERE e.type_echeance = 'SOUS_CONSOMMATION') AS nb_sous_consommation
FROM ref_region r
LEFT JOIN (SELECT * FROM echeances($date_ref) WHERE en_retard) e ON e.code_region = r.code_region
GROUP BY r.code_region, r.libelle
ORDER BY nb_en_retard DESC, r.libelle
