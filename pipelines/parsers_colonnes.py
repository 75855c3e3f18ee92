"""Whole columns of French spreadsheet cells to typed values, as Polars expressions.

The same rules as the scalar parsers of `pipelines.parsers` (which stay the reference and are
tested one cell at a time), written over whole columns: French and English numbers, dates,
SIREN with their Luhn key, NAF codes, départements, enums, formulas without value. Every
rejected cell gets the very sentence its scalar parser would raise. The rare cells these
expressions leave undecided (digits from other scripts, accented letters left in an enum after
accents are removed, amounts with more than two decimals, whose rounding follows Python's) go
through the scalar parser, once per distinct value: nothing on the hot path runs per cell.
"""
from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import polars as pl

from pipelines.contract import DEPARTEMENTS
from pipelines.parsers import _STOP_WORDS, EXCEL_EPOCH, ParseError, enum_key, parser_for

DTYPES = {"text": pl.Utf8, "commune": pl.Utf8, "euros": pl.Float64, "decimal": pl.Float64,
          "int": pl.Int64, "date": pl.Date, "siren": pl.Utf8, "naf": pl.Utf8,
          "departement": pl.Utf8, "enum": pl.Utf8}
_SPACES = r"[\s\u00a0\u202f\u2009\u2007']+"
_OTHER_DIGITS = r"[\d--[0-9]]"
_NONE = pl.lit(None, pl.Utf8)


def no_problems(n: int) -> pl.Series:
    """n rows without a problem (a column of nulls), to be `set` where one is found. Not a list of
    n Nones: 38 ms for a million rows, 3 ms this way."""
    return pl.repeat(None, n, dtype=pl.Utf8, eager=True).alias("")


def clean_cells(s: pl.Series) -> pl.Series:
    """Strip spaces (incl. no-break ones); empty cells become null."""
    s = s.cast(pl.Utf8).str.strip_chars(" \t\r\n\u00a0\u202f")
    return s.set(s == "", None) if s.len() else s


def _q(raw: pl.Expr) -> pl.Expr:
    return pl.format("« {} »", raw)


