"""Statistical secrecy (secret statistique): which published cells must be masked, and why.

Both the app (public level, territories outside a viewer's départements) and the open data
(`pipelines.opendata`) publish aggregates of firm-level aids, so the engine lives here, on the
shared side. It uses a kept library, `secret_stat` (primary rules, secondary suppression by
Gaussian pivot, audit by orthogonal projection), fed as follows:

* Units are beneficiary firms (`unite` = SIREN; an aid without SIREN is its own unit). The library
  wants one row per unit and counts rows, so for every published cell the aids are first summed
  per (cell, firm): a firm with aids in several zones is one unit in each zone *and* one unit,
  not two, in their département or in France. Primary secrecy is then the library's rules
  (`poser_secret_primaire`: fewer than `frequence_min` units, or the largest unit above
  `dominance_pct` % of the value) on revitalisation euros and on jobs created.
* The published cells form linked hierarchies the library's own tabulation does not know
  (zones d'emploi → France, départements → régions → France, zones and départements both margins
  of the zone × département table, and each breakdown by instrument, operator, NAF section or
  year crossed with all of them). The matrix X relating the interior cells (zone × département
  [× modality], never published themselves but protected when primary) to every published cell is
  built here and handed to the library's pivot (`secret_secondaire_matrice`) and, for the proof,
  to its audit (`base_orthonormee`, `distances_a_l_espace`).
* A breakdown table keeps the territory totals' statuses of the territorial table: published
  totals go first in the pivot, masked ones are protected. A published total the breakdown still
  has to mask (a zone alone in its instrument inside a département whose other zones are
  primary: the département minus that zone gives a primary cell of the breakdown) is a
  conflict: `proteger_ensemble` then protects that total in the territorial table as well and
  computes every table again, until the territorial table and all its breakdowns agree.
* Cells are numbered in a fixed order (level, code, modality): Polars' group_by keeps none, and
  the tables then come out row for row the same whatever the order of the unit rows, in the app,
  in worker processes and in the open data. (The statuses themselves do not depend on the
  numbering, nor on the interior rows' order: the library's pivot is exact, in integers.)
* `vus` (départements where the viewer sees everything) makes every cell lying wholly inside them
  known: published first and never protected, so nothing outside can be rebuilt from them.

Thresholds are rows of `ref_regle` (`secret_frequence_min`, `secret_dominance_pct`).
"""
from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, field

import numpy as np
import polars as pl
import scipy.sparse as sp
from secret_stat import calculer_tableau, poser_secret_primaire, secret_secondaire_matrice
from secret_stat.audit import TOLERANCE, base_orthonormee, distances_a_l_espace

NIVEAUX = ("national", "region", "departement", "zone_emploi")
INTERIEUR = "zone_departement"
DIMENSIONS = ("type_aide", "operateur", "section_naf", "annee")
VARIABLES = ("montant_revitalisation", "emplois_crees")
_CLES = {"national": [], "region": ["code_region"], "departement": ["code_departement"],
         "zone_emploi": ["code_ze"], INTERIEUR: ["code_ze", "code_departement"]}
_RANG = {"national": 0, "region": 1, "departement": 2, "zone_emploi": 3, INTERIEUR: 4}


@dataclass(frozen=True)
class ReglesSecret:
    """The primary-secrecy thresholds (from ref_regle)."""

    frequence_min: float = 3
    dominance_pct: float = 85


@dataclass
class TableauSecret:
    """Every cell of one protected table with its status, and the matrix linking them.

    `cellules`: niveau, code, modalite (null in the territorial table or for a territory total),
    n_unites, part_max_montant, part_max_emplois (largest unit's share, %), valeur (euros),
    primaire (own primary rule), statut ('publie', 'primaire', 'secondaire', 'hors_publication').
    `X[i, j]` = 1 when interior cell i enters cell j (row j of `cellules`).
    """

    cellules: pl.DataFrame
    X: sp.csc_array = field(repr=False)
    # territory totals the territorial table publishes but this breakdown had to mask (niveau, code)
    conflits: frozenset[tuple[str, str]] = frozenset()

    def auditer(self) -> pl.DataFrame:
        """The library's audit (orthogonal projection) on this table's X: masked cells with
        `distance_publie` and `recalculable` (True would be a leak). Interior primary cells,
        not published, are audited too."""
        statut = self.cellules["statut"].to_numpy()
        masquee = np.isin(statut, ["primaire", "secondaire"]) | self.cellules["primaire"].to_numpy()
        publiee = statut == "publie"
        X = self.X.toarray()
        Q = base_orthonormee(X[:, publiee])
        distances = distances_a_l_espace(Q, X[:, masquee])
        return self.cellules.filter(pl.Series(masquee)).with_columns(
            pl.Series("distance_publie", distances), pl.Series("recalculable", distances < TOLERANCE))


