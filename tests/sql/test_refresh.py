"""Derived tables refreshed for what a batch touched (pipelines.refresh) equal a full recompute.

On a copy of the sample warehouse (the real build), small correction batches, loaded by the real
`charger_lot`, move what the derived tables depend on: an aid to another convention, a fund aid
to another fund, a new dotation, a fund's manager, a restructuring's commune (another
département), a convention's restructuring, a new aid and follow-ups. After each batch every
derived table must equal its own definition evaluated afresh (`tables_derivees_perimees`), and the refresh must
have been the partial one (only a few rows computed again), with the ids bound as values or, as
for a large batch, read from the noted table. A batch above `refresh.LIMITE_NOTEE` ids gets the
full recompute, with the same result.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipelines import refresh
from pipelines.contract import BY_NAME
from pipelines.loader import charger_lot
from pipelines.schema import derived_files
from tests.fixtures.entrepot import tables_derivees_perimees, une_fois


def _cellule(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}".replace(".", ",")
    if isinstance(v, (dt.date, dt.datetime)):
        return v.strftime("%d/%m/%Y")
    return str(v)


def _ligne(con, dataset: str, where: str, params: list, **changes) -> dict:
    """One row of a data table as the contract's columns, with `changes` applied."""
    colonnes = [c.name for c in BY_NAME[dataset].columns]
    row = con.execute(f"SELECT {', '.join(colonnes)} FROM {dataset} WHERE {where} LIMIT 1", params).fetchone()
    assert row is not None, (dataset, where, params)
    return {**dict(zip(colonnes, row)), **changes}


def _lot(dossier: Path, jeux: dict[str, list[dict]]) -> Path:
    dossier.mkdir(parents=True)
    for dataset, rows in jeux.items():
        colonnes = [c.name for c in BY_NAME[dataset].columns]
        lignes = [";".join(colonnes)] + [";".join(_cellule(r.get(c)) for c in colonnes) for r in rows]
        (dossier / f"{dataset}.csv").write_text("\n".join(lignes) + "\n", encoding="utf-8")
    return dossier


@pytest.fixture(scope="session")
def perimees_de_l_echantillon(sample_warehouse, tmp_path_factory) -> list[str]:
    """tables_derivees_perimees of the sample warehouse, computed once per run (une_fois): each
    test's `con` is a byte-for-byte copy of it, so the check on the copy gave the same list."""
    import json

    def construire(chemin: Path) -> None:
        with duckdb.connect(str(sample_warehouse), read_only=True) as c:
            chemin.write_text(json.dumps(tables_derivees_perimees(c)), encoding="utf-8")
    return json.loads(une_fois(tmp_path_factory, "perimees_echantillon.json", construire).read_text(encoding="utf-8"))


@pytest.fixture
def con(sample_warehouse, copy_of):
    c = duckdb.connect(str(copy_of(sample_warehouse)))
    yield c
    c.close()


@pytest.fixture
def partiels(monkeypatch) -> list[dict]:
    """The touched ids of every partial refresh that runs."""
    appels: list[dict] = []
    vrai = refresh.rafraichir

    def espion(con, files, table_of, touches, on_table=None):
        appels.append({n: touches[n] for n in refresh.NATURES})
        return vrai(con, files, table_of, touches, on_table)
    monkeypatch.setattr(refresh, "rafraichir", espion)
    return appels


def _charger(con, dossier: Path) -> None:
    rapport = charger_lot(con, dossier)
    assert not rapport.refused, rapport.refusal_message
    assert rapport.nb_rejetes == 0, [e.text_fr() for e in rapport.errors]
    assert rapport.nb_charges > 0


def _un(con, sql: str, params=()) -> str:
    return con.execute(sql, list(params)).fetchone()[0]


