"""Statistical secrecy on the app side: the figures a viewer may see, and how a masked one shows.

The query wrappers (`observatoire.queries`) hand every territorial frame to `territoires`,
`repartition` or `serie`, which apply `core.diffusion` for the viewer's périmètre (public level:
everything; a territorial agent: what lies outside their départements; national roles: nothing
is masked) and the table actually shown (its filters). Metrics and tables then write « s » (observatoire.layout), with the tooltip `infobulle()` (thresholds of ref_regle); tables get a « Secret »
column.
"""
from __future__ import annotations

import os

import polars as pl

from core import diffusion
from core.perimetre import PUBLIC, Perimetre

SYMBOLE = diffusion.SYMBOLE


def infobulle(version: str | None = None) -> str:
    """The sentence explaining « s », with the thresholds of the warehouse's rules."""
    return diffusion.infobulle(diffusion.regles(version=version))


def perimetre_vu() -> Perimetre | None:
    """The viewer's périmètre (observatoire.acces once sign-in is there; until then the public
    level when the app runs in public mode, else the local administrator: None, nothing masked)."""
    try:
        from observatoire.acces import perimetre_courant
    except ImportError:
        public = os.environ.get("OBSERVATOIRE_ACCES_PUBLIC", "").strip().lower() in ("1", "true", "oui", "yes")
        return PUBLIC if public else None
    return perimetre_courant()


def prechauffer(version: str) -> None:
    """Where some viewers see masked figures (sign-in or public mode, not the local mode), start
    protecting the public level's unfiltered tables of this data version in the background
    (core.diffusion.prechauffer, once per version): the first run after a batch starts it."""
    try:
        from observatoire.acces import auth_configuree, mode_public
    except ImportError:
        return
    if auth_configuree() or mode_public():
        diffusion.prechauffer(version)


def public() -> bool:
    """True at the public level (aggregates only, no firm-level table)."""
    p = perimetre_vu()
    return p is not None and p.public


def voit_detail(departement: str) -> bool:
    """True when the viewer sees this département's firm-level detail (no secrecy there)."""
    p = perimetre_vu()
    return p is None or p.voit_detail(departement)


def territoires(df: pl.DataFrame, niveau: str, params: dict, version: str | None,
                cle: str | None) -> pl.DataFrame:
    """A kpi frame of one level (`cle` = its code column, None for France) with the viewer's masks."""
    p = perimetre_vu()
    if not diffusion.soumis_au_secret(p):
        return df
    masques = diffusion.statuts(niveau, params, perimetre=p, version=version)
    if cle is None:
        return diffusion.masquer(df.with_columns(pl.lit("FR").alias("_fr")), masques, cle="_fr").drop("_fr")
    return diffusion.masquer(df, masques, cle=cle)


def repartition(df: pl.DataFrame, dimension: str, niveau: str, code: str | None, params: dict,
                version: str | None, cle: str = "modalite") -> pl.DataFrame:
    """A breakdown of one territory (by instrument, operator, NAF section or year) with masks."""
    p = perimetre_vu()
    if not diffusion.soumis_au_secret(p):
        return df
    masques = diffusion.statuts(niveau, params, dimension, p, code=code or "FR", version=version)
    return diffusion.masquer(df, masques, cle=cle, cle_masque="modalite")


def serie(df: pl.DataFrame, niveau: str, code: str | None, params: dict, version: str | None) -> pl.DataFrame:
    return repartition(df, "annee", niveau, code, params, version, cle="annee")


def masque(ligne: dict, colonne: str) -> bool:
    """True when this figure of the row is under statistical secrecy."""
    return bool(ligne.get("secret")) and colonne in diffusion.MESURES_PROTEGEES
