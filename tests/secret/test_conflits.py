"""A breakdown that cannot keep a territory total published: the engine masks it everywhere.

Found on the ×10 sample (2018–2022, by operator): Guyane (département 973, alone in région 03)
has three zones; 0301 and 0302 hold one firm each, paid by one operator, and 0303 three firms
paid by another. The territorial table publishes 973 and 0303 (0301 and 0302 are primary, their
sum alone is not a cell). By operator, (973, first operator) is a cell, primary (two firms), and
equals 973 − 0303: one of those two totals must go, in the territorial table too. The engine
used to stop there with « statuts territoriaux non conservés »; the public view failed with it.
"""
from __future__ import annotations

import polars as pl

from core import processus, secret

COLONNES = ("unite", "code_ze", "code_departement", "code_region", "type_aide", "operateur",
            "section_naf", "annee", "montant_revitalisation", "emplois_crees")
REGLES = secret.ReglesSecret(frequence_min=3, dominance_pct=85)


def _unites() -> pl.DataFrame:
    lignes = [
        ("G1", "0301", "973", "03", "PRET", "SIDE", "C", "2020", 30_000.0, 2.0),
        ("G2", "0302", "973", "03", "PRET", "SIDE", "C", "2020", 32_000.0, 3.0),
        ("G3", "0303", "973", "03", "PRET", "ADE", "C", "2020", 31_000.0, 2.0),
        ("G4", "0303", "973", "03", "PRET", "ADE", "C", "2020", 29_000.0, 3.0),
        ("G5", "0303", "973", "03", "PRET", "ADE", "C", "2020", 33_000.0, 2.0),
    ]
    # a large, balanced mainland: every cell there has many firms of both operators
    for i in range(24):
        ze, dep = [("9313", "13"), ("9301", "13"), ("9318", "83"), ("9319", "83")][i % 4]
        lignes.append((f"M{i:02d}", ze, dep, "93", "PRET", ("SIDE", "ADE")[i % 2], "C", "2020",
                       30_000.0 + 500 * i, 2.0 + i % 3))
    return pl.DataFrame(lignes, schema=list(COLONNES), orient="row")


def _statut(t: secret.TableauSecret, niveau: str, code: str, modalite: str | None = None) -> str:
    c = t.cellules.filter((pl.col("niveau") == niveau) & (pl.col("code") == code)
                          & (pl.col("modalite").is_null() if modalite is None else pl.col("modalite") == modalite))
    assert c.height == 1, (niveau, code, modalite)
    return c["statut"][0]


def test_the_breakdown_alone_meets_the_conflict():
    """The trap exists: computed one after the other, the territorial table publishes 973 and
    0303 and the breakdown by operator must mask one of them."""
    unites = _unites()
    base = secret.proteger(unites, REGLES)
    assert _statut(base, "departement", "973") == "publie" and _statut(base, "zone_emploi", "0303") == "publie"
    assert _statut(base, "zone_emploi", "0301") == "primaire" and _statut(base, "zone_emploi", "0302") == "primaire"
    par_operateur = secret.proteger(unites, REGLES, "operateur", base=base)
    assert _statut(par_operateur, "departement", "973", "SIDE") == "primaire"
    assert par_operateur.conflits & {("departement", "973"), ("zone_emploi", "0303"), ("region", "03")}


def test_together_every_table_keeps_the_same_territorial_statuses_and_passes_the_audit():
    tables = secret.proteger_ensemble(_unites(), REGLES)
    base = tables[None]
    # 973 − 0303 by operator can no longer be done: the two are not both published anywhere
    assert {_statut(base, "departement", "973"), _statut(base, "zone_emploi", "0303")} != {"publie"}
    assert _statut(base, "national", "FR") == "publie"
    totaux = base.cellules.select("niveau", "code", "statut").sort("niveau", "code")
    for dimension in secret.DIMENSIONS:
        t = tables[dimension]
        assert not t.conflits, dimension
        assert t.cellules.filter(~pl.col("croise")).select("niveau", "code", "statut").sort("niveau", "code") \
            .equals(totaux), dimension
        assert not t.auditer()["recalculable"].any(), dimension
    assert not base.auditer()["recalculable"].any()
    par_operateur = tables["operateur"]
    assert _statut(par_operateur, "departement", "973", "SIDE") == "primaire"


def test_the_same_rows_always_get_the_same_statuses():
    """Rows given in another order are protected the same way and give the same tables, row for
    row (the app, the worker processes and the open data publish alike)."""
    unites = _unites()
    premiere = secret.proteger_ensemble(unites, REGLES)
    melangees = secret.proteger_ensemble(unites.sample(fraction=1.0, shuffle=True, seed=7), REGLES)
    for dimension in (None, *secret.DIMENSIONS):
        a = premiere[dimension].cellules.select("niveau", "code", "modalite", "statut")
        b = melangees[dimension].cellules.select("niveau", "code", "modalite", "statut")
        assert a.equals(b), dimension


def test_breakdowns_in_worker_processes_give_the_same_tables():
    """core.diffusion protects the breakdowns of a large table in worker processes (core.processus):
    the same statuses, conflicts resolved the same way, as in one process."""
    unites = _unites()
    seul = secret.proteger_ensemble(unites, REGLES)
    with processus.executeur(2) as pool:
        ensemble = secret.proteger_ensemble(unites, REGLES, executeur=pool)
    assert set(ensemble) == set(seul) == {None, *secret.DIMENSIONS}
    for dimension in seul:
        assert ensemble[dimension].cellules.equals(seul[dimension].cellules), dimension
