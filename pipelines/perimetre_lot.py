"""Which département each row of a batch belongs to, and whether the loader may load it.

Used by pipelines.validate for every dataset: a row outside the loader's départements, or a
correction of a row of another département already in the warehouse, gets a French problem
("département 13 hors de votre périmètre (59, 62)") and goes to quarantine.
"""
from __future__ import annotations

import polars as pl

from pipelines.cellules import ajouter
from pipelines.contract import Dataset
from pipelines.lignes_entrepot import departements_parmi
from pipelines.parsers_colonnes import no_problems

# Where a row's département comes from (data contract, habilitations): its own column, the
# restructuring's site, or the row it references; checked column → (referenced dataset, its column).
DEPARTEMENT_PAR = {"conventions": [], "fonds": [], "restructurations": [],
                   "dotations": [("id_convention", "conventions")],
                   "aides": [("id_convention", "conventions"), ("id_fonds", "fonds")],
                   "suivi_emplois": [("id_aide", "aides")],
                   "comites": [("id_convention", "conventions"), ("id_fonds", "fonds")]}
COLONNE_PERIMETRE = {"conventions": "departement", "fonds": "departement", "restructurations": "code_commune",
                     "dotations": "id_convention", "aides": "id_convention", "suivi_emplois": "id_aide",
                     "comites": "id_convention"}


def departements_connus(ctx, cible: str, valeurs: pl.Series) -> pl.DataFrame:
    """id → département of the rows of `cible` whose id is among `valeurs`: this batch's valid
    rows, else the warehouse's, else this batch's rejected rows (each id once)."""
    ancien = departements_parmi(ctx.departements_entrepot, cible, valeurs)
    if ancien is None:
        ancien = pl.DataFrame(schema={"id": pl.Utf8, "departement": pl.Utf8})
    lot = ctx.departements.get(cible)
    if lot is None:
        return ancien
    if lot.height > 4 * valeurs.len():   # a part of a large dataset: only the ids it names
        lot = lot.filter(pl.col("id").is_in(valeurs.cast(pl.Utf8).implode()))
    valides = lot.filter(pl.col("_valide")).drop("_valide")
    connus = pl.concat([valides, ancien.join(valides, on="id", how="anti")], how="vertical")
    rejetes = lot.filter(~pl.col("_valide")).drop("_valide")
    return pl.concat([connus, rejetes.join(connus, on="id", how="anti")], how="vertical")


def _departement_de(ds: Dataset, df: pl.DataFrame, ctx) -> pl.DataFrame:
    """Add `_departement`: the département a row belongs to (null when it cannot be told)."""
    if ds.name in ("conventions", "fonds"):
        return df.with_columns(pl.col("departement").alias("_departement"))
    if ds.name == "restructurations":
        communes = ctx.communes if ctx.communes is not None else pl.DataFrame(
            schema={"code_commune": pl.Utf8, "code_departement": pl.Utf8})
        return ajouter(df, communes.select("code_commune", pl.col("code_departement").alias("_departement")),
                       "code_commune")
    sources = []
    for i, (colonne, cible) in enumerate(DEPARTEMENT_PAR[ds.name]):
        table = departements_connus(ctx, cible, df[colonne].drop_nulls().unique())
        df = ajouter(df, table.select(pl.col("id").alias(colonne), pl.col("departement").alias(f"_dep{i}")),
                     colonne)
        sources.append(f"_dep{i}")
    return df.with_columns(pl.coalesce(sources).alias("_departement")).drop(sources)


def perimetre_lignes(ds: Dataset, df: pl.DataFrame, ctx, nom: str):
    """The row's département, and why the loader may not load it: outside their départements, or
    the row already in the warehouse belongs to another département (a correction of someone else's row)."""
    df = _departement_de(ds, df, ctx)
    p = ctx.perimetre
    if p.departements is None and p.peut_charger:
        return df, no_problems(df.height)
    autorises = sorted(p.departements or []) if p.peut_charger else []
    hors = pl.format("département {} hors de votre périmètre ({})", pl.col("_departement"),
                     pl.lit(p.libelle_departements()))
    expr = pl.when(pl.col("_departement").is_not_null() & ~pl.col("_departement").is_in(autorises)).then(hors)
    ancien = departements_parmi(ctx.departements_entrepot, ds.name, df[ds.key[0]].drop_nulls().unique()) \
        if len(ds.key) == 1 else None
    if ancien is not None:
        ancien = ancien.select(pl.col("id").alias(ds.key[0]), pl.col("departement").alias("_dep_ancien"))
        df = ajouter(df, ancien, ds.key[0])
        expr = expr.when(pl.col("_dep_ancien").is_not_null() & ~pl.col("_dep_ancien").is_in(autorises)).then(
            pl.format("département {} hors de votre périmètre ({}) : {} {}, déjà dans l'entrepôt, relève de "
                      "ce département (correction refusée)", pl.col("_dep_ancien"),
                      pl.lit(p.libelle_departements()), pl.lit(nom), pl.col(ds.key[0])))
    err = df.select(expr.otherwise(None)).to_series()
    return df.drop([c for c in ("_dep_ancien",) if c in df.columns]), err
