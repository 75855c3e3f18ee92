"""Cell parsers: French numbers, dates, SIREN, NAF, départements, enums, formulas."""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipelines.contract import MODALITES, TYPES_AIDE
from pipelines.parsers import (
    ParseError,
    clean_cells,
    parse_date,
    parse_decimal,
    parse_departement,
    parse_enum,
    parse_euros,
    parse_int,
    parse_naf,
    parse_series,
    parse_siren,
    parse_text,
)


@pytest.mark.parametrize("raw, expected", [
    ("1 325 000,50", 1325000.5),
    ("1 325 000,50 €", 1325000.5),
    ("1325000.5", 1325000.5),
    ("1\u00a0325\u00a0000,50", 1325000.5),          # no-break space
    ("1\u202f325\u202f000,50\u202f€", 1325000.5),    # narrow no-break space
    ("1.325.000", 1325000.0),
    ("1.325.000,50", 1325000.5),
    ("1,325,000.50", 1325000.5),
    ("15000", 15000.0),
    ("15 000 EUR", 15000.0),
    ("0", 0.0),
    ("12,345", 12.35),                               # rounded to the cent
])
def test_euros_french_and_excel_forms(raw, expected):
    assert parse_euros(raw) == expected


@pytest.mark.parametrize("raw, message", [
    ("-500", "« -500 » : montant négatif"),
    ("\u2212500", "« \u2212500 » : montant négatif"),
    ("(500)", "« (500) » : montant négatif"),
    ("beaucoup", "« beaucoup » n'est pas un montant en euros"),
    ("12 k€", "« 12 k€ » n'est pas un montant en euros"),
    ("1,2,3.4.5", "« 1,2,3.4.5 » n'est pas un montant en euros"),
])
def test_euros_rejected(raw, message):
    with pytest.raises(ParseError) as err:
        parse_euros(raw)
    assert err.value.message == message


def test_integers_refuse_decimals_and_text():
    assert parse_int("1 200") == 1200
    assert parse_int("12") == 12
    assert parse_int("12,0") == 12
    assert parse_int("-3") == -3          # the range check (≥ 0) belongs to the row rules
    with pytest.raises(ParseError, match="« 12,5 » n'est pas un nombre entier"):
        parse_int("12,5")
    with pytest.raises(ParseError, match="« douze » n'est pas un nombre entier"):
        parse_int("douze")


def test_decimal():
    assert parse_decimal("4,5") == 4.5
    assert parse_decimal("2") == 2.0
    with pytest.raises(ParseError, match="n'est pas un nombre"):
        parse_decimal("deux")


@pytest.mark.parametrize("raw, expected", [
    ("2023-04-12", dt.date(2023, 4, 12)),
    ("2023-04-12 00:00:00", dt.date(2023, 4, 12)),
    ("12/04/2023", dt.date(2023, 4, 12)),
    ("12.04.2023", dt.date(2023, 4, 12)),
    ("12-04-2023", dt.date(2023, 4, 12)),
    ("2/4/2023", dt.date(2023, 4, 2)),
    ("12/04/23", dt.date(2023, 4, 12)),       # two-digit year: 20yy
    ("12/04/98", dt.date(1998, 4, 12)),       # ... unless that would be in the future
    ("45028", dt.date(2023, 4, 12)),          # Excel serial number
])
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw, message", [
    ("31/02/2023", "« 31/02/2023 » n'est pas une date valide"),
    ("2023-13-01", "« 2023-13-01 » n'est pas une date valide"),
    ("demain", "« demain » n'est pas une date (format JJ/MM/AAAA attendu)"),
    ("12/2023", "« 12/2023 » n'est pas une date (format JJ/MM/AAAA attendu)"),
])
def test_impossible_dates(raw, message):
    with pytest.raises(ParseError) as err:
        parse_date(raw)
    assert err.value.message == message


def test_siren_luhn_and_spaces():
    assert parse_siren("552 100 554") == "552100554"
    assert parse_siren("552100554") == "552100554"
    assert parse_siren("732829320.0") == "732829320"
    with pytest.raises(ParseError) as err:
        parse_siren("12345678")
    assert err.value.message == "« 12345678 » n'est pas un SIREN valide (9 chiffres attendus)"
    with pytest.raises(ParseError) as err:
        parse_siren("552100555")   # last digit changed: Luhn key wrong
    assert err.value.message == "« 552100555 » n'est pas un SIREN valide (clé de contrôle incorrecte)"


def test_naf():
    assert parse_naf("62.01Z") == "62.01Z"
    assert parse_naf("6201Z") == "62.01Z"
    assert parse_naf("62.01z") == "62.01Z"
    with pytest.raises(ParseError, match="format 62.01Z attendu"):
        parse_naf("62-01")
    with pytest.raises(ParseError):
        parse_naf("620Z")


def test_departements():
    assert parse_departement("1") == "01"
    assert parse_departement("01") == "01"
    assert parse_departement("2a") == "2A"
    assert parse_departement("971") == "971"
    for bad in ("20", "975", "96", "ZZ"):
        with pytest.raises(ParseError, match="n'est pas un code de département"):
            parse_departement(bad)


def test_enums_ignore_case_accents_and_words():
    assert parse_enum("Mutualisée", MODALITES) == "MUTUALISEE"
    assert parse_enum("trésor", MODALITES) == "TRESOR"
    assert parse_enum("prêt d'honneur", TYPES_AIDE) == "PRET_HONNEUR"
    assert parse_enum("Action collective", TYPES_AIDE) == "ACTION_COLLECTIVE"
    assert parse_enum("Subventions", TYPES_AIDE) == "SUBVENTION"
    with pytest.raises(ParseError) as err:
        parse_enum("Don", TYPES_AIDE)
    assert err.value.message.startswith("« Don » n'est pas une valeur admise (PRET, PRET_HONNEUR")


def test_formulas_are_rejected_in_every_kind():
    for parser in (parse_text, parse_euros, parse_int, parse_date, parse_siren):
        with pytest.raises(ParseError, match="formule sans valeur calculée"):
            parser("=SOMME(A1:A3)")


def test_parse_series_matches_scalar_parsers():
    """The vectorised fast path and the scalar path agree, and errors stay on their rows."""
    s = clean_cells(pl.Series("m", ["15000", " 1 325 000,50 € ", "-500", "", None, "1325000.5", "beaucoup"]))
    values, errors = parse_series(s, "euros")
    assert values.to_list() == [15000.0, 1325000.5, None, None, None, 1325000.5, None]
    assert errors.to_list() == [None, None, "« -500 » : montant négatif", None, None, None,
                                "« beaucoup » n'est pas un montant en euros"]
    d, e = parse_series(clean_cells(pl.Series("d", ["2023-04-12", "2023-02-31", "12/04/2023"])), "date")
    assert d.to_list() == [dt.date(2023, 4, 12), None, dt.date(2023, 4, 12)]
    assert e.to_list() == [None, "« 2023-02-31 » n'est pas une date valide", None]
    s2, e2 = parse_series(clean_cells(pl.Series("s", ["552100554", "552100555"])), "siren")
    assert s2.to_list() == ["552100554", None]
    assert e2[1].endswith("(clé de contrôle incorrecte)")
    i, ie = parse_series(clean_cells(pl.Series("i", ["12", "12.5", "3"])), "int")
    assert i.to_list() == [12, None, 3]
    assert ie[1] == "« 12.5 » n'est pas un nombre entier (pas de décimales)"
