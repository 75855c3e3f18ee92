"""The whole-column parsers (Polars expressions) give exactly what the scalar parsers give.

Each cell of a column of random strings built from the characters French spreadsheets hold
(digits, spaces of every width, separators, €, signs, accents, digits of other scripts,
formulas) and of the tricky cases by hand is parsed both ways: same value, same French message.
"""
from __future__ import annotations

import random

import polars as pl
import pytest

from pipelines.contract import MODALITES, TYPES_AIDE
from pipelines.parsers import ParseError, parser_for
from pipelines.parsers_colonnes import clean_cells, parse_series

PIECES = list("0123456789 ,.-+()€eEuUrRoOsS'\u00a0\u202f/=aAbBzZ") + [
    "EUR", "euros", "\u2212", "2A", "\u0663", "é", "Prêt", "d'", "honneur", "T00:00", " 00:00:00", "S", "_"]
CAS = ["1 325 000,50 €", "1.325.000", "1,325,000.50", "12,345", "(500)", "-0", "2023-04-12", "12/04/23",
       "31/02/2023", "45000", "0000-01-01", "2023-4-5 00:00", "552 100 554", "552100554.0", "6201Z", "62.01z",
       "2a", "1", "1.0", "prêt d'honneur", "Actions collectives", "PRETS", "mutualisée", "=SUM(A1)", "2.675",
       "0.125", "19999", "80001", "99/99/99", "29/02/24", "29/02/23", "\u0663\u0663", "Œuvre",
       "9" * 400, "-" + "9" * 400 + ",5", "12345678901234567890"]


def _cells() -> pl.Series:
    rng = random.Random(20021117)
    words = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10))) for _ in range(4000)]
    return clean_cells(pl.Series("x", words + CAS))


def _scalar(parser, raw):
    try:
        return parser(raw), None
    except ParseError as exc:
        return None, exc.message


@pytest.mark.parametrize("kind, choices", [
    ("euros", ()), ("decimal", ()), ("int", ()), ("date", ()), ("siren", ()), ("naf", ()),
    ("departement", ()), ("enum", TYPES_AIDE), ("enum", MODALITES), ("text", ())])
def test_column_parsers_agree_with_the_scalar_parsers(kind, choices):
    s = _cells()
    values, errors = parse_series(s, kind, choices)
    parser = parser_for(kind, choices)
    mismatches = []
    for raw, value, error in zip(s.to_list(), values.to_list(), errors.to_list()):
        expected = (None, None) if raw is None else _scalar(parser, raw)
        if (value, error) != expected:
            mismatches.append((raw, (value, error), expected))
    assert mismatches == []
    assert errors.null_count() < s.len()     # the sample does hold bad cells of this kind
