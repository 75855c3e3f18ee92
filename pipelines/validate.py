"""RawTable → valid typed rows, rejected rows (quarantine) and flags, by the data contract.

One dataset at a time, in the contract's load order, so references can be checked against
this batch's valid rows and the rows already in the warehouse (`Context`). Every check is a
Polars expression producing, per row, a French problem or null for one column; a row with
any problem is rejected with all its problems; a valid row may still carry flags
(`pipelines/signalements.py`). Nothing here writes to the warehouse.
"""
from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from dataclasses import dataclass, field

import polars as pl

from core.perimetre import ADMINISTRATEUR_LOCAL, Perimetre
from pipelines.cellules import ajouter, brutes, combine_tables
from pipelines.contract import BY_NAME, DATASETS, DATE_MIN_NOTIFICATION, Dataset
from pipelines.lignes_entrepot import ATTRIBUTES, lignes_entrepot
from pipelines.parsers_colonnes import no_problems, parse_columns, parse_series, range_problems
from pipelines.perimetre_lot import COLONNE_PERIMETRE, perimetre_lignes
from pipelines.signalements import signalements_jeu

CIBLES = frozenset(cible for d in DATASETS for _, cible, _ in d.references)   # datasets others reference
# How a referenced row is named in a message.
NOUNS = {"restructurations": "la restructuration", "conventions": "la convention",
         "fonds": "le fonds", "aides": "l'aide"}
PAQUET = 200_000   # rows validated at once: a larger dataset is validated in parts (validate_dataset)
QUARANTINE_COLUMNS = ["dataset", "fichier", "ligne", "colonne", "valeur", "message", "cle", "departement",
                      "donnees_brutes"]


@dataclass
class Context:
    """What the rules of one dataset may look at: the warehouse and this batch so far."""
    existing: dict[str, pl.DataFrame]                       # warehouse rows (key + attributes)
    rules: dict[str, float]
    known: dict[str, pl.DataFrame] = field(default_factory=dict)      # this batch's valid rows so far
    rejected: dict[str, pl.DataFrame] = field(default_factory=dict)   # cle, _where: this batch ∪ earlier
    smic: pl.DataFrame | None = None        # ref_smic (date_debut, smic_mensuel) for the contribution checks
    smic_date: str = "signature"            # ref_regle date_reference_smic: 'signature' or 'notification'
    perimetre: Perimetre = ADMINISTRATEUR_LOCAL   # who loads: rows outside their départements are rejected
    # id → département of the rows of restructurations, conventions, fonds, aides: `departements_entrepot`
    # in the warehouse before the batch (a dict of frames, or pipelines.lignes_entrepot's reader),
    # `departements` this batch's rows (id, departement, _valide); see perimetre_lot.departements_connus
    departements_entrepot: dict[str, pl.DataFrame] = field(default_factory=dict)
    departements: dict[str, pl.DataFrame] = field(default_factory=dict)
    communes: pl.DataFrame | None = None    # code_commune → code_departement (ref_commune)
    today: dt.date = field(default_factory=dt.date.today)   # the day of the load (dates not in the future)


@dataclass
class Validated:
    dataset: Dataset
    valid: pl.DataFrame      # table columns + fichier, ligne, cle
    rejected: pl.DataFrame   # QUARANTINE_COLUMNS
    signalements: pl.DataFrame  # dataset, cle, code, colonne, message, fichier, ligne
    etats: pl.Series | None = None   # per valid row, set by the loader: NOUVELLE, CORRECTION, INCHANGEE


def fr_date(expr: pl.Expr) -> pl.Expr:
    return expr.dt.strftime("%d/%m/%Y")


def key_string(ds: Dataset, df: pl.DataFrame) -> pl.Expr:
    """The row's identity as text: id, or composite key joined by '|' (dates ISO)."""
    parts = [pl.col(k).cast(pl.Utf8) for k in ds.key]
    return parts[0] if len(parts) == 1 else pl.concat_str(parts, separator="|")


