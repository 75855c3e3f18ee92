-- Deadlines by type on a reference date, for one département, one région or everything (NULL):
-- every type listed (zeros included), with how many are late and how many fall due up to the horizon.
SELECT
    t.code AS type_echeance,
    t.libelle AS libelle_type,
    count(e.type_echeance) FILTER (WHERE e.en_retard) AS nb_en_retard,
    count(e.type_echeance) FILTER (WHERE NOT e.en_retard) AS nb_a_venir,
    count(e.type_echeance) AS nb_echeances
FROM stg_libelles t
LEFT JOIN (
    SELECT * FROM echeances($date_ref)
    WHERE ($departement IS NULL OR departement = $departement)
      AND ($code_region IS NULL OR code_region = $code_region)
      AND ($horizon_mois IS NULL OR en_retard
           OR date_echeance <= CAST($date_ref + to_months(CAST($horizon_mois AS INTEGER)) AS DATE))
) e ON e.type_echeance = t.code
WHERE t.dimension = 'type_echeance'
GROUP BY t.code, t.libelle
ORDER BY list_position(['SIGNATURE_CONVENTION', 'COMITE_ANNUEL', 'FIN_CONVENTION', 'BILAN_FINAL',
                        'SOUS_CONSOMMATION'], t.code)