@pytest.mark.parametrize("ids", ["lies", "notes"])
def test_corrections_refreshed_in_part_equal_a_full_recompute(ids, con, partiels, tmp_path, monkeypatch,
                                                              perimees_de_l_echantillon):
    """`lies`: the touched ids bound as values (up to refresh.LIMITE); `notes`: read from the
    noted table _lot_touches in SQL (up to refresh.LIMITE_NOTEE: large batches)."""
    if ids == "notes":
        monkeypatch.setattr(refresh, "LIMITE", 0)
    assert perimees_de_l_echantillon == []       # `con` before any batch
    directe = _un(con, "SELECT id_aide FROM aides WHERE id_convention IS NOT NULL ORDER BY id_aide")
    ancienne = _un(con, "SELECT id_convention FROM aides WHERE id_aide = ?", [directe])
    autre = _un(con, "SELECT id_convention FROM conventions WHERE id_convention <> ? ORDER BY id_convention DESC",
                [ancienne])
    suivie = _un(con, "SELECT id_aide FROM suivi_emplois ORDER BY id_aide DESC")
    _charger(con, _lot(tmp_path / "lot1", {
        "aides": [_ligne(con, "aides", "id_aide = ?", [directe], id_convention=autre)],
        "suivi_emplois": [{"id_aide": suivie, "date_constat": dt.date(2025, 12, 31), "emplois_crees": 40}],
    }))
    assert _un(con, "SELECT id_convention FROM int_aides WHERE id_aide = ?", [directe]) == autre
    assert tables_derivees_perimees(con) == []

    du_fonds = _un(con, "SELECT id_aide FROM aides WHERE id_fonds IS NOT NULL ORDER BY id_aide")
    fonds = _un(con, "SELECT id_fonds FROM aides WHERE id_aide = ?", [du_fonds])
    autre_fonds = _un(con, "SELECT id_fonds FROM fonds WHERE id_fonds <> ? ORDER BY id_fonds", [fonds])
    contributrice = _un(con, "SELECT id_convention FROM conventions WHERE id_convention NOT IN "
                             "(SELECT id_convention FROM dotations WHERE id_fonds = ?) ORDER BY id_convention", [fonds])
    _charger(con, _lot(tmp_path / "lot2", {
        "fonds": [_ligne(con, "fonds", "id_fonds = ?", [autre_fonds], gestionnaire="Nouvel opérateur")],
        "dotations": [{"id_convention": contributrice, "id_fonds": fonds, "montant": 250000.0,
                       "date_versement": dt.date(2024, 3, 15)}],
        "aides": [_ligne(con, "aides", "id_aide = ?", [du_fonds], id_fonds=autre_fonds),
                  _ligne(con, "aides", "id_aide = ?", [du_fonds], id_aide="A-RAFRAICHI-1", id_fonds=fonds)],
        "suivi_emplois": [{"id_aide": "A-RAFRAICHI-1", "date_constat": dt.date(2025, 6, 30), "emplois_crees": 7}],
    }))
    assert _un(con, "SELECT operateur FROM int_aides WHERE id_aide = ?", [du_fonds]) == "Nouvel opérateur"
    assert tables_derivees_perimees(con) == []

    restructuration = _un(con, "SELECT id_restructuration FROM conventions ORDER BY id_convention")
    convention = _un(con, "SELECT id_convention FROM conventions WHERE id_restructuration <> ? ORDER BY id_convention",
                     [restructuration])
    _charger(con, _lot(tmp_path / "lot3", {
        "restructurations": [_ligne(con, "restructurations", "id_restructuration = ?", [restructuration],
                                    code_commune="59350")],
        "conventions": [_ligne(con, "conventions", "id_convention = ?", [convention],
                               id_restructuration=restructuration)],
    }))
    assert _un(con, "SELECT code_departement_site FROM int_convention_resultats WHERE id_convention = ?",
               [convention]) == "59"
    assert tables_derivees_perimees(con) == []

    assert len(partiels) == 3
    for touches in partiels:   # a few ids each, not the warehouse
        assert 0 < sum(map(len, touches.values())) <= refresh.LIMITE_NOTEE
    assert ancienne in partiels[0]["convention"] and autre in partiels[0]["convention"]
    assert {fonds, autre_fonds} <= set(partiels[1]["fonds"])


@pytest.mark.parametrize("ids", ["lies", "notes"])
def test_a_batch_that_only_adds_rows_refreshed_in_part_equals_a_full_recompute(ids, con, partiels, tmp_path,
                                                                               monkeypatch):
    """Such a batch notes what it touches after writing only (what lot_touches.sql joins only
    grows): a new restructuring, its convention paying into an existing fund, a new aid of that
    fund and its follow-up still refresh every row they change."""
    if ids == "notes":
        monkeypatch.setattr(refresh, "LIMITE", 0)
    notes = []
    vrai = refresh.noter_touches
    monkeypatch.setattr(refresh, "noter_touches", lambda c, i: (notes.append(1), vrai(c, i)))
    fonds = _un(con, "SELECT id_fonds FROM aides WHERE id_fonds IS NOT NULL ORDER BY id_aide")
    modele = _un(con, "SELECT id_restructuration FROM restructurations ORDER BY 1")
    convention = _un(con, "SELECT id_convention FROM conventions ORDER BY 1")
    aide = _un(con, "SELECT id_aide FROM aides WHERE id_fonds = ? ORDER BY 1", [fonds])
    _charger(con, _lot(tmp_path / "lot", {
        "restructurations": [_ligne(con, "restructurations", "id_restructuration = ?", [modele],
                                    id_restructuration="R-AJOUT-1")],
        "conventions": [_ligne(con, "conventions", "id_convention = ?", [convention], id_convention="C-AJOUT-1",
                               id_restructuration="R-AJOUT-1")],
        "dotations": [{"id_convention": "C-AJOUT-1", "id_fonds": fonds, "montant": 300000.0,
                       "date_versement": dt.date(2024, 6, 1)}],
        "aides": [_ligne(con, "aides", "id_aide = ?", [aide], id_aide="A-AJOUT-1")],
        "suivi_emplois": [{"id_aide": "A-AJOUT-1", "date_constat": dt.date(2025, 6, 30), "emplois_crees": 5}],
    }))
    assert len(notes) == 1 and len(partiels) == 1
    assert "C-AJOUT-1" in partiels[0]["convention"] and fonds in partiels[0]["fonds"]
    assert tables_derivees_perimees(con) == []


