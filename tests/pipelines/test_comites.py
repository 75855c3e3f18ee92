"""The `comites` dataset (data contract v2): its row rules, and its loading with quarantine and lineage.

One rule per test beside the column rules of test_contract_rules.py: a committee names exactly
one of a convention or a fund, the fund must exist, the date may not be after the day of the
load, ids are unique in a batch; then the real loader on the hand-built calendar batch.
"""
from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

from core.regles import regles_par_defaut
from pipelines.communes import CommuneResolver
from pipelines.validate import Context, validate_dataset
from tests.fixtures.entrepot import lire, load_into
from tests.fixtures.lots import ecrire_csv
from tests.pipelines.test_validate import messages, raw_table
from tests.sql.test_echeances import LOT

BASE = dict(id_comite="CS-1", id_convention="C-0", date_comite="12/04/2023", type_comite="ANNUEL")
JOUR = dt.date(2026, 6, 15)


@pytest.fixture(scope="module")
def resolver():
    return CommuneResolver.from_files()


def _ctx() -> Context:
    return Context(existing={"conventions": pl.DataFrame({"id_convention": ["C-0"]}),
                             "fonds": pl.DataFrame({"id_fonds": ["F-0"]})},
                   rules=regles_par_defaut(), today=JOUR)


def _valider(rows, resolver):
    return validate_dataset([raw_table("comites", rows)], _ctx(), resolver)


def test_a_committee_follows_a_convention_or_a_fund_not_both(resolver):
    v = _valider([BASE, {**BASE, "id_comite": "CS-2", "id_fonds": "F-0"},
                  {**BASE, "id_comite": "CS-3", "id_convention": None, "id_fonds": "F-0"}], resolver)
    assert v.valid["id_comite"].to_list() == ["CS-1", "CS-3"]
    assert messages(v) == {3: "colonne id_convention : un comité suit soit une convention, soit un fonds, pas les deux"}
    assert v.valid.filter(pl.col("id_comite") == "CS-3")["id_fonds"].to_list() == ["F-0"]


def test_the_fund_must_exist(resolver):
    v = _valider([{**BASE, "id_convention": None, "id_fonds": "F-404"}], resolver)
    assert messages(v) == {2: "colonne id_fonds : le fonds F-404 est inconnu (ni dans ce lot, ni dans l'entrepôt)"}


def test_not_after_the_day_of_the_load(resolver):
    v = _valider([{**BASE, "date_comite": "15/06/2026"}, {**BASE, "id_comite": "CS-2", "date_comite": "2026-06-16"}],
                 resolver)
    assert v.valid["date_comite"].to_list() == [JOUR]           # the day of the load itself is allowed
    assert messages(v) == {3: "colonne date_comite : « 2026-06-16 » : date dans le futur (après le jour du "
                              "chargement, 15/06/2026)"}


def test_ids_are_unique_in_a_batch(resolver):
    v = _valider([BASE, {**BASE, "type_comite": "FINAL"}], resolver)
    assert v.valid.height == 0
    assert messages(v)[2] == "colonne id_comite : identifiant en double dans le lot : même id_comite qu'à la ligne 3"


def test_loaded_with_lineage_quarantine_and_correction(empty_warehouse, copy_of, tmp_path):
    db = copy_of(empty_warehouse)
    premier = load_into(db, LOT)
    assert premier.per_dataset["comites"].loaded == 13 and premier.nb_rejetes == 0
    rows = lire(db, "SELECT id_comite, fichier, ligne, batch_id, type_comite FROM comites ORDER BY ligne")
    assert [(r[0], r[1], r[2]) for r in rows[:2]] == [("CS-1", "Comités.csv", 2), ("CS-2", "Comités.csv", 3)]
    assert {r[3] for r in rows} == {premier.batch_id}
    demain = (dt.date.today() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    ecrire_csv(tmp_path / "lot2", "comites.csv", [
        "id_comite;id_convention;id_fonds;date_comite;type_comite",
        "CS-1;C-ANN-EXACT;;01/03/2024;FINAL",            # same id: replaces the committee of batch 1
        f"CS-99;C-ANN-EXACT;;{demain};ANNUEL",
        "CS-98;C-INCONNUE;;01/01/2024;ANNUEL"])
    second = load_into(db, tmp_path / "lot2")
    assert (second.per_dataset["comites"].loaded, second.nb_rejetes) == (1, 2)
    assert lire(db, "SELECT type_comite, batch_id, ligne FROM comites WHERE id_comite = 'CS-1'") == [
        ("FINAL", second.batch_id, 2)]
    quarantaine = lire(db, "SELECT fichier, ligne, colonne, valeur, message, cle, donnees_brutes FROM quarantine "
                            "ORDER BY ligne")
    assert [q[:4] for q in quarantaine] == [("comites.csv", 3, "date_comite", demain),
                                            ("comites.csv", 4, "id_convention", "C-INCONNUE")]
    assert quarantaine[0][4].startswith(f"colonne date_comite : « {demain} » : date dans le futur")
    assert quarantaine[1][4] == ("colonne id_convention : la convention C-INCONNUE est inconnue (ni dans ce lot, "
                                 "ni dans l'entrepôt)")
    assert json.loads(quarantaine[1][6])["id_convention"] == "C-INCONNUE" and quarantaine[1][5] == "CS-98"
