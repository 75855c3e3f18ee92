"""A batch of at least one DuckDB row group's worth of rows (pipelines.ingest.LIGNES_GROUPE) is
checkpointed without merging row groups: the rows it appended stay in the compressed row groups
written at insert time, instead of being merged with the table's last, partly filled row group
and compressed a second time (0,5–0,7 s per table for 200 000 rows). Its rows are all there and
the warehouse reads and loads as before."""
from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines.ingest import LIGNES_GROUPE, ingerer_lot
from tests.fixtures.entrepot import lire

ECHANTILLON = Path(__file__).resolve().parents[2] / "data" / "sample" / "aides.csv"
GROUPES = "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('aides')"


def _aides_nouvelles(dossier: Path, n: int, prefixe: str = "N") -> Path:
    """n new aids (the sample's, under new ids: N1-…, N2-…) as a batch's CSV."""
    dossier.mkdir()
    aides = pl.read_csv(ECHANTILLON, separator=";", infer_schema=False)
    copies = [aides.with_columns((pl.lit(f"{prefixe}{k}-") + pl.col("id_aide")).alias("id_aide"))
              for k in range(1, -(-n // aides.height) + 1)]
    pl.concat(copies).head(n).write_csv(dossier / "aides.csv", separator=";")
    return dossier


def test_un_lot_en_masse_garde_ses_groupes_de_lignes(sample_warehouse, copy_of, tmp_path):
    db = copy_of(sample_warehouse)
    # a small batch first: its rows start a partly filled last row group (the bundled warehouse's
    # one group of 37 680 aids is already over LIGNES_GROUPE), which DuckDB's vacuum would merge
    # with the large batch's rows
    groupes_initiaux = lire(db, GROUPES)[0][0]
    assert ingerer_lot(db, _aides_nouvelles(tmp_path / "debut", 2_000, "P")).nb_charges == 2_000
    avant, groupes_avant = lire(db, "SELECT count(*) FROM aides")[0][0], lire(db, GROUPES)[0][0]
    assert groupes_avant == groupes_initiaux + 1, "the test needs a partly filled last row group"
    n = LIGNES_GROUPE + 2_000
    report = ingerer_lot(db, _aides_nouvelles(tmp_path / "lot", n))
    assert not report.refused and report.nb_charges == n, report.summary_fr()
    apres = lire(db, "SELECT count(*) FROM aides")[0][0]
    assert apres == avant + n
    # the old partly filled group, then the batch's own two: not merged into the fewest groups
    # (the 2 000 rows and the batch's 32 720 fit in two)
    assert lire(db, GROUPES)[0][0] == groupes_avant + 2
    assert -(-(2_000 + n) // LIGNES_GROUPE) < 3
    # the derived tables saw every row, and a later small batch loads as usual
    assert lire(db, "SELECT count(*), sum(montant_revitalisation) FROM int_aides") == \
        lire(db, "SELECT count(*), sum(montant_revitalisation) FROM stg_aides")
    petit = tmp_path / "petit"
    petit.mkdir()
    aide = lire(db, "SELECT min(id_aide) FROM aides")[0][0]
    (petit / "suivi_emplois.csv").write_text(f"id_aide;date_constat;emplois_crees\n{aide};30/11/2025;3\n",
                                             encoding="utf-8")
    assert ingerer_lot(db, petit).nb_charges == 1