def test_a_batch_above_the_limit_is_recomputed_in_full(con, partiels, tmp_path, monkeypatch):
    monkeypatch.setattr(refresh, "LIMITE", 0)
    monkeypatch.setattr(refresh, "LIMITE_NOTEE", 0)
    aide = _un(con, "SELECT id_aide FROM aides WHERE id_convention IS NOT NULL ORDER BY id_aide DESC")
    _charger(con, _lot(tmp_path / "lot", {
        "suivi_emplois": [{"id_aide": aide, "date_constat": dt.date(2025, 12, 31), "emplois_crees": 12}]}))
    assert partiels == []
    assert tables_derivees_perimees(con) == []


def test_every_derived_table_declares_its_incremental_keys():
    for path in derived_files():
        paires = refresh.cles_incrementales(path)
        assert paires and all(n in refresh.NATURES for n, _ in paires), path.name
        select = refresh.requete(path)
        assert select.lstrip().upper().startswith(("SELECT", "WITH")), path.name
        assert "ORDER BY" not in select.rstrip().splitlines()[-1].upper(), path.name


def test_the_final_order_by_is_left_out_of_the_partial_refresh(tmp_path):
    """A derived table's final ORDER BY (its last line) is split off its SELECT: the partial refresh
    filters the rest (a filter above an ORDER BY stays above it in DuckDB's plan, and the whole
    table was computed and sorted) and appends the rows unsorted. An ORDER BY inside the SELECT
    (a window's) is kept."""
    fichier = tmp_path / "t.sql"
    fichier.write_text("-- incrémental : aide = id_aide\nCREATE OR REPLACE TABLE t AS\n"
                       "SELECT a.id_aide, count(*) AS n FROM aides a GROUP BY 1\n-- in id order\n"
                       "ORDER BY a.id_aide, n DESC;\n", encoding="utf-8")
    select = refresh.requete(fichier)
    assert select.rstrip().endswith("-- in id order") and "ORDER BY" not in select
    fichier.write_text("CREATE OR REPLACE TABLE t AS\nSELECT id_aide, sum(x) OVER (ORDER BY y) FROM aides\n",
                       encoding="utf-8")
    assert refresh.requete(fichier).rstrip().endswith("OVER (ORDER BY y) FROM aides")


def test_rows_sent_again_unchanged_are_left_as_they_are(con, partiels, tmp_path):
    """An office sends its whole file again with one row edited: only that row is written (new
    lineage) and refreshed; the others keep the batch that brought them. A row sent again that
    is flagged is written again, its flags replaced (never doubled)."""
    ids = [r[0] for r in con.execute("SELECT id_aide FROM aides WHERE id_convention IS NOT NULL "
                                     "ORDER BY id_aide LIMIT 3").fetchall()]
    avant = dict(con.execute("SELECT id_aide, batch_id FROM aides WHERE id_aide IN (?, ?, ?)", ids).fetchall())
    prevus = _un(con, "SELECT emplois_prevus FROM aides WHERE id_aide = ?", [ids[2]])
    signale = con.execute("SELECT split_part(cle, '|', 1), count(*) FROM signalements WHERE dataset = 'suivi_emplois' "
                          "GROUP BY ALL ORDER BY 1 LIMIT 1").fetchone()
    assert signale, "the sample warehouse has flagged follow-ups"
    suivi = [_ligne(con, "suivi_emplois", "id_aide = ? AND id_aide || '|' || strftime(date_constat, '%Y-%m-%d') IN "
                    "(SELECT cle FROM signalements WHERE dataset = 'suivi_emplois')", [signale[0]])]
    rapport = charger_lot(con, _lot(tmp_path / "lot", {
        "aides": [_ligne(con, "aides", "id_aide = ?", [i]) for i in ids[:2]]
        + [_ligne(con, "aides", "id_aide = ?", [ids[2]], emplois_prevus=prevus + 5)],
        "suivi_emplois": suivi}))
    assert not rapport.refused and rapport.nb_rejetes == 0
    assert rapport.per_dataset["aides"].loaded == 3   # the report counts every valid row sent
    apres = dict(con.execute("SELECT id_aide, batch_id FROM aides WHERE id_aide IN (?, ?, ?)", ids).fetchall())
    assert [apres[i] for i in ids] == [avant[ids[0]], avant[ids[1]], rapport.batch_id]
    assert _un(con, "SELECT emplois_prevus FROM aides WHERE id_aide = ?", [ids[2]]) == prevus + 5
    assert len(partiels) == 1 and partiels[0]["aide"] == sorted({ids[2], signale[0]})
    cle = f"{suivi[0]['id_aide']}|{suivi[0]['date_constat'].isoformat()}"
    assert _un(con, "SELECT batch_id FROM suivi_emplois WHERE id_aide = ? AND date_constat = ?",
               [suivi[0]["id_aide"], suivi[0]["date_constat"]]) == rapport.batch_id
    lots = con.execute("SELECT batch_id FROM signalements WHERE dataset = 'suivi_emplois' AND cle = ?", [cle]).fetchall()
    assert lots and {b for (b,) in lots} == {rapport.batch_id}
    assert tables_derivees_perimees(con) == []
