-- Firm-level rows: conventions of the viewer's départements ($perimetre_departements, bound by the door).
-- Conventions linked to one zone d'emploi: the restructuring's site is in the zone, or the
-- convention funds aids located in the zone (directly or through a pooled fund, pro rata).
WITH site AS (
    SELECT c.id_convention
    FROM stg_conventions AS c
    JOIN stg_restructurations AS r USING (id_restructuration)
    WHERE r.code_ze = $code_ze
),
aides_zone AS (
    SELECT t.id_convention,
           count(DISTINCT a.id_aide) AS nb_aides_zone,
           sum(t.part * a.emplois_crees) AS emplois_crees_zone,
           sum(t.part * a.montant_revitalisation) AS montant_zone
    FROM int_aides AS a
    JOIN int_attribution AS t USING (id_aide)
    WHERE a.code_ze = $code_ze
      AND ($annee_debut IS NULL OR a.annee >= $annee_debut)
      AND ($annee_fin IS NULL OR a.annee <= $annee_fin)
      AND ($type_aide IS NULL OR a.type_aide = $type_aide)
    GROUP BY t.id_convention
)
SELECT k.id_convention, k.raison_sociale, k.departement, k.date_signature,
       k.emplois_supprimes, k.objectif_emplois, k.montant_engage, k.conforme_minimum,
       s.id_convention IS NOT NULL AS site_dans_zone,
       coalesce(z.nb_aides_zone, 0) AS nb_aides_zone,
       coalesce(z.emplois_crees_zone, 0) AS emplois_crees_zone,
       coalesce(z.montant_zone, 0) AS montant_zone
FROM kpi_convention_f($annee_debut, $annee_fin, $operateur, $type_procedure) AS k
LEFT JOIN site AS s USING (id_convention)
LEFT JOIN aides_zone AS z USING (id_convention)
WHERE (s.id_convention IS NOT NULL OR z.id_convention IS NOT NULL)
  AND ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], k.departement))
ORDER BY k.date_signature DESC, k.id_convention