def _groupes(dimension: str | None) -> list[tuple[str, list[str], bool]]:
    """(niveau, key columns, crossed with the modality) of every cell group of the table."""
    groupes = [(n, _CLES[n], False) for n in (*NIVEAUX, INTERIEUR)]
    if dimension:
        groupes += [(n, _CLES[n], True) for n in (*NIVEAUX, INTERIEUR)]
    return groupes


def _primaire_groupe(unites: pl.DataFrame, cles: list[str], regles: ReglesSecret) -> pl.DataFrame:
    """Cells of one group with the library's primary rules, units summed per (cell, firm) first."""
    dims = cles or ["_fr"]
    df = unites.with_columns(pl.lit("FR").alias("_fr")) if not cles else unites
    par_unite = df.group_by([*dims, "unite"]).agg(pl.col(v).sum() for v in VARIABLES).with_columns(
        pl.concat_str([*dims, "unite"], separator="\x1f").alias("_id"))
    cellules = None
    for var in VARIABLES:
        t = calculer_tableau(par_unite, dims, "somme", var=var, id_unite="_id", n_top=1, verifier=False)
        t = t.filter(pl.all_horizontal([pl.col(d) != "Total" for d in dims]))
        t = poser_secret_primaire(t, seuil_frequence=regles.frequence_min,
                                  dominance=[(1, regles.dominance_pct)], protect_zero=False)
        part = (100 * pl.col("top1_brut") / pl.col("total_brut")).fill_nan(None)
        t = t.select(*dims, pl.col("n_indiv").alias("n_unites"), part.alias(f"part_{var}"),
                     pl.col("valeur").alias(var), pl.col("secret_primaire").alias(f"p_{var}"))
        cellules = t if cellules is None else cellules.join(
            t.drop("n_unites"), on=dims, how="inner", nulls_equal=True)
    return cellules.with_columns(
        (pl.col("p_montant_revitalisation") | pl.col("p_emplois_crees")).alias("primaire"))


def _code(cles: list[str]) -> pl.Expr:
    if not cles:
        return pl.lit("FR")
    return pl.concat_str([pl.col(c) for c in cles], separator="|")


def pret() -> bool:
    """Nothing: a worker process that runs it has imported this module (core.diffusion)."""
    return True


def proteger_ensemble(unites: pl.DataFrame, regles: ReglesSecret, vus: frozenset[str] = frozenset(),
                      dimensions: tuple[str, ...] = DIMENSIONS,
                      executeur: Executor | None = None) -> dict[str | None, TableauSecret]:
    """The territorial table (key None) and each breakdown of `dimensions`, whose territory totals
    have the same statuses in all of them: the totals any breakdown must mask are protected in the
    territorial table too (`forces`), and everything is computed again. The forced totals only
    grow and are published totals each time, so this ends (in one pass when nothing conflicts).
    The breakdowns, independent once the territorial table is known, run on `executeur` if given
    (processes: the pivot is pure Python), the largest first; the result is the same either way."""
    forces: frozenset[tuple[str, str]] = frozenset()
    while True:
        base = proteger(unites, regles, None, vus=vus, forces=forces)
        if executeur is None:
            tables = {d: proteger(unites, regles, d, base, vus) for d in dimensions}
        else:
            ordre = sorted(dimensions, key=lambda d: -unites[d].n_unique())   # the longest first
            futurs = {d: executeur.submit(proteger, unites, regles, d, base, vus) for d in ordre}
            tables = {d: futurs[d].result() for d in dimensions}
        conflits = frozenset().union(*(t.conflits for t in tables.values()))
        if not conflits:
            return {None: base, **tables}
        forces = forces | conflits


