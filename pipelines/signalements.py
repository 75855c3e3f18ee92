"""Flags: rows that load but deserve a second look (signalements), with French explanations.

The contract says some anomalies are warnings, not errors: a contribution below 2 × or above
4 × the monthly SMIC per job cut, a convention longer than 36 months or signed more than 6
months after the notification, a cumulative follow-up going down, more jobs created than
planned. The committed amount is also checked against the dated SMIC: a declared multiple that
the amount does not match, or (without a declared multiple) an amount below the legal minimum. Thresholds come from the warehouse's `ref_regle` table (legal rules as data, read by
`core.regles.regles_entrepot`).
"""
from __future__ import annotations

import polars as pl

from pipelines.contract import Dataset
from pipelines.lignes_entrepot import lignes_entrepot

COLONNES_SIGNALEMENT = {"dataset": pl.Utf8, "cle": pl.Utf8, "code": pl.Utf8, "colonne": pl.Utf8,
                "message": pl.Utf8, "fichier": pl.Utf8, "ligne": pl.Int64}


def _n(x: float) -> str:
    """French short number: 2.0 → '2', 4.5 → '4,5'."""
    return f"{x:g}".replace(".", ",")


def _fr_num(expr: pl.Expr) -> pl.Expr:
    return expr.round(2).cast(pl.Utf8).str.replace(r"\.0$", "").str.replace(".", ",", literal=True)


def _flag(valid: pl.DataFrame, ds: Dataset, condition: pl.Expr, code: str, colonne: str,
          message: pl.Expr) -> pl.DataFrame:
    return valid.filter(condition.fill_null(False)).select(
        pl.lit(ds.name).alias("dataset"), pl.col("cle"), pl.lit(code).alias("code"),
        pl.lit(colonne).alias("colonne"), message.alias("message"), "fichier",
        pl.col("ligne").cast(pl.Int64))


def _fr_date(expr: pl.Expr) -> pl.Expr:
    return expr.dt.strftime("%d/%m/%Y")


def signalements_jeu(ds: Dataset, valid: pl.DataFrame, ctx) -> pl.DataFrame:
    """Flags of a dataset's valid rows (needs `cle`, `fichier`, `ligne` and `_ref_*` columns)."""
    r = ctx.rules
    out = [pl.DataFrame(schema=COLONNES_SIGNALEMENT)]
    if ds.name == "conventions" and valid.height:
        lo, hi = r["multiple_minimum"], r["multiple_penalite"]
        dmax, delay = int(r["duree_max_mois"]), int(r["delai_signature_mois"])
        taux = pl.col("taux_smic")
        out.append(_flag(valid, ds, taux < lo, "TAUX_SMIC_INF_2", "taux_smic", pl.format(
            "contribution de {} × SMIC par emploi supprimé, sous le minimum légal de {} × SMIC "
            "(L1233-86) : vérifier si l'administration a accordé une réduction", _fr_num(taux), pl.lit(_n(lo)))))
        out.append(_flag(valid, ds, taux > hi, "TAUX_SMIC_SUP_4", "taux_smic", pl.format(
            "contribution de {} × SMIC par emploi supprimé, au-dessus de {} × SMIC : montant inhabituel, "
            "à vérifier", _fr_num(taux), pl.lit(_n(hi)))))
        out.append(_flag(valid, ds, pl.col("duree_mois") > dmax, "DUREE_SUP_36", "duree_mois", pl.format(
            "durée de {} mois, au-delà des {} mois prévus par le code du travail (D1233-40) sauf cas "
            "particulier", pl.col("duree_mois"), pl.lit(dmax))))
        deadline = pl.col("_ref_date_notification").dt.offset_by(f"{delay}mo")
        out.append(_flag(valid, ds, pl.col("date_signature") > deadline, "SIGNATURE_TARDIVE", "date_signature",
                         pl.format("convention signée le {}, plus de {} mois après la notification du {} (L1233-85)",
                                   _fr_date(pl.col("date_signature")), pl.lit(delay),
                                   _fr_date(pl.col("_ref_date_notification")))))
    if ds.name == "conventions" and valid.height and ctx.smic is not None:
        out.append(_contribution_flags(ds, valid, ctx))
    if ds.name == "suivi_emplois" and valid.height:
        out.append(_decreasing(ds, valid, ctx))
        out.append(_flag(valid, ds, (pl.col("_ref_emplois_prevus") > 0) & (pl.col("emplois_crees") > pl.col("_ref_emplois_prevus")),
                         "EMPLOIS_CREES_SUP_PREVUS", "emplois_crees", pl.format(
                             "{} emplois créés déclarés au {} pour {} prévus par l'aide {} : à vérifier",
                             pl.col("emplois_crees"), _fr_date(pl.col("date_constat")),
                             pl.col("_ref_emplois_prevus"), pl.col("id_aide"))))
    return pl.concat(out, how="vertical")


