"""Cell parsers: one French spreadsheet cell (a string) to one typed value, or a French error.

Users type numbers the French way (`1 325 000,50 €`), dates as `12/04/2023`, SIREN with spaces,
enum values with accents and lower case. Each parser here is a pure function of one string
that returns the typed value or raises `ParseError` with a sentence a DDETS officer
understands. They are the reference: `pipelines.parsers_colonnes` writes the same rules as
Polars expressions over whole columns (what `validate.py` runs), and falls back on them for
the rare cells its expressions leave undecided; tests check that both agree.

Decisions (documented for users in docs/formats-entree.md):
- decimal separator: a comma; a lone point is read as a decimal point (Excel/English export),
  several points (`1.325.000`) or a point before a comma (`1.325,50`) are thousands separators;
- two-digit years (`12/04/23`) are read as 20yy when yy is at most the current year + 1,
  else 19yy;
- a whole number between 20 000 and 80 000 in a date column is an Excel serial date.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from pipelines.contract import DEPARTEMENTS


class ParseError(ValueError):
    """A cell that cannot be read; `message` is French and quotes the cell."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Spaces are Unicode's White_Space, as in Polars (Rust) where the columns are parsed: Python's \s and
# str.strip() also take the separators \x1c–\x1f for spaces, so « 0\x1f » was 0 cell by cell and
# refused as a column (found by tests/pipelines/test_parsers_proprietes.py).
_BLANCS = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and not "\x1c" <= c <= "\x1f")
_SPACES = re.compile(r"(?:[^\S\x1c-\x1f]|[\u00a0\u202f\u2009\u2007'])+")
_CURRENCY = re.compile(r"(€|\beur(os?)?\b)", re.IGNORECASE)
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_FR_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_NAF = re.compile(r"^(\d{2})\.?(\d{2})([A-Z])$")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def q(raw: object) -> str:
    """The cell quoted the French way for messages: « 12,5 »."""
    return f"« {raw} »"


def check_formula(raw: str) -> None:
    """A text starting with '=' is an Excel formula whose value was never computed."""
    if raw.lstrip(_BLANCS).startswith("="):
        raise ParseError(f"{q(raw)} est une formule sans valeur calculée : ouvrez le fichier dans "
                         "Excel, enregistrez-le puis exportez-le à nouveau")


def parse_text(raw: str) -> str:
    """Trimmed text (inner runs of spaces kept as they are)."""
    check_formula(raw)
    return raw.strip(_BLANCS)


def _number(raw: str, what: str) -> float:
    """Read a French or English written number; raises with `what` naming the expected kind."""
    check_formula(raw)
    s = _CURRENCY.sub("", raw)
    s = _SPACES.sub("", s).replace("\u2212", "-")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    if s.startswith("-"):
        negative, s = True, s[1:]
    elif s.startswith("+"):
        s = s[1:]
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):          # 1.325.000,50
            s = s.replace(".", "").replace(",", ".")
        else:                                    # 1,325,000.50
            s = s.replace(",", "")
    elif "," in s:
        s = s.replace(",", "") if s.count(",") > 1 else s.replace(",", ".")
    elif s.count(".") > 1:                       # 1.325.000
        s = s.replace(".", "")
    if not _NUMBER.match(s):
        raise ParseError(f"{q(raw)} n'est pas {what}")
    value = float(s)
    if value == float("inf"):                    # 400 digits: not a figure anyone typed
        raise ParseError(f"{q(raw)} n'est pas {what} (nombre trop grand)")
    return -value if negative else value


def parse_euros(raw: str) -> float:
    """An amount in euros ≥ 0, rounded to the cent."""
    value = _number(raw, "un montant en euros")
    if value < 0:
        raise ParseError(f"{q(raw)} : montant négatif")
    return round(value, 2)


def parse_decimal(raw: str) -> float:
    """A decimal number (e.g. a multiple of the SMIC)."""
    return _number(raw, "un nombre")


def parse_int(raw: str) -> int:
    """A whole number; `12,5` is refused rather than rounded."""
    value = _number(raw, "un nombre entier")
    if value != int(value):
        raise ParseError(f"{q(raw)} n'est pas un nombre entier (pas de décimales)")
    if abs(value) >= 2 ** 63:                    # beyond what any column (or Polars' Int64) holds
        raise ParseError(f"{q(raw)} n'est pas un nombre entier (nombre trop grand)")
    return int(value)


