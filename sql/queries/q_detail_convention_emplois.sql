-- Jobs attributed to one convention, by year.
SELECT * FROM emplois_convention_par_annee WHERE id_convention = $id_convention ORDER BY annee
