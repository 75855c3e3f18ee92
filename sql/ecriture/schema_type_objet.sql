-- pipelines.schema: whether a name of the semantic layer is a VIEW or a BASE TABLE today
SELECT table_type FROM information_schema.tables WHERE table_name = $nom