def validate_dataset(tables, ctx: Context, resolver) -> Validated:
    """Validate one dataset's tables against the contract and the context.

    Above PAQUET rows, in parts of rows sharing their first key column (an aid and its follow-ups,
    a key's duplicates: what every rule across rows looks at), each part's work let go before the next."""
    ds = BY_NAME[tables[0].dataset]
    cells, raw = combine_tables(tables)
    del tables   # the cells read are now `cells` (and `raw`): the caller's list is let go
    if cells.height <= PAQUET:
        return _valider(ds, cells, raw, ctx, resolver)
    col = ds.column(ds.key[0])
    cle, _ = parse_series(cells[col.name], col.kind, col.choices, today=ctx.today)
    nb = -(-cells.height // PAQUET)
    parts = cells.with_columns((cle.cast(pl.Utf8).hash() % nb).alias("_part")).partition_by("_part", include_key=False)
    del cells
    sorties, connus, deps = [], [], []
    with ExitStack() as lecteurs:   # the warehouse's tables read whole once, not once per part
        for source in (ctx.existing, ctx.departements_entrepot):
            if hasattr(source, "en_entier"):
                lecteurs.enter_context(source.en_entier())
        while parts:
            sorties.append(_valider(ds, parts.pop(), raw, ctx, resolver))
            connus.append(ctx.known.pop(ds.name, None))
            deps.append(ctx.departements.pop(ds.name, None))
    if connus[0] is not None:
        ctx.known[ds.name] = pl.concat(connus, how="vertical")
    if deps[0] is not None:
        ctx.departements[ds.name] = pl.concat(deps, how="vertical")
    return Validated(ds, *(_dans_l_ordre(pl.concat([getattr(v, a) for v in sorties], how="vertical"))
                           for a in ("valid", "rejected", "signalements")))


def _dans_l_ordre(df: pl.DataFrame) -> pl.DataFrame:
    """Rows back in the files' order: on the row number alone for one file (3 × cheaper)."""
    if df["fichier"].n_unique() <= 1:
        return df.sort("ligne")
    return df.sort("fichier", "ligne")


def _valider(ds: Dataset, cells: pl.DataFrame, raw, ctx: Context, resolver) -> Validated:
    n = cells.height
    values: dict[str, pl.Series] = {}
    problems: dict[str, list[pl.Series]] = {c.name: [] for c in ds.columns}

    parsed = parse_columns(ds.columns, cells, ctx.today)
    for col in ds.columns:
        s = cells[col.name]
        v, err = parsed[col.name]
        problems[col.name].append(err)
        if col.required:
            problems[col.name].append(no_problems(n).set(s.is_null(), "valeur obligatoire manquante"))
        elif col.default is not None and not str(col.default).startswith("="):
            v = v.fill_null(col.default)
        if col.kind in ("int", "decimal", "euros"):
            problems[col.name].append(range_problems(col, s, v))
        values[col.name] = v

    df = pl.DataFrame(values).with_columns(cells["_fichier"].alias("fichier"), cells["_ligne"].alias("ligne"),
                                           cells["_rang"], *[cells[c.name].alias(f"_raw_{c.name}") for c in ds.columns])

    df, extra = _dataset_rules(ds, df, ctx, resolver)
    for name, errs in extra.items():
        problems[name].extend(errs)
    df, err = perimetre_lignes(ds, df, ctx, NOUNS.get(ds.name, ds.name))
    problems[COLONNE_PERIMETRE[ds.name]].append(err)
    problems[ds.key[0]].append(_duplicates(ds, df))

    errs = pl.DataFrame([e.alias(f"{c.name}|{i}") for c in ds.columns for i, e in enumerate(problems[c.name])])
    joined = [pl.concat_str([f"{c.name}|{i}" for i in range(len(problems[c.name]))], separator=" ; ",
                            ignore_nulls=True) for c in ds.columns]
    df = df.with_columns(errs.select([pl.when(j != "").then(j).alias(f"_err_{c.name}")
                                      for c, j in zip(ds.columns, joined)]).get_columns())
    names = [c.name for c in ds.columns]
    bad = pl.any_horizontal([pl.col(f"_err_{c}").is_not_null() for c in names])
    df = df.with_columns(key_string(ds, df).alias("cle"), bad.alias("_bad"))

    rejected = df.filter(pl.col("_bad")).select(
        pl.lit(ds.name).alias("dataset"), "fichier", "ligne",
        pl.coalesce([pl.when(pl.col(f"_err_{c}").is_not_null()).then(pl.lit(c)) for c in names]).alias("colonne"),
        _first_failing(names, lambda c: pl.col(f"_raw_{c}")).alias("valeur"),
        pl.concat_str([pl.when(pl.col(f"_err_{c}").is_not_null()).then(pl.lit(f"colonne {c} : ") + pl.col(f"_err_{c}"))
                       for c in names], separator=" ; ", ignore_nulls=True).alias("message"),
        pl.coalesce(pl.col("cle"), pl.concat_str([pl.col(f"_raw_{k}").fill_null("") for k in ds.key],
                                                 separator="|")).alias("cle"),
        pl.col("_departement").alias("departement"), "_rang")
    rejected = rejected.join(brutes(raw, rejected["_rang"]), on="_rang", how="left",
                             maintain_order="left").drop("_rang")
    valid = df.filter(~pl.col("_bad")).drop([c for c in df.columns if c.startswith(("_raw_", "_err_"))]
                                            + ["_bad"])
    signalements = signalements_jeu(ds, valid, ctx)   # they may read the referenced rows' _ref_* columns
    # every row's département, rejected ones last: a row referencing a rejected row still belongs
    # somewhere, but a rejected row never changes the département of a row already known
    deps = df.filter(pl.col(ds.key[0]).is_not_null()).select(
        pl.col(ds.key[0]).alias("id"), pl.col("_departement").alias("departement"), pl.col("_bad"))
    valid = valid.drop([c for c in valid.columns if c.startswith("_")])
    _remember(ds, valid, rejected, ctx, deps)
    return Validated(ds, valid, rejected, signalements)


def _first_failing(names: list[str], value) -> pl.Expr:
    """value(c) for the first column c (contract order) that has a problem, even if that value is null."""
    expr = pl.when(pl.col(f"_err_{names[0]}").is_not_null()).then(value(names[0]))
    for c in names[1:]:
        expr = expr.when(pl.col(f"_err_{c}").is_not_null()).then(value(c))
    return expr.otherwise(None)


def _dataset_rules(ds: Dataset, df: pl.DataFrame, ctx: Context, resolver):
    """Commune resolution, references and cross-row rules; returns (df, {column: [problems]})."""
    extra: dict[str, list[pl.Series]] = {}
    if "code_commune" in df.columns:
        resolved = resolver.resolve_series(df["code_commune"])
        df = df.with_columns(df["code_commune"].alias("code_commune_saisi"),
                             resolved["code_commune"].alias("code_commune"))
        extra["code_commune"] = [resolved["erreur"].cast(pl.Utf8)]
    for column, target, target_col in ds.references:
        df, err = _reference(df, column, target, target_col, ctx)
        extra.setdefault(column, []).append(err)
    for col in ds.columns:
        if col.not_future:
            extra.setdefault(col.name, []).append(df.select(pl.when(pl.col(col.name) > ctx.today).then(
                pl.format(f"« {{}} » : date dans le futur (après le jour du chargement, {ctx.today:%d/%m/%Y})",
                          pl.col(f"_raw_{col.name}")))).to_series())
    if ds.exactly_one is not None:
        rule = ds.exactly_one
        both = pl.sum_horizontal([pl.col(c).is_not_null() for c in rule.columns]) > 1
        none = pl.all_horizontal([pl.col(f"_raw_{c}").is_null() for c in rule.columns])
        extra.setdefault(rule.columns[0], []).append(df.select(
            pl.when(both).then(pl.lit(rule.both)).when(none).then(pl.lit(rule.none))).to_series())
    if ds.name == "restructurations":
        too_early = pl.col("date_notification") < dt.date.fromisoformat(DATE_MIN_NOTIFICATION)
        extra.setdefault("date_notification", []).append(df.select(pl.when(too_early).then(
            pl.format("« {} » : antérieure au 17/01/2002 (loi de modernisation sociale)",
                      pl.col("_raw_date_notification")))).to_series())
    elif ds.name == "conventions":
        df = df.with_columns(pl.col("objectif_emplois").fill_null(pl.col("_ref_emplois_supprimes")))
        late = pl.col("date_signature") < pl.col("_ref_date_notification")
        extra.setdefault("date_signature", []).append(df.select(pl.when(late).then(
            pl.format("« {} » : antérieure à la notification de la restructuration {} ({})",
                      pl.col("_raw_date_signature"), pl.col("id_restructuration"),
                      fr_date(pl.col("_ref_date_notification"))))).to_series())
    elif ds.name == "suivi_emplois":
        early = pl.col("date_constat") < pl.col("_ref_date_decision")
        extra.setdefault("date_constat", []).append(df.select(pl.when(early).then(
            pl.format("« {} » : antérieure à la décision de l'aide {} ({})", pl.col("_raw_date_constat"),
                      pl.col("id_aide"), fr_date(pl.col("_ref_date_decision"))))).to_series())
    return df, extra


def _reference(df: pl.DataFrame, column: str, target: str, target_col: str, ctx: Context):
    """Join the referenced rows' attributes (as _ref_*) and say why a reference fails."""
    known = ctx.known.get(target)   # this batch's rows first, then the warehouse's others
    noms = df[column].drop_nulls().unique()
    old = lignes_entrepot(ctx.existing, target, target_col, noms)
    if known is not None and known.height > 4 * noms.len():   # a part of a large dataset: its own ids
        known = known.filter(pl.col(target_col).is_in(noms.implode()))
    if known is None:
        known = old if old is not None else pl.DataFrame(schema={target_col: pl.Utf8})
    elif old is not None and old.height:
        old = old.select(known.columns).join(known, on=target_col, how="anti")
        known = pl.concat([known, old.cast(known.schema)], how="vertical")
    attrs = ATTRIBUTES.get(target, [])
    known = known.with_columns([pl.lit(None, pl.Date if a.startswith("date") else pl.Int64).alias(a)
                                for a in attrs if a not in known.columns])
    right = known.select(pl.col(target_col).alias(column), pl.lit(True).alias("_found"),
                         *[pl.col(a).alias(f"_ref_{a}") for a in attrs])
    df = ajouter(df, right, column)
    rej = ctx.rejected.get(target, pl.DataFrame(schema={"cle": pl.Utf8, "_where": pl.Utf8}))
    df = ajouter(df, rej.rename({"cle": column}), column)
    noun = NOUNS[target]
    err = df.select(
        pl.when(pl.col(column).is_null() | pl.col("_found").is_not_null()).then(None)
        .when(pl.col("_where").is_not_null())
        .then(pl.format(f"{noun} {{}} référencée a été rejetée ({{}})" if not noun.startswith("le ")
                        else f"{noun} {{}} référencé a été rejeté ({{}})", pl.col(column), pl.col("_where")))
        .otherwise(pl.format(f"{noun} {{}} est inconnue (ni dans ce lot, ni dans l'entrepôt)"
                             if not noun.startswith("le ") else
                             f"{noun} {{}} est inconnu (ni dans ce lot, ni dans l'entrepôt)", pl.col(column)))
    ).to_series()
    return df.drop(["_found", "_where"]), err


def _duplicates(ds: Dataset, df: pl.DataFrame) -> pl.Series:
    """Every row sharing its key with another row of the batch, naming the other lines."""
    keys = list(ds.key)
    d = df.select(*keys, "fichier", "ligne").with_row_index("_i")
    d = d.filter(pl.all_horizontal([pl.col(k).is_not_null() for k in keys]))
    d = d.filter(pl.len().over(keys) > 1)
    if d.is_empty():
        return no_problems(df.height)
    pairs = d.join(d, on=keys, suffix="_o").filter(pl.col("_i") != pl.col("_i_o")).sort("_i", "ligne_o")
    where = pl.when(pl.col("fichier_o") == pl.col("fichier")).then(pl.col("ligne_o").cast(pl.Utf8)) \
        .otherwise(pl.format("{} ({})", pl.col("ligne_o"), pl.col("fichier_o")))
    msgs = pairs.group_by("_i", maintain_order=True).agg(where.alias("w"), pl.len().alias("n")).with_columns(
        pl.format("{} en double dans le lot : même {} {} {}",
                  pl.lit("identifiant" if len(keys) == 1 else "clé"),
                  pl.lit(" + ".join(keys)), pl.when(pl.col("n") > 1).then(pl.lit("aux lignes"))
                  .otherwise(pl.lit("qu'à la ligne")), pl.col("w").list.join(", ")).alias("m"))
    out = pl.DataFrame({"_i": pl.Series(range(df.height), dtype=pl.UInt32)}).join(
        msgs.select("_i", "m"), on="_i", how="left", maintain_order="left")
    return out["m"]


def _remember(ds: Dataset, valid: pl.DataFrame, rejected: pl.DataFrame, ctx: Context,
              deps: pl.DataFrame | None = None) -> None:
    """Make this dataset's outcome visible to the datasets that reference it, if any reference it."""
    if ds.name not in CIBLES:   # follow-ups, dotations, committees (0,3 s for a million follow-ups)
        return
    cols = [*ds.key, *ATTRIBUTES.get(ds.name, [])]
    ctx.known[ds.name] = valid.select(cols)   # the warehouse's other rows are read where referenced
    if deps is not None:
        valides = deps.filter(~pl.col("_bad")).drop("_bad").unique("id", keep="first")
        rejetes = deps.filter(pl.col("_bad")).drop("_bad").unique("id", keep="first").join(valides, on="id", how="anti")
        ctx.departements[ds.name] = pl.concat([valides.with_columns(pl.lit(True).alias("_valide")),
                                               rejetes.with_columns(pl.lit(False).alias("_valide"))], how="vertical")
    seule = rejected.select(~pl.col("cle").is_duplicated()).to_series()   # nearly always: grouped only if not
    now = pl.concat([
        rejected.filter(seule).select("cle", pl.format("{}, ligne {}", "fichier", "ligne").alias("_where")),
        rejected.filter(~seule).group_by("cle", "fichier", maintain_order=True)
        .agg(pl.col("ligne").cast(pl.Utf8).str.join(", ").alias("l"), pl.len().alias("n"))
        .select("cle", pl.format("{}, {} {}", "fichier", pl.when(pl.col("n") > 1).then(pl.lit("lignes"))
                                 .otherwise(pl.lit("ligne")), "l").alias("_where"))
        .group_by("cle", maintain_order=True).agg(pl.col("_where").str.join(" ; "))], how="vertical")
    earlier = ctx.rejected.get(ds.name)   # rejected by earlier batches, still uncorrected
    if earlier is not None and earlier.height:   # (a key loaded since is found before this is read)
        now = pl.concat([now, earlier.select("cle", "_where").join(now, on="cle", how="anti")])
    ctx.rejected[ds.name] = now
