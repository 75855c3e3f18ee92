-- pipelines.schema.refresh_derived: the kind of each derived table's name today
SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN (SELECT unnest($noms::VARCHAR[]))
