"""Events that cannot have happened yet: a notification, signature, decision, payment or
follow-up dated after the day of the load rejects its row, with a French sentence quoting the
cell; the day itself is accepted. The day of the load is the context's (today by default)."""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from core.regles import regles_par_defaut
from pipelines.communes import CommuneResolver
from pipelines.contract import BY_NAME
from pipelines.validate import Context, validate_dataset
from tests.pipelines.test_validate import CONV, RESTR, messages, raw_table

JOUR = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def resolver():
    return CommuneResolver.from_files()


def _ctx(**existing) -> Context:
    return Context(existing=existing, rules=regles_par_defaut(), today=JOUR)


AIDE = dict(id_aide="A-1", id_convention="C-1", nom_beneficiaire="X", code_commune="13001", type_aide="PRET",
            date_decision="2023-01-01", montant_revitalisation="1000", emplois_prevus="2")
CAS = [  # dataset, column, base row, existing rows
    ("restructurations", "date_notification", RESTR, {}),
    ("conventions", "date_signature", CONV, {"restructurations": pl.DataFrame({
        "id_restructuration": ["R-1"], "date_notification": [dt.date(2022, 1, 15)], "emplois_supprimes": [120]})},
     ),
    ("dotations", "date_versement", dict(id_convention="C-1", id_fonds="F-1", montant="10"),
     {"conventions": pl.DataFrame({"id_convention": ["C-1"]}), "fonds": pl.DataFrame({"id_fonds": ["F-1"]})},
     ),
    ("aides", "date_decision", AIDE, {"conventions": pl.DataFrame({"id_convention": ["C-1"]})}),
    ("suivi_emplois", "date_constat", dict(id_aide="A-1", emplois_crees="1"), {"aides": pl.DataFrame({
        "id_aide": ["A-1"], "date_decision": [dt.date(2023, 1, 1)], "emplois_prevus": [5]})}),
]


@pytest.mark.parametrize("dataset, column, base, existing", CAS, ids=[c[1] for c in CAS])
def test_a_date_after_the_day_of_the_load_is_rejected(resolver, dataset, column, base, existing):
    key = {"restructurations": "id_restructuration", "conventions": "id_convention", "aides": "id_aide"}.get(dataset)
    rows = [{**base, column: "30/06/2025"}, {**base, column: "01/07/2025"}, {**base, column: "2031-03-15"}]
    if key:
        rows = [{**r, key: f"{r[key]}-{i}"} for i, r in enumerate(rows)]
    v = validate_dataset([raw_table(dataset, rows)], _ctx(**existing), resolver)
    assert BY_NAME[dataset].column(column).not_future
    assert messages(v) == {
        3: f"colonne {column} : « 01/07/2025 » : date dans le futur (après le jour du chargement, 30/06/2025)",
        4: f"colonne {column} : « 2031-03-15 » : date dans le futur (après le jour du chargement, 30/06/2025)"}
    assert v.valid.height == 1 and v.valid[column].to_list() == [JOUR]      # the day itself is fine
    assert v.rejected["valeur"].to_list() == ["01/07/2025", "2031-03-15"]


def test_a_fund_created_later_is_not_concerned(resolver):
    v = validate_dataset([raw_table("fonds", [dict(id_fonds="F-1", nom="N", departement="13", gestionnaire="G",
                                                   date_creation="01/01/2030")])], _ctx(), resolver)
    assert v.rejected.height == 0