def _decreasing(ds: Dataset, valid: pl.DataFrame, ctx) -> pl.DataFrame:
    """A cumulative follow-up lower than an earlier one of the same aid (batch or warehouse)."""
    new = valid.select("id_aide", "date_constat", "emplois_crees", "cle", "fichier",
                       pl.col("ligne").cast(pl.Int64), pl.lit(True).alias("_new"))
    old = lignes_entrepot(ctx.existing, "suivi_emplois", "id_aide", new["id_aide"].unique())
    frames = [new]
    if old is not None and old.height:
        old = old.join(new.select("id_aide", "date_constat"), on=["id_aide", "date_constat"], how="anti")
        old = old.join(new.select("id_aide").unique(), on="id_aide", how="semi")
        frames.append(old.select("id_aide", "date_constat", pl.col("emplois_crees").cast(pl.Int64),
                                 pl.lit(None, pl.Utf8).alias("cle"), pl.lit(None, pl.Utf8).alias("fichier"),
                                 pl.lit(None, pl.Int64).alias("ligne"), pl.lit(False).alias("_new")))
    allrows = pl.concat(frames, how="vertical_relaxed").sort("id_aide", "date_constat")
    # The highest earlier count of the same aid, without a window per aid (1,2 s on 850 000
    # follow-ups): rows are sorted by aid, so group g's counts (≥ 0, contract minimum) shifted by
    # g × 2^31 keep a running maximum that never reaches back into an earlier aid.
    # Computed step by step: in one expression (the running maximum used twice inside when/then),
    # Polars 2.1 built a column that panicked once filtered and formatted ("assertion failed:
    # i < self.len()", two decreasing follow-ups in a batch: tests/pipelines/test_validation_par_paquets).
    groupe = (pl.col("id_aide") != pl.col("id_aide").shift(1)).fill_null(True).cum_sum().cast(pl.Int64) * 2**31
    allrows = allrows.with_columns(groupe.alias("_groupe")).with_columns(
        (pl.col("_groupe") + pl.col("emplois_crees").cast(pl.Int64)).cum_max().shift(1).alias("_precedent"))
    allrows = allrows.with_columns(pl.when(pl.col("_precedent") >= pl.col("_groupe"))
                                   .then(pl.col("_precedent") - pl.col("_groupe")).alias("_prev_max"))
    return _flag(allrows, ds, pl.col("_new") & (pl.col("emplois_crees") < pl.col("_prev_max")),
                 "SUIVI_DECROISSANT", "emplois_crees", pl.format(
                     "{} emplois créés cumulés au {}, moins qu'un constat antérieur de l'aide {} ({}) : "
                     "le suivi doit être cumulatif", pl.col("emplois_crees"), _fr_date(pl.col("date_constat")),
                     pl.col("id_aide"), pl.col("_prev_max")))


def _contribution_flags(ds: Dataset, valid: pl.DataFrame, ctx) -> pl.DataFrame:
    """The committed amount against the dated monthly SMIC × jobs cut (L1233-86).

    TAUX_SMIC_INCOHERENT: the declared `taux_smic` differs by more than 5 % from the multiple the
    amount really represents; MONTANT_SOUS_MINIMUM: no declared multiple and the amount is below
    the legal minimum (a declared one below it is already TAUX_SMIC_INF_2)."""
    date_col = "_ref_date_notification" if ctx.smic_date == "notification" else "date_signature"
    smic = ctx.smic.rename({"date_debut": "_smic_date", "smic_mensuel": "_smic"})
    v = (valid.filter(pl.col(date_col).is_not_null()).sort(date_col)
         .join_asof(smic, left_on=date_col, right_on="_smic_date", strategy="backward"))
    due = pl.col("_smic") * pl.col("_ref_emplois_supprimes").cast(pl.Float64)
    v = v.with_columns((pl.col("montant_engage").cast(pl.Float64) / pl.when(due > 0).then(due)).alias("_eff"))
    taux, eff, lo = pl.col("taux_smic").cast(pl.Float64), pl.col("_eff"), ctx.rules["multiple_minimum"]
    smic_fr = _fr_num(pl.col("_smic")).str.replace(r"^(\d)(\d{3})", "$1 $2")   # 1766,92 → 1 766,92
    smic_txt = pl.format("{} € au {}", smic_fr, _fr_date(pl.col("_smic_date")))
    return pl.concat([
        _flag(v, ds, taux.is_not_null() & ((taux - eff).abs() > 0.05 * eff) & ((taux - eff).abs() > 0.05),
              "TAUX_SMIC_INCOHERENT", "taux_smic", pl.format(
                  "taux déclaré de {} × SMIC, mais le montant engagé correspond à {} × SMIC mensuel ({}) "
                  "par emploi supprimé : vérifier le taux ou le montant", _fr_num(taux), _fr_num(eff), smic_txt)),
        _flag(v, ds, taux.is_null() & (eff < lo), "MONTANT_SOUS_MINIMUM", "montant_engage", pl.format(
            "montant engagé équivalent à {} × SMIC mensuel ({}) par emploi supprimé, sous le minimum légal "
            "de {} × SMIC (L1233-86) : vérifier si l'administration a accordé une réduction",
            _fr_num(eff), smic_txt, pl.lit(_n(lo)))),
    ], how="vertical")
