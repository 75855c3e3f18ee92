-- COPIL pack: breakdown of the département's aids by instrument (type_aide) over the period.
SELECT *
FROM repartition_f('type_aide', 'departement', $departement, $annee_debut, $annee_fin, $operateur, $type_aide, $type_procedure)
ORDER BY montant_revitalisation DESC NULLS LAST, modalite
