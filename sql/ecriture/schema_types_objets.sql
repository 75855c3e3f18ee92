-- pipelines.schema (refresh_derived, create_views): the kind of each name of the semantic layer today
SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN (SELECT unnest($noms::VARCHAR[]))