def _formula(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    is_formula = raw.str.strip_chars_start().str.starts_with("=")
    return is_formula, _q(raw) + (" est une formule sans valeur calculée : ouvrez le fichier dans Excel, "
                                  "enregistrez-le puis exportez-le à nouveau")


def _strip_point_zero(s: pl.Expr) -> pl.Expr:
    return pl.when(s.str.ends_with(".0")).then(s.str.slice(0, s.str.len_chars() - 2)).otherwise(s)


def _number_stages(df: pl.DataFrame) -> pl.DataFrame:
    """Add `_n` (the number's digits with a decimal point) and `_neg` to a frame of `raw` cells,
    one step at a time (each step reads the previous one's column; see parsers._number)."""
    s = pl.col("_n")
    df = df.with_columns(pl.col("raw").str.replace_all(r"(?i)(€|\beur(os?)?\b)", "").str.replace_all(_SPACES, "")
                         .str.replace_all("\u2212", "-", literal=True).alias("_n"))
    df = df.with_columns((s.str.starts_with("(") & s.str.ends_with(")")).alias("_paren"))
    df = df.with_columns(pl.when("_paren").then(s.str.slice(1, s.str.len_chars() - 2)).otherwise(s).alias("_n"))
    df = df.with_columns((pl.col("_paren") | s.str.starts_with("-")).alias("_neg"),
                         pl.when(s.str.starts_with("-") | s.str.starts_with("+")).then(s.str.slice(1))
                         .otherwise(s).alias("_n"))
    df = df.with_columns(s.str.contains(",", literal=True).alias("_c"), s.str.contains(".", literal=True).alias("_p"))
    comma, point = pl.col("_c"), pl.col("_p")
    no_points, no_commas = s.str.replace_all(".", "", literal=True), s.str.replace_all(",", "", literal=True)
    return df.with_columns(
        pl.when(comma & point & s.str.contains(r",[^.]*$"))
        .then(no_points.str.replace_all(",", ".", literal=True))          # 1.325.000,50
        .when(comma & point).then(no_commas)                              # 1,325,000.50
        .when(comma & (s.str.count_matches(",", literal=True) > 1)).then(no_commas)
        .when(comma).then(s.str.replace(",", ".", literal=True))
        .when(s.str.count_matches(".", literal=True) > 1).then(no_points)  # 1.325.000
        .otherwise(s).alias("_n")).drop("_paren", "_c", "_p")


def _number(raw: pl.Expr, what: str):
    """(value, error, normalised text) once `_number_stages` has run."""
    s = pl.col("_n")
    ok = s.str.contains(r"^[0-9]+(\.[0-9]+)?$")
    value = pl.when(ok).then(s.cast(pl.Float64, strict=False))
    error = (pl.when(~ok).then(_q(raw) + f" n'est pas {what}")
             .when(value.is_infinite()).then(_q(raw) + f" n'est pas {what} (nombre trop grand)"))
    value = pl.when(pl.col("_neg")).then(-value).otherwise(value)
    return value, error, s


def _kind_exprs(kind: str, df: pl.DataFrame, choices: tuple[str, ...], today: dt.date):
    """(frame with the intermediate columns, value, error, undecided) for one contract kind, the
    formula check aside. Each intermediate result is a column computed once (`with_columns`):
    an expression reused inside another would be evaluated again at every use."""
    raw, no = pl.col("raw"), pl.lit(False)
    if kind in ("text", "commune"):
        return df, raw, _NONE, no
    df = df.with_columns(raw.str.contains(_OTHER_DIGITS).alias("_u"))
    undecided = pl.col("_u")
    if kind in ("euros", "decimal", "int"):
        what = {"euros": "un montant en euros", "decimal": "un nombre", "int": "un nombre entier"}[kind]
        df = _number_stages(df)
        value, error, s = _number(raw, what)
        df = df.with_columns(value.alias("_v"), error.alias("_e"))
        value, error = pl.col("_v"), pl.col("_e")
        if kind == "euros":
            undecided = undecided | s.str.contains(r"\.[0-9]{3,}$")   # Python's rounding of binary floats
            return (df, value.round(2), pl.coalesce(error, pl.when(value < 0).then(_q(raw) + " : montant négatif")),
                    undecided)
        if kind == "int":
            frac = value != value.floor()
            return (df, pl.when(~frac).then(value.cast(pl.Int64, strict=False)),
                    pl.coalesce(error, pl.when(frac).then(_q(raw) + " n'est pas un nombre entier (pas de décimales)")
                                .when(value.abs() >= 2.0 ** 63).then(_q(raw) + " n'est pas un nombre entier (nombre trop grand)")),
                    undecided)
        return df, value, error, undecided
    if kind == "date":
        return (*_date(df, today), undecided)
    df = df.with_columns(raw.str.replace_all(_SPACES, "").alias("_s"))
    s = pl.col("_s")
    if kind == "siren":
        df = df.with_columns(_strip_point_zero(s).alias("_s"))
        df = df.with_columns(s.str.contains(r"^[0-9]{9}$").alias("_nine"),
                             *[s.str.slice(p, 1).cast(pl.Int32, strict=False).alias(f"_d{p}") for p in range(9)])
        doubled = [pl.col(f"_d{p}") * (2 if p % 2 else 1) for p in range(9)]
        df = df.with_columns(pl.sum_horizontal([d - 9 * (d > 9).cast(pl.Int32) for d in doubled]).alias("_t"))
        nine, key_ok = pl.col("_nine"), (pl.col("_t") % 10) == 0
        return (df, pl.when(nine & key_ok).then(s),
                pl.when(~nine).then(_q(raw) + " n'est pas un SIREN valide (9 chiffres attendus)")
                .when(~key_ok).then(_q(raw) + " n'est pas un SIREN valide (clé de contrôle incorrecte)"), undecided)
    if kind == "naf":
        df = df.with_columns(s.str.to_uppercase().str.extract_groups(r"^([0-9]{2})\.?([0-9]{2})([A-Z])$").alias("_m"))
        m = pl.col("_m")
        df = df.with_columns(pl.concat_str([m.struct[0], pl.lit("."), m.struct[1], m.struct[2]]).alias("_code"))
        code = pl.col("_code")
        return (df, code, pl.when(code.is_null()).then(
            _q(raw) + " n'est pas un code NAF rév. 2 (format 62.01Z attendu)"), undecided)
    if kind == "departement":
        df = df.with_columns(_strip_point_zero(s.str.to_uppercase()).alias("_s"))
        df = df.with_columns(pl.when(s.str.contains(r"^[0-9]$")).then("0" + s).otherwise(s).alias("_s"))
        df = df.with_columns(s.is_in(DEPARTEMENTS).alias("_ok"))
        ok = pl.col("_ok")
        return (df, pl.when(ok).then(s), pl.when(~ok).then(
            _q(raw) + " n'est pas un code de département (01…95, 2A, 2B, 971…976)"), undecided)
    if kind == "enum":
        return _enum(df, choices)
    raise ValueError(f"type de colonne inconnu : {kind}")


def _date(df: pl.DataFrame, today: dt.date):
    """`2023-04-12`, `12/04/2023`, `12.04.2023`, `12/04/23` or an Excel serial number."""
    raw = pl.col("raw")
    df = df.with_columns(raw.str.strip_chars().alias("_s"))
    s = pl.col("_s")
    df = df.with_columns(
        s.str.extract_groups(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$").alias("_iso"),
        s.str.extract_groups(r"^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{2}|[0-9]{4})$").alias("_fr"),
        pl.when(s.str.contains(r"^[0-9]+$")).then(s.cast(pl.Int64, strict=False)).alias("_serial"))
    iso, fr = pl.col("_iso"), pl.col("_fr")
    df = df.with_columns(iso.struct[0].is_not_null().alias("_is_iso"), fr.struct[0].is_not_null().alias("_is_fr"),
                         fr.struct[2].cast(pl.Int32).alias("_fy"), (fr.struct[2].str.len_chars() == 2).alias("_yy"))
    is_iso, is_fr, fy = pl.col("_is_iso"), pl.col("_is_fr"), pl.col("_fy")
    fr_year = pl.when(pl.col("_yy")).then(
        pl.when(fy <= today.year - 2000 + 1).then(2000 + fy).otherwise(1900 + fy)).otherwise(fy)
    df = df.with_columns(pl.when(is_iso).then(iso.struct[0].cast(pl.Int32)).otherwise(fr_year).alias("_y"),
                         pl.when(is_iso).then(iso.struct[1]).otherwise(fr.struct[1]).cast(pl.Int32).alias("_mo"),
                         pl.when(is_iso).then(iso.struct[2]).otherwise(fr.struct[0]).cast(pl.Int32).alias("_d"))
    y, mo, d = pl.col("_y"), pl.col("_mo"), pl.col("_d")
    text = pl.format("{}-{}-{}", y.cast(pl.Utf8).str.zfill(4), mo.cast(pl.Utf8).str.zfill(2), d.cast(pl.Utf8).str.zfill(2))
    df = df.with_columns(pl.when(y >= 1).then(text.str.to_date("%Y-%m-%d", strict=False)).alias("_typed"),
                         ((pl.col("_serial") >= 20000) & (pl.col("_serial") <= 80000)).fill_null(False).alias("_ser"))
    typed, serial = pl.col("_typed"), pl.col("_ser")
    value = (pl.when(is_iso | is_fr).then(typed)
             .when(serial).then(pl.lit(EXCEL_EPOCH) + pl.duration(days=pl.col("_serial"))))
    error = (pl.when(is_iso | is_fr).then(pl.when(typed.is_null()).then(_q(raw) + " n'est pas une date valide"))
             .when(~serial).then(_q(raw) + " n'est pas une date (format JJ/MM/AAAA attendu)"))
    return df, value, error


def _enum(df: pl.DataFrame, choices: tuple[str, ...]):
    """One of `choices`, matched by parsers.enum_key (case, accents, link words; a plural `s`)."""
    raw = pl.col("raw")
    df = df.with_columns(raw.str.normalize("NFKD").str.replace_all(r"\p{M}", "").str.to_uppercase().alias("_up"))
    up = pl.col("_up")
    df = df.with_columns(up.str.replace_all(r"[^A-Z0-9]+", " ").str.strip_chars().str.split(" ").list.eval(
        pl.element().filter((pl.element() != "") & ~pl.element().is_in(list(_STOP_WORDS)))).alias("_w"))
    words = pl.col("_w")
    by_key = {enum_key(c): c for c in choices}
    df = df.with_columns(pl.coalesce(
        words.list.join("_").replace_strict(by_key, default=None, return_dtype=pl.Utf8),
        words.list.eval(pl.element().str.replace(r"S$", "")).list.join("_")
        .replace_strict(by_key, default=None, return_dtype=pl.Utf8)).alias("_found"))
    found = pl.col("_found")
    error = pl.when(found.is_null()).then(_q(raw) + f" n'est pas une valeur admise ({', '.join(choices)})")
    return df, found, error, up.str.contains(r"[^\x00-\x7f]")


def parse_series(s: pl.Series, kind: str, choices: tuple[str, ...] = (),
                 today: dt.date | None = None) -> tuple[pl.Series, pl.Series]:
    """(typed values, French error or null) for a cleaned Utf8 column of contract kind `kind`."""
    dtype = DTYPES[kind]
    s = s.cast(pl.Utf8)
    if kind in ("text", "commune") and not s.str.strip_chars_start().str.starts_with("=").any():
        return s, no_problems(s.len()).alias(s.name)   # no formula: the cells as they are
    raw = pl.col("raw")
    cells = pl.DataFrame({"raw": s})
    # codes, dates, amounts repeat: parse each once; SIRENs mostly do not (160 000 distinct of 200 000
    # aids: parsing them all took 0,04 s, finding the distinct ones and joining them back 0,08 s)
    repeats = cells.height > 1000 and kind not in ("text", "commune") and s.n_unique() * 2 < cells.height
    distinct = cells.unique() if repeats else cells
    frame, value, error, undecided = _kind_exprs(kind, distinct, choices, today or dt.date.today())
    is_formula, formula_msg = _formula(raw)
    present = raw.is_not_null()
    frame = frame.with_columns(error.alias("_err"))
    error = pl.col("_err")
    out = frame.select(
        pl.when(present & ~is_formula & error.is_null()).then(value).cast(dtype).alias("v"),
        pl.when(present & is_formula).then(formula_msg).otherwise(pl.when(present).then(error))
        .cast(pl.Utf8).alias("e"),
        (present & ~is_formula & undecided).fill_null(False).alias("u"), raw)
    if distinct is not cells:
        out = cells.join(out, on="raw", how="left", maintain_order="left", nulls_equal=True)
    values, errors = out["v"], out["e"]
    todo = s.filter(out["u"]).unique()
    if todo.len():   # rare cells: the scalar parser decides, once per distinct value
        parser = parser_for(kind, choices)
        good, bad = {}, {}
        for raw_value in todo.to_list():
            try:
                good[raw_value] = parser(raw_value)
            except ParseError as exc:
                bad[raw_value] = exc.message
        redo = out["u"]
        values = values.set(redo, None).fill_null(
            s.replace_strict(list(good), list(good.values()), default=None, return_dtype=dtype)) if good \
            else values.set(redo, None)
        errors = errors.set(redo, None).fill_null(
            s.replace_strict(list(bad), list(bad.values()), default=None, return_dtype=pl.Utf8)) if bad \
            else errors.set(redo, None)
    return values.alias(s.name), errors.alias(s.name)


def parse_columns(columns, cells: pl.DataFrame, today: dt.date) -> dict[str, tuple[pl.Series, pl.Series]]:
    """(typed values, errors) of each contract column (`pipelines.contract.Column`) of `cells`, two
    columns at a time: Polars lets go of Python's lock while it computes, and one column's
    operations on 200 000 rows mostly keep one core busy (the 13 columns of 200 000 aids: 0,29–0,34 s
    one after the other, 0,21–0,22 s two at once; the whole validation 0,54 → 0,49 s, medians of 8)."""
    def parse(col):
        return col.name, parse_series(cells[col.name], col.kind, col.choices, today=today)
    if cells.height < 10_000:   # a thread's start costs more than a small column
        return dict(map(parse, columns))
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(parse, columns))


def range_problems(col, raw: pl.Series, v: pl.Series) -> pl.Series:
    """Bounds of the contract (minimum, maximum, strictly positive), quoting the cell."""
    d = pl.DataFrame({"raw": raw, "v": v})
    quoted = pl.format("« {} »", pl.col("raw"))
    expr = pl.when(False).then(pl.lit(None, pl.Utf8))
    if col.minimum is not None:
        what = "nombre négatif" if col.minimum == 0 else f"inférieur au minimum admis ({col.minimum:g})"
        expr = expr.when(pl.col("v") < col.minimum).then(quoted + f" : {what}")
    if col.maximum is not None:
        expr = expr.when(pl.col("v") > col.maximum).then(quoted + f" : supérieur au maximum admis ({col.maximum:g})")
    if col.strictly_positive:
        expr = expr.when(pl.col("v") == 0).then(quoted + " : le montant doit être supérieur à 0")
    return d.select(expr.otherwise(None)).to_series()