def _two_digit_year(yy: int, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    return 2000 + yy if yy <= today.year - 2000 + 1 else 1900 + yy


def parse_date(raw: str) -> dt.date:
    """`2023-04-12`, `12/04/2023`, `12.04.2023`, `12/04/23` or an Excel serial number."""
    check_formula(raw)
    s = raw.strip(_BLANCS)
    m = _ISO_DATE.match(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _FR_DATE.match(s)
        if m:
            d, mo, y = (int(g) for g in m.groups())
            if len(m.group(3)) == 2:
                y = _two_digit_year(y)
        elif s.isdecimal() and 20000 <= int(s) <= 80000:
            return EXCEL_EPOCH + dt.timedelta(days=int(s))
        else:
            raise ParseError(f"{q(raw)} n'est pas une date (format JJ/MM/AAAA attendu)")
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ParseError(f"{q(raw)} n'est pas une date valide") from None


def _somme_luhn(digits: str, premier_double: bool = False) -> int:
    """The project's one Luhn sum (sample and tests use it): from the right, every other digit
    doubled (its digits added), starting with the rightmost one if `premier_double`."""
    total = 0
    for i, ch in enumerate(reversed(digits), start=int(premier_double)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total


def luhn_ok(digits: str) -> bool:
    return _somme_luhn(digits) % 10 == 0


def cle_luhn(huit: str) -> str:
    """The ninth digit that makes 8 digits a valid SIREN: the key is not doubled, so it is what
    brings the other digits' sum to a multiple of 10."""
    return str(-_somme_luhn(huit, premier_double=True) % 10)


def parse_siren(raw: str) -> str:
    """9 digits (spaces allowed) with a valid Luhn key."""
    check_formula(raw)
    s = _SPACES.sub("", raw)
    if s.endswith(".0"):                          # a SIREN typed as a number in Excel
        s = s[:-2]
    if not (len(s) == 9 and s.isdecimal()):
        raise ParseError(f"{q(raw)} n'est pas un SIREN valide (9 chiffres attendus)")
    if not luhn_ok(s):
        raise ParseError(f"{q(raw)} n'est pas un SIREN valide (clé de contrôle incorrecte)")
    return s


def parse_naf(raw: str) -> str:
    """NAF rév. 2 code, normalised to `62.01Z` (`6201Z`, `62.01z`, `62 01 Z` accepted)."""
    check_formula(raw)
    m = _NAF.match(_SPACES.sub("", raw).upper())
    if not m:
        raise ParseError(f"{q(raw)} n'est pas un code NAF rév. 2 (format 62.01Z attendu)")
    return f"{m.group(1)}.{m.group(2)}{m.group(3)}"


def parse_departement(raw: str) -> str:
    """Département code among the contract's: `1` → `01`, `2a` → `2A`."""
    check_formula(raw)
    s = _SPACES.sub("", raw).upper()
    if s.endswith(".0"):
        s = s[:-2]
    if s.isdecimal() and len(s) == 1:
        s = "0" + s
    if s not in DEPARTEMENTS:
        raise ParseError(f"{q(raw)} n'est pas un code de département (01…95, 2A, 2B, 971…976)")
    return s


_STOP_WORDS = {"D", "DE", "DU", "DES", "L", "LA", "LE", "LES"}


def enum_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form: "prêt d'honneur" → "PRET_HONNEUR"."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).upper()
    words = [w for w in re.split(r"[^A-Z0-9]+", s) if w and w not in _STOP_WORDS]
    return "_".join(words)


def parse_enum(raw: str, choices: tuple[str, ...]) -> str:
    """One of `choices`, matched by `enum_key` (a trailing plural `s` is tolerated)."""
    check_formula(raw)
    key = enum_key(raw)
    by_key = {enum_key(c): c for c in choices}
    if key in by_key:
        return by_key[key]
    singular = "_".join(w[:-1] if w.endswith("S") else w for w in key.split("_"))
    if singular in by_key:
        return by_key[singular]
    raise ParseError(f"{q(raw)} n'est pas une valeur admise ({', '.join(choices)})")


PARSERS = {
    "text": parse_text,
    "commune": parse_text,       # resolved later against the reference geography
    "euros": parse_euros,
    "decimal": parse_decimal,
    "int": parse_int,
    "date": parse_date,
    "siren": parse_siren,
    "naf": parse_naf,
    "departement": parse_departement,
}


def parser_for(kind: str, choices: tuple[str, ...] = ()):
    """The scalar parser of a contract column kind."""
    if kind == "enum":
        return lambda raw: parse_enum(raw, choices)
    return PARSERS[kind]


# --- whole columns: Polars expressions with the same rules, in pipelines.parsers_colonnes ------

def __getattr__(name: str):
    """`DTYPES`, `clean_cells`, `parse_series` (whole columns) are re-exported lazily from there."""
    if name in ("DTYPES", "clean_cells", "parse_series"):
        from pipelines import parsers_colonnes
        return getattr(parsers_colonnes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
