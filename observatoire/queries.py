"""Named, cached queries: what pages and exports ask the warehouse, as Polars frames.

Every function takes the data version (`core.entrepot.data_version()`) as its first
argument, so its cache entry dies when ingestion swaps in a new warehouse, and runs one SQL
file of `sql/queries/` with bound parameters over the semantic layer's views and macros (no
business rule lives here). Caching is `functools.lru_cache`, not Streamlit's, so the COPIL PDF
command line can reuse the same functions outside the app. Returned frames are shared between
callers: treat them as read-only (Polars frames are immutable by API). Territorial frames come
back under statistical secrecy for the viewer (observatoire.masques: masked measures null and a
`secret` column).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import polars as pl

from core import entrepot
from core import query as door
from core.reference import NIVEAUX
from observatoire import masques

DIMENSIONS = ("type_aide", "operateur", "section_naf")


@dataclass(frozen=True)
class Filtres:
    """The sidebar's filters; None means "no filter". Hashable, so it keys the caches."""

    annee_debut: int | None = None
    annee_fin: int | None = None
    operateur: str | None = None
    type_aide: str | None = None
    type_procedure: str | None = None
    code_region: str | None = None
    code_departement: str | None = None

    def sans_territoire(self) -> Filtres:
        return replace(self, code_region=None, code_departement=None)

    def params(self) -> dict:
        """The five parameters shared by the kpi_*_f macros."""
        return {"annee_debut": self.annee_debut, "annee_fin": self.annee_fin,
                "operateur": self.operateur, "type_aide": self.type_aide,
                "type_procedure": self.type_procedure}


AUCUN_FILTRE = Filtres()


def version_actuelle() -> str:
    """The warehouse's data version now (raises db.EntrepotIntrouvable when there is none)."""
    return entrepot.data_version()


def _q(name: str, params: dict | None = None, version: str | None = None) -> pl.DataFrame:
    return door.query(name, params, version=version)


def national(version: str, f: Filtres = AUCUN_FILTRE) -> pl.DataFrame:
    """One row: kpi_national_f under the filters (plus the view's extras: nb_conventions…)."""
    return masques.territoires(_q("q_national", f.params(), version), "national", f.params(), version, None)


def regions(version: str, f: Filtres = AUCUN_FILTRE) -> pl.DataFrame:
    """kpi_region_f: one row per région, zeros where nothing happened."""
    return masques.territoires(_q("q_regions", f.params(), version), "region", f.params(), version, "code_region")


def departements(version: str, f: Filtres = AUCUN_FILTRE, code_region: str | None = None) -> pl.DataFrame:
    """kpi_departement_f, every département or those of one région."""
    df = _q("q_departements", {**f.params(), "code_region": code_region, "code_departement": None}, version)
    return masques.territoires(df, "departement", f.params(), version, "code_departement")


def departement(version: str, f: Filtres, code_departement: str) -> pl.DataFrame:
    """One département's row of kpi_departement_f (empty frame when the code is unknown)."""
    df = _q("q_departements", {**f.params(), "code_region": None, "code_departement": code_departement}, version)
    return masques.territoires(df, "departement", f.params(), version, "code_departement")


def zones_emploi(version: str, f: Filtres = AUCUN_FILTRE) -> pl.DataFrame:
    """kpi_zone_emploi_f: one row per zone d'emploi 2020."""
    return masques.territoires(_q("q_zones_emploi", f.params(), version), "zone_emploi", f.params(), version,
                               "code_ze")


def serie_annuelle(version: str, f: Filtres = AUCUN_FILTRE, niveau: str = "national",
                   code: str | None = None) -> pl.DataFrame:
    """serie_annuelle_f: by year, jobs cut / planned / created, euros, counts."""
    if niveau not in NIVEAUX:
        raise ValueError(f"niveau inconnu : {niveau}")
    df = _q("q_serie_annuelle", {**f.params(), "niveau": niveau, "code": code}, version)
    return masques.serie(df, niveau, code, f.params(), version)


def repartition(version: str, f: Filtres, dimension: str, niveau: str = "national",
                code: str | None = None) -> pl.DataFrame:
    """repartition_f: aids broken down by instrument, operator or NAF section (`modalite`)."""
    if dimension not in DIMENSIONS or niveau not in NIVEAUX:
        raise ValueError(f"répartition inconnue : {dimension} / {niveau}")
    df = _q("q_repartition", {**f.params(), "dimension": dimension, "niveau": niveau, "code": code}, version)
    return masques.repartition(df, dimension, niveau, code, f.params(), version)


def _conv_params(f: Filtres, departement: str | None, code_region: str | None) -> dict:
    return {"annee_debut": f.annee_debut, "annee_fin": f.annee_fin, "operateur": f.operateur,
            "type_procedure": f.type_procedure, "departement": departement, "code_region": code_region}


def conventions(version: str, f: Filtres = AUCUN_FILTRE, departement: str | None = None,
                code_region: str | None = None) -> pl.DataFrame:
    """kpi_convention_f rows (latest signature first), optionally of one département / région."""
    return _q("q_conventions", {**_conv_params(f, departement, code_region), "convention": None, "fonds": None},
              version)


def conformite(version: str, f: Filtres = AUCUN_FILTRE, departement: str | None = None,
               code_region: str | None = None) -> pl.DataFrame:
    """One row: nb_conventions, nb_conformes, part_conformes (legal minimum), sums."""
    return _q("q_conformite", _conv_params(f, departement, code_region), version)


def fonds(version: str, f: Filtres = AUCUN_FILTRE, departement: str | None = None) -> pl.DataFrame:
    """kpi_fonds_f rows under the year and instrument filters, optionally of one département."""
    return _q("q_fonds", {"annee_debut": f.annee_debut, "annee_fin": f.annee_fin,
                          "type_aide": f.type_aide, "departement": departement}, version)


def ref_departements(version: str) -> pl.DataFrame:
    """code_departement, libelle, code_region, libelle_region."""
    return _q("q_ref_departements", None, version)


def ref_regions(version: str) -> pl.DataFrame:
    """code_region, libelle."""
    return _q("q_ref_regions", None, version)


def operateurs(version: str) -> tuple[str, ...]:
    """Operators named on the loaded conventions."""
    return tuple(_q("q_operateurs", None, version)["operateur"].to_list())


def bornes_annees(version: str) -> tuple[int, int] | None:
    """(first year, last year) present in the data, None when the warehouse holds no data."""
    row = _q("q_bornes_annees", None, version).row(0)
    return None if row[0] is None else (int(row[0]), int(row[1]))


def historique_chargements(version: str) -> pl.DataFrame:
    """ingestion_log, latest batch first."""
    return _q("q_ingestion_log", None, version)


def quarantaine(version: str, batch_id: str | None = None) -> pl.DataFrame:
    """Rejected rows with their French messages, of one batch or all."""
    return _q("q_quarantaine", {"batch_id": batch_id}, version)


def signalements(version: str, code: str | None = None) -> pl.DataFrame:
    """Data-quality warnings on loaded rows (qualite_signalements), of one code or all."""
    return _q("q_signalements", {"code": code}, version)


def regles(version: str) -> dict[str, str]:
    """The legal rules of ref_regle as {cle: valeur} (values as stored: '2', '36', 'signature')."""
    lignes = _q("q_regles", None, version)
    return dict(zip(lignes["cle"].to_list(), lignes["valeur"].to_list(), strict=True))


def vider_caches() -> None:
    """Forget every cached read (tests; the data version normally makes this unnecessary)."""
    door.vider_cache()