def proteger(unites: pl.DataFrame, regles: ReglesSecret, dimension: str | None = None,
             base: TableauSecret | None = None, vus: frozenset[str] = frozenset(),
             forces: frozenset[tuple[str, str]] = frozenset()) -> TableauSecret:
    """The protected table of these unit rows: territorial (dimension None; the totals `forces`,
    (niveau, code), protected as secondary) or one breakdown (`base` = the territorial table of
    the same rows and `vus`, computed if not given; the totals it had to mask besides are its
    `conflits`, and its statuses are then not to be published: see proteger_ensemble)."""
    if dimension and dimension not in DIMENSIONS:
        raise ValueError(f"dimension inconnue : {dimension}")
    if dimension and base is None:
        base = proteger(unites, regles, None, vus=vus)
    unites = unites.with_columns(pl.col(dimension).alias("modalite") if dimension
                                 else pl.lit(None, pl.String).alias("modalite"))
    interieurs = (unites.select("code_ze", "code_departement", "code_region", "modalite").unique()
                  .sort("code_ze", "code_departement", "modalite", nulls_last=True).with_row_index("ligne"))
    morceaux, liens = [], []
    for niveau, cles, croise in _groupes(dimension):
        k = [*cles, "modalite"] if croise else cles
        c = _primaire_groupe(unites, k, regles).with_columns(
            pl.lit(niveau).alias("niveau"), _code(cles).alias("code"),
            (pl.col("modalite") if croise else pl.lit(None, pl.String)).alias("modalite"),
            pl.lit(croise).alias("croise"))
        c = c.select("niveau", "code", "modalite", "croise", "n_unites",
                     pl.col("part_montant_revitalisation").alias("part_max_montant"),
                     pl.col("part_emplois_crees").alias("part_max_emplois"),
                     pl.col("montant_revitalisation").alias("valeur"), "primaire")
        lignes = interieurs.with_columns(_code(cles).alias("code"))
        cle_lien = ["code", "modalite"] if croise else ["code"]
        lien = lignes.join(c.select(*cle_lien, "niveau", "croise"), on=cle_lien, how="inner", nulls_equal=True)
        deps = lien.group_by(*cle_lien).agg(pl.col("code_departement").unique().alias("_deps"))
        morceaux.append(c.join(deps, on=cle_lien, how="left", nulls_equal=True)
                        .sort("code", "modalite", nulls_last=True))   # a fixed numbering: see above
        liens.append(lien.select("ligne", "code", (pl.col("modalite") if croise else pl.lit(None, pl.String))
                                 .alias("modalite"), "niveau", "croise"))
    cellules = pl.concat(morceaux, how="vertical").with_row_index("colonne")
    tous_liens = pl.concat(liens).join(cellules.select("colonne", "niveau", "code", "modalite", "croise"),
                                 on=["niveau", "code", "modalite", "croise"], how="inner", nulls_equal=True)
    X = sp.csc_array((np.ones(tous_liens.height, dtype=np.int8),
                      (tous_liens["ligne"].to_numpy(), tous_liens["colonne"].to_numpy())),
                     shape=(interieurs.height, cellules.height))
    return _pivot(cellules, X, dimension, base, vus, forces)


def _pivot(cellules: pl.DataFrame, X, dimension, base, vus, forces=frozenset()) -> TableauSecret:
    vu = cellules["_deps"].map_elements(lambda d: bool(vus) and set(d) <= vus, return_dtype=pl.Boolean)
    cellules = cellules.with_columns(vu.fill_null(False).alias("vu"))
    total = (~pl.col("croise")) if dimension else pl.lit(False)
    if base is not None:
        statuts = base.cellules.select("niveau", "code", pl.col("statut").alias("statut_base"))
        cellules = cellules.join(statuts, on=["niveau", "code"], how="left").with_columns(
            pl.when(total).then(pl.col("statut_base")).alias("statut_base"))
    else:
        cellules = cellules.with_columns(pl.lit(None, pl.String).alias("statut_base"))
    cellules = cellules.sort("colonne").with_columns(
        (pl.col("primaire") & ~pl.col("vu")).alias("primaire"),
        pl.col("statut_base").is_in(["primaire", "secondaire"]).fill_null(False).alias("_base_masque"))
    force = pl.Series([(n, c) in forces for n, c in zip(cellules["niveau"], cellules["code"])], dtype=pl.Boolean) \
        if forces else pl.repeat(False, cellules.height, dtype=pl.Boolean, eager=True)
    cellules = cellules.with_columns((force & ~pl.col("croise") & ~pl.col("vu")).alias("_force"))
    protege = (cellules["primaire"] | cellules["_base_masque"] | cellules["_force"]).to_numpy()
    interieur = (cellules["niveau"] == INTERIEUR).to_numpy() & ~cellules["vu"].to_numpy()
    ordre = (cellules.with_columns(
        pl.col("niveau").replace_strict(_RANG, return_dtype=pl.Int32).alias("_rang"),
        (pl.col("statut_base") == "publie").fill_null(False).alias("_base_publie"))
        .filter(~pl.Series(protege) & ~pl.Series(interieur))
        .sort(["vu", "_base_publie", "croise", "_rang", "valeur", "code", "modalite"],
              descending=[True, True, False, False, True, False, False], nulls_last=True))
    secondaire = secret_secondaire_matrice(X, protege, ordre["colonne"].to_numpy().astype(np.int64))
    cellules = cellules.with_columns(pl.Series("_sec", secondaire)).with_columns(
        pl.when(pl.col("_base_masque")).then(pl.col("statut_base"))
        .when(pl.col("primaire")).then(pl.lit("primaire"))
        .when(pl.col("_sec") | pl.col("_force")).then(pl.lit("secondaire"))
        .when(pl.Series(interieur)).then(pl.lit("hors_publication"))
        .otherwise(pl.lit("publie")).alias("statut"))
    conflits: frozenset[tuple[str, str]] = frozenset()
    if base is not None:   # a published total masked here (a masked one stays masked: protected;
        # one the viewer sees in full is known whatever its status here)
        change = cellules.filter((pl.col("statut_base") == "publie") & (pl.col("statut") != "publie") & ~pl.col("vu"))
        conflits = frozenset(zip(change["niveau"], change["code"]))
    cellules = cellules.drop("_sec", "_base_masque", "_force", "statut_base", "_deps", "colonne")
    return TableauSecret(cellules, sp.csc_array(X), conflits)
