-- One fund's aids by instrument (type_aide) under the year filters.
SELECT a.type_aide, count(*) AS nb_aides,
       sum(a.montant_revitalisation) AS montant_revitalisation,
       CAST(sum(a.emplois_crees) AS BIGINT) AS emplois_crees,
       effet_levier(sum(a.montant_revitalisation), sum(a.cofinancement_public), sum(a.cofinancement_prive))
           AS effet_levier
FROM int_aides AS a
WHERE a.id_fonds = $id_fonds
  AND ($annee_debut IS NULL OR a.annee >= $annee_debut)
  AND ($annee_fin IS NULL OR a.annee <= $annee_fin)
GROUP BY a.type_aide
ORDER BY montant_revitalisation DESC, a.type_aide
