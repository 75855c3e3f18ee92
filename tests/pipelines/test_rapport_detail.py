"""A batch's report lists at most `MAX_DETAIL` rejected rows and flags; its counts stay complete and
quarantine keeps every row (a million-row batch must not build a million Python objects)."""
from __future__ import annotations

import duckdb

from pipelines import loader
from tests.fixtures.entrepot import lire
from tests.fixtures.lots import ecrire_csv


def test_the_report_lists_the_first_rows_and_counts_them_all(empty_warehouse, copy_of, tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_DETAIL", 2)
    entetes = "id_aide;date_constat;emplois_crees"
    ecrire_csv(tmp_path / "lot", "suivi_emplois.csv", [entetes] + [f"A-{i};31/12/2025;{i}" for i in range(5)])
    db = copy_of(empty_warehouse)
    con = duckdb.connect(str(db))
    try:
        rapport = loader.charger_lot(con, tmp_path / "lot")
    finally:
        con.close()
    assert rapport.nb_rejetes == 5
    assert [e.ligne for e in rapport.errors] == [2, 3]   # the first ones, by file and row
    assert "l'aide A-0 est inconnue" in rapport.errors[0].message
    assert lire(db, "SELECT count(*) FROM quarantine")[0][0] == 5
