-- Aids of a territory broken down by p_dimension ('type_aide' | 'operateur' | 'section_naf'),
-- one row per value ('NON_RENSEIGNE' when missing), same filters as int_faits_f. The data has no
-- firm size, so there is no 'taille' breakdown.
CREATE OR REPLACE MACRO repartition_f(p_dimension, p_niveau, p_code, p_annee_debut, p_annee_fin,
                                      p_operateur, p_type_aide, p_type_procedure) AS TABLE
WITH faits AS (
    SELECT
        coalesce(CASE p_dimension WHEN 'type_aide' THEN type_aide
                                  WHEN 'operateur' THEN operateur
                                  WHEN 'section_naf' THEN section_naf END,
                 'NON_RENSEIGNE') AS modalite,
        *
    FROM int_faits_f(p_niveau, p_code, p_annee_debut, p_annee_fin, p_operateur, p_type_aide,
                     p_type_procedure)
    WHERE fait = 'aide'
      AND p_dimension IN ('type_aide', 'operateur', 'section_naf')
      AND p_niveau IN ('national', 'region', 'departement', 'zone_emploi')
      AND (p_niveau = 'national' OR p_code IS NOT NULL)
), agg AS (
    SELECT
        modalite,
        count(id_aide) AS nb_aides,
        count(DISTINCT siren_beneficiaire) AS nb_beneficiaires,
        sum(montant_revitalisation)::DOUBLE AS montant_revitalisation,
        sum(cofinancement_public)::DOUBLE AS cofinancement_public,
        sum(cofinancement_prive)::DOUBLE AS cofinancement_prive,
        sum(emplois_prevus)::DOUBLE AS emplois_prevus,
        sum(emplois_crees)::DOUBLE AS emplois_crees
    FROM faits
    GROUP BY modalite
)
SELECT
    a.modalite,
    CASE WHEN a.modalite = 'NON_RENSEIGNE' THEN 'Non renseigné'
         WHEN p_dimension = 'section_naf' THEN n.libelle
         WHEN p_dimension = 'type_aide' THEN l.libelle
         ELSE a.modalite END AS libelle,
    a.nb_aides,
    a.nb_beneficiaires,
    a.montant_revitalisation,
    a.cofinancement_public,
    a.cofinancement_prive,
    a.emplois_prevus,
    a.emplois_crees,
    effet_levier(a.montant_revitalisation, a.cofinancement_public, a.cofinancement_prive) AS effet_levier,
    euros_par_emploi(a.montant_revitalisation, a.emplois_crees) AS euros_par_emploi
FROM agg a
LEFT JOIN (SELECT DISTINCT section_naf, libelle FROM stg_naf_sections) n ON n.section_naf = a.modalite
LEFT JOIN stg_libelles l ON l.dimension = 'type_aide' AND l.code = a.modalite
ORDER BY a.montant_revitalisation DESC, a.modalite
