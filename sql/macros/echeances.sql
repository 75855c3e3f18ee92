-- The follow-up calendar: one row per legal or follow-up deadline as seen on date_ref.
-- Every delay and fraction comes from ref_regle (stg_regles); month arithmetic is calendar
-- months (DuckDB's date + to_months(n): 31 August + 6 months = 28/29 February).
--   SIGNATURE_CONVENTION  a restructuring with no convention: notification + delai_signature_mois
--   COMITE_ANNUEL         convention EN_COURS / PROLONGEE signed at least periodicite_comite_mois
--                         before date_ref: latest committee of the convention (any type), else the
--                         signature, + periodicite_comite_mois
--   FIN_CONVENTION        convention EN_COURS / PROLONGEE whose end (signature + duree_mois) is at
--                         most horizon_fin_convention_mois after date_ref (or already past): its end
--   BILAN_FINAL           convention not RESILIEE whose end is before date_ref and that has no
--                         FINAL committee: its end
--   SOUS_CONSOMMATION     convention EN_COURS / PROLONGEE past part_duree_sous_consommation of its
--                         duration (in days, signature to end) whose attributed euros are below
--                         part_consommation_minimale × montant_engage: its end
-- A committee counts for the convention it names (id_convention); a fund's committee (id_fonds)
-- does not stand for the committees of the conventions paying into that fund.
-- en_retard = date_ref > date_echeance; jours = date_echeance - date_ref (negative when late).
CREATE OR REPLACE MACRO echeances(date_ref DATE) AS TABLE
WITH g AS (
    SELECT * FROM stg_regles
), conv AS (
    SELECT
        c.id_convention, c.id_restructuration, c.raison_sociale, c.departement, c.date_signature,
        c.duree_mois, c.statut, c.montant_engage, c.montant_attribue,
        CAST(c.date_signature + to_months(c.duree_mois) AS DATE) AS date_fin,
        m.date_dernier_comite,
        coalesce(m.a_bilan_final, false) AS a_bilan_final
    FROM int_conventions c
    LEFT JOIN (
        SELECT id_convention, max(date_comite) AS date_dernier_comite,
               bool_or(type_comite = 'FINAL') AS a_bilan_final
        FROM comites
        WHERE id_convention IS NOT NULL
        GROUP BY id_convention
    ) m ON m.id_convention = c.id_convention
), lignes AS (
    SELECT
        'SIGNATURE_CONVENTION' AS type_echeance, r.id_restructuration, NULL::VARCHAR AS id_convention,
        NULL::VARCHAR AS id_fonds, r.code_departement AS departement, r.raison_sociale,
        CAST(r.date_notification + to_months(g.delai_signature_mois) AS DATE) AS date_echeance,
        format('Aucune convention signée pour la restructuration {} ({}) notifiée le {} : signature attendue '
               'au plus tard le {} ({} mois après la notification).', r.id_restructuration, r.raison_sociale,
               strftime(r.date_notification, '%d/%m/%Y'),
               strftime(CAST(r.date_notification + to_months(g.delai_signature_mois) AS DATE), '%d/%m/%Y'),
               g.delai_signature_mois) AS libelle
    FROM stg_restructurations r
    CROSS JOIN g
    WHERE NOT EXISTS (SELECT 1 FROM conventions c WHERE c.id_restructuration = r.id_restructuration)
    UNION ALL
    SELECT
        'COMITE_ANNUEL', c.id_restructuration, c.id_convention, NULL, c.departement, c.raison_sociale,
        CAST(coalesce(c.date_dernier_comite, c.date_signature) + to_months(g.periodicite_comite_mois) AS DATE),
        format('Convention {} ({}) : comité de suivi à réunir au plus tard le {} ({}).', c.id_convention,
               c.raison_sociale,
               strftime(CAST(coalesce(c.date_dernier_comite, c.date_signature)
                             + to_months(g.periodicite_comite_mois) AS DATE), '%d/%m/%Y'),
               CASE WHEN c.date_dernier_comite IS NULL
                    THEN 'aucun comité depuis la signature du ' || strftime(c.date_signature, '%d/%m/%Y')
                    ELSE 'dernier comité le ' || strftime(c.date_dernier_comite, '%d/%m/%Y') END)
    FROM conv c
    CROSS JOIN g
    WHERE c.statut IN ('EN_COURS', 'PROLONGEE')
      AND CAST(c.date_signature + to_months(g.periodicite_comite_mois) AS DATE) <= date_ref
    UNION ALL
    SELECT
        'FIN_CONVENTION', c.id_restructuration, c.id_convention, NULL, c.departement, c.raison_sociale,
        c.date_fin,
        format('Convention {} ({}) : fin le {}, {} mois après la signature du {}.', c.id_convention,
               c.raison_sociale, strftime(c.date_fin, '%d/%m/%Y'), c.duree_mois,
               strftime(c.date_signature, '%d/%m/%Y'))
    FROM conv c
    CROSS JOIN g
    WHERE c.statut IN ('EN_COURS', 'PROLONGEE')
      AND c.date_fin <= CAST(date_ref + to_months(g.horizon_fin_convention_mois) AS DATE)
    UNION ALL
    SELECT
        'BILAN_FINAL', c.id_restructuration, c.id_convention, NULL, c.departement, c.raison_sociale,
        c.date_fin,
        format('Convention {} ({}) terminée le {} : aucun comité de bilan final enregistré.', c.id_convention,
               c.raison_sociale, strftime(c.date_fin, '%d/%m/%Y'))
    FROM conv c
    WHERE c.statut <> 'RESILIEE'
      AND c.date_fin < date_ref
      AND NOT c.a_bilan_final
    UNION ALL
    SELECT
        'SOUS_CONSOMMATION', c.id_restructuration, c.id_convention, NULL, c.departement, c.raison_sociale,
        c.date_fin,
        format('Convention {} ({}) : {} % du montant engagé attribué {} (fin le {}).',
               c.id_convention, c.raison_sociale,
               CAST(floor(100 * c.montant_attribue / c.montant_engage) AS BIGINT),
               CASE WHEN date_ref >= c.date_fin THEN 'au terme de la convention'
                    ELSE format('après {} % de sa durée',
                                CAST(floor(100 * (date_ref - c.date_signature) / (c.date_fin - c.date_signature))
                                     AS BIGINT)) END,
               strftime(c.date_fin, '%d/%m/%Y'))
    FROM conv c
    CROSS JOIN g
    WHERE c.statut IN ('EN_COURS', 'PROLONGEE')
      AND (date_ref - c.date_signature) * g.part_duree_den
          > g.part_duree_num * (c.date_fin - c.date_signature)
      AND c.montant_attribue * g.part_consommation_den < g.part_consommation_num * c.montant_engage
)
SELECT
    l.type_echeance,
    t.libelle AS libelle_type,
    l.id_restructuration,
    l.id_convention,
    l.id_fonds,
    l.departement,
    d.libelle AS libelle_departement,
    d.code_region,
    l.raison_sociale,
    l.libelle,
    l.date_echeance,
    date_ref > l.date_echeance AS en_retard,
    l.date_echeance - date_ref AS jours
FROM lignes l
LEFT JOIN ref_departement d ON d.code_departement = l.departement
LEFT JOIN stg_libelles t ON t.dimension = 'type_echeance' AND t.code = l.type_echeance
ORDER BY en_retard DESC, l.date_echeance, l.type_echeance, l.id_convention NULLS FIRST, l.id_restructuration
