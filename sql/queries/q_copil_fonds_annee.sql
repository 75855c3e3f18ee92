-- COPIL pack: one fund's figures for a single year (the pack loops over years for the fund chart).
SELECT k.*
FROM kpi_fonds_f($annee, $annee, $type_aide) AS k
WHERE k.id_fonds = $fonds
