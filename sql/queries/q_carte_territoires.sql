-- Names of the territories of one map level, for the zone picker and the map's hover labels.
SELECT code_ze AS code, libelle, outre_mer FROM ref_zone_emploi WHERE $niveau = 'zone_emploi'
UNION ALL
SELECT code_departement, libelle, outre_mer FROM ref_departement WHERE $niveau = 'departement'
UNION ALL
SELECT code_region, libelle, outre_mer FROM ref_region WHERE $niveau = 'region'
ORDER BY strip_accents(lower(libelle)), code
