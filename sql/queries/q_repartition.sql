-- Breakdown by instrument, operator or NAF section for France or one territory.
SELECT * FROM repartition_f($dimension, $niveau, $code, $annee_debut, $annee_fin, $operateur, $type_aide, $type_procedure)
ORDER BY montant_revitalisation DESC NULLS LAST, modalite
