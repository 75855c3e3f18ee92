-- pipelines.ingest: the attached copy (entrepot_ouvrir.sql) is where every unqualified name of the
-- batch's statements lives, not the connection's in-memory database.
USE entrepot
