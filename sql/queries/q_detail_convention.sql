-- One convention with its restructuring and its obligations (one row, none when unknown).
SELECT k.*,
       c.id_restructuration, c.duree_mois, c.taux_smic, c.modalite, c.operateur, c.statut,
       c.commentaire,
       r.siren, r.groupe, r.code_commune, rc.libelle AS commune, r.code_ze,
       z.libelle AS zone_emploi, r.date_notification, r.type_procedure,
       d.libelle AS libelle_departement
FROM kpi_convention AS k
JOIN stg_conventions AS c USING (id_convention)
LEFT JOIN stg_restructurations AS r USING (id_restructuration)
LEFT JOIN ref_commune AS rc ON rc.code_commune = r.code_commune
LEFT JOIN ref_zone_emploi AS z ON z.code_ze = r.code_ze
LEFT JOIN ref_departement AS d ON d.code_departement = k.departement
WHERE k.id_convention = $id_convention
