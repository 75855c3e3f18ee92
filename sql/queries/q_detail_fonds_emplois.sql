-- Jobs created by one fund's aids, by year.
SELECT * FROM emplois_fonds_par_annee WHERE id_fonds = $id_fonds ORDER BY annee
