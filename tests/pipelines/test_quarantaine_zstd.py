"""Quarantine's raw rows (`donnees_brutes`, a rejected row's cells as JSON) are compressed with
ZSTD (sql/ddl/03_ingestion_tables.sql): DuckDB's default for text took 0,5 s to write 179 000 of
them. A warehouse built before keeps every rejected row when a batch moves its quarantine to that
definition (pipelines.loader.migrer), and the batch's own rejected rows land in the new table."""
from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.ingest import ingerer_lot
from tests.fixtures.entrepot import lire

DEFINITION = "SELECT sql FROM duckdb_tables() WHERE table_name = 'quarantine'"
CONTENU = ("SELECT batch_id, dataset, fichier, ligne, colonne, valeur, message, cle, departement, donnees_brutes, "
           "corrige_par_batch FROM quarantine ORDER BY batch_id, fichier, ligne, colonne")


def _quarantaine_d_avant(db: Path) -> list[tuple]:
    """Put back quarantine as warehouses were built before ZSTD (the column added later last), with
    two rejected rows; returns its content."""
    with duckdb.connect(str(db)) as con:
        con.execute("DROP TABLE quarantine")
        con.execute("""CREATE TABLE quarantine (batch_id VARCHAR NOT NULL, dataset VARCHAR NOT NULL,
            fichier VARCHAR NOT NULL, ligne INTEGER NOT NULL, colonne VARCHAR, valeur VARCHAR,
            message VARCHAR NOT NULL, cle VARCHAR, donnees_brutes VARCHAR NOT NULL, corrige_par_batch VARCHAR,
            departement VARCHAR)""")
        con.execute("""INSERT INTO quarantine VALUES
            ('lot-ancien', 'aides', 'aides.csv', 3, 'montant_revitalisation', 'beaucoup',
             '« beaucoup » n''est pas un montant en euros', 'A-1', '{"montant":"beaucoup"}', NULL, '13'),
            ('lot-ancien', 'aides', 'aides.csv', 4, 'id_convention', 'C-X', 'la convention C-X est inconnue',
             'A-2', '{"convention":"C-X"}', NULL, NULL)""")
        return con.execute(CONTENU).fetchall()


def test_les_donnees_brutes_sont_compressees_en_zstd(sample_warehouse):
    assert "USING COMPRESSION ZSTD" in lire(sample_warehouse, DEFINITION)[0][0].upper()


def test_une_quarantaine_d_avant_garde_ses_lignes(sample_warehouse, copy_of, tmp_path):
    db = copy_of(sample_warehouse)
    avant = _quarantaine_d_avant(db)
    assert "ZSTD" not in lire(db, DEFINITION)[0][0].upper()
    lot = tmp_path / "lot"
    lot.mkdir()
    (lot / "fonds.csv").write_text("id_fonds;nom;departement;gestionnaire;date_creation\n"
                                   "F-NEUF;Fonds neuf;13;Opérateur;pas une date\n", encoding="utf-8")
    report = ingerer_lot(db, lot)
    assert report.nb_rejetes == 1 and report.changed, report.summary_fr()
    assert "USING COMPRESSION ZSTD" in lire(db, DEFINITION)[0][0].upper()
    apres = lire(db, CONTENU)
    assert [r for r in apres if r[0] == "lot-ancien"] == avant
    nouvelles = [r for r in apres if r[0] == report.batch_id]
    assert len(nouvelles) == 1 and nouvelles[0][4] == "date_creation" and '"pas une date"' in nouvelles[0][9]
    assert not lire(db, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '%avant_zstd%'")[0][0]
