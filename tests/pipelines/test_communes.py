"""Commune code resolution against the real COG 2025 reference, as the real build loads it: the
session's empty warehouse (`pipelines.build`, which runs `core.reference.load_reference`), read-only,
rather than a schema and the reference loaded again in memory for this module (a second of CPU)."""
from __future__ import annotations

import time

import duckdb
import polars as pl
import pytest

from pipelines.communes import CommuneResolver, normalise


@pytest.fixture(scope="module")
def con(empty_warehouse):
    con = duckdb.connect(str(empty_warehouse), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def resolver(con):
    return CommuneResolver.from_connection(con)


def zone_of(con, code):
    return con.execute("SELECT code_ze FROM ref_commune WHERE code_commune = ?", [code]).fetchall()[0][0]


def test_marseille_arrondissements_resolve_to_marseille_and_its_zone(con, resolver):
    for n in range(1, 17):
        code, error = resolver.resolve(f"132{n:02d}")
        assert (code, error) == ("13055", None)
        assert zone_of(con, code) == "9312"


def test_paris_and_lyon_arrondissements(resolver):
    assert {resolver.resolve(f"751{n:02d}") for n in range(1, 21)} == {("75056", None)}
    assert {resolver.resolve(f"6938{n}") for n in range(1, 10)} == {("69123", None)}
    assert resolver.resolve("75121") == (None, "« 75121 » n'est pas un code commune INSEE connu "
                                               "(référentiel COG 2025)")


def test_secteurs_deleguees_associees_and_mergers(resolver):
    assert resolver.resolve("13055SR03") == ("13055", None)     # secteur of Marseille
    assert resolver.resolve("75056sr01") == ("75056", None)     # Paris centre, lower-case
    assert resolver.resolve("74011") == ("74010", None)         # Annecy-le-Vieux, déléguée of Annecy
    assert resolver.resolve("50602") == ("50129", None)         # Tourlaville -> Cherbourg-en-Cotentin
    assert resolver.resolve("02300") == ("02738", None)         # Fargniers, associée of Tergnier
    assert resolver.resolve("93059") == ("93066", None)         # Pierrefitte merged into Saint-Denis 2025
    assert resolver.resolve("02311") == ("02589", None)         # Filain -> Pargny-et-Filain 2025
    assert resolver.resolve("12076") == ("12218", None)         # Conques, code changed in 2025


def test_current_communes_are_never_shadowed(con, resolver):
    codes = con.table("ref_commune").select("code_commune").pl()["code_commune"]
    out = resolver.resolve_series(codes)
    assert out["code_commune"].equals(codes.rename("code_commune"))
    assert out["erreur"].null_count() == codes.len()
    # even when an alias table pretends otherwise
    assert CommuneResolver(["54528"], {"54528": "54323"}).resolve("54528") == ("54528", None)


@pytest.mark.parametrize("raw, expected", [
    ("2a004", "2A004"), (" 2B033 ", "2B033"), ("1001", "01001"), ("1001.0", "01001"),
    ("1001,0", "01001"), ("54 528", "54528"), ("\u00a054528", "54528"), ("13201.0", "13201"),
    ("", None), ("   ", None), (None, None), ("101", "101"),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_normalised_codes_resolve(resolver):
    assert resolver.resolve("2a004") == ("2A004", None)        # Ajaccio
    assert resolver.resolve("1001") == ("01001", None)
    assert resolver.resolve("1001.0") == ("01001", None)
    assert resolver.resolve(" 54528 ") == ("54528", None)      # Toul


def test_error_messages(resolver):
    assert resolver.resolve("99999") == (
        None, "« 99999 » n'est pas un code commune INSEE connu (référentiel COG 2025)")
    assert resolver.resolve("12A45") == (
        None, "« 12A45 » n'est pas un code commune INSEE valide (5 caractères attendus)")
    assert resolver.resolve("5452") == (
        None, "« 5452 » n'est pas un code commune INSEE connu (référentiel COG 2025)")
    assert resolver.resolve("545289") == (
        None, "« 545289 » n'est pas un code commune INSEE valide (5 caractères attendus)")
    assert resolver.resolve("") == (None, "code commune manquant")
    assert resolver.resolve(None) == (None, "code commune manquant")


MIXED = ["54528", "54323", "2a004", "1001", "1001.0", "13216", "75120", "69389", "13055SR08",
         "74011", "02311", "99999", "12A45", "", None, " 75 111 ", "abc", "101", "1001.5", "13201"]


def test_series_matches_scalar(resolver):
    out = resolver.resolve_series(pl.Series(MIXED))
    assert out.columns == ["code_commune", "erreur"]
    assert list(zip(out["code_commune"], out["erreur"])) == [resolver.resolve(v) for v in MIXED]


def test_series_of_numbers_from_a_spreadsheet(resolver):
    out = resolver.resolve_series(pl.Series([1001, 54528, 13201]))
    assert out["code_commune"].to_list() == ["01001", "54528", "13055"]
    floats = resolver.resolve_series(pl.Series([1001.0, 13201.0]))
    assert floats["code_commune"].to_list() == ["01001", "13055"]


def test_series_is_fast_and_keeps_order(resolver, con):
    codes = con.table("ref_commune").select("code_commune").pl()["code_commune"].to_list()
    values = (codes * 3)[:99_990] + ["13201", "99999", "12A45", None, "1001.0"] * 2
    started = time.perf_counter()
    out = resolver.resolve_series(pl.Series(values))
    elapsed = time.perf_counter() - started
    assert out.height == 100_000
    assert out["code_commune"][:99_990].to_list() == values[:99_990]
    assert out["code_commune"][99_990:].to_list() == ["13055", None, None, None, "01001"] * 2
    print(f"{elapsed:.2f} s for 100 000 codes")


def test_from_files_agrees_with_the_warehouse(resolver):
    from_files = CommuneResolver.from_files()
    assert len(from_files) == len(resolver)
    assert [from_files.resolve(v) for v in MIXED] == [resolver.resolve(v) for v in MIXED]
