"""Cached queries behind the map's zone panel and the Conventions and Fonds mutualisés pages.

Same pattern as observatoire.queries (which serves the lists and the territory figures): each
function takes the data version first and runs one SQL file of `sql/queries/` (`q_carte_*`,
`q_detail_*`) through the single read door `core.query.query` (bound parameters, cache by data
version, the viewer's scope). Also the map's geometry per (version, level), slimmed for Plotly
(that slimming is cached here, the rows by the door), and the pure text search the list pages
use. Returned frames and dicts are shared: read-only.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import polars as pl

from core import query as door
from core.reference import load_geojson
from observatoire import geojson, maps
from observatoire.acces import perimetre_courant
from observatoire.queries import AUCUN_FILTRE, Filtres


def _q(name: str, params: dict | None, version: str) -> pl.DataFrame:
    """Every wrapper reads here: the viewer's périmètre is taken once, in this one place."""
    return door.query(name, params, perimetre=perimetre_courant(), version=version)


def _filtres(f: Filtres, *cles: str) -> dict:
    tout = f.params()
    return {c: tout[c] for c in cles}


@lru_cache(maxsize=8)
def geometrie(version: str, niveau: str) -> dict:
    """Slimmed FeatureCollection of a map level (feature id = code, property `cadrage`: metropole or a DROM)."""
    if niveau not in maps.COUCHES:
        raise ValueError(f"niveau inconnu : {niveau}")
    lignes = _q("q_carte_geometrie", {"niveau": niveau}, version)
    if lignes.height == 0:  # a warehouse built without geometries: use the committed files
        return geojson.alleger(load_geojson(niveau))
    return _depuis_lignes(tuple(lignes["code"].to_list()), tuple(lignes["geojson"].to_list()))


@lru_cache(maxsize=8)
def _depuis_lignes(codes: tuple[str, ...], geometries: tuple[str, ...]) -> dict:
    """The slimmed collection of these rows, by content: two warehouses built from the same
    reference geography (a rebuild, a copy, the tests' warehouses) parse and slim it once."""
    return geojson.geojson_depuis_lignes(list(codes), list(geometries))


def territoires(version: str, niveau: str) -> pl.DataFrame:
    """code, libelle, outre_mer of every territory of a level, sorted by name."""
    if niveau not in maps.COUCHES:
        raise ValueError(f"niveau inconnu : {niveau}")
    return _q("q_carte_territoires", {"niveau": niveau}, version)


def zone_conventions(version: str, code_ze: str, f: Filtres = AUCUN_FILTRE) -> pl.DataFrame:
    """Conventions whose restructuring site is in the zone or which fund aids located there."""
    return _q("q_detail_zone_conventions",
              {"code_ze": code_ze, **_filtres(f, "annee_debut", "annee_fin", "operateur",
                                             "type_aide", "type_procedure")}, version)


def zone_aides(version: str, code_ze: str, f: Filtres = AUCUN_FILTRE) -> pl.DataFrame:
    """Aids located in the zone (supported firms and collective actions)."""
    return _q("q_detail_zone_aides",
              {"code_ze": code_ze, **_filtres(f, "annee_debut", "annee_fin", "operateur", "type_aide")}, version)


def convention(version: str, id_convention: str) -> pl.DataFrame:
    """One row: the convention, its restructuring and its obligations (empty when unknown)."""
    return _q("q_detail_convention", {"id_convention": id_convention}, version)


def convention_signalements(version: str, id_convention: str) -> pl.DataFrame:
    """Flags recorded at load time on the convention or its restructuring."""
    return _q("q_detail_convention_signalements", {"id_convention": id_convention}, version)


def convention_aides(version: str, id_convention: str) -> pl.DataFrame:
    """Aids attributed to the convention (direct, or its pro-rata share through funds)."""
    return _q("q_detail_convention_aides", {"id_convention": id_convention}, version)


def convention_dotations(version: str, id_convention: str) -> pl.DataFrame:
    """The convention's payments into pooled funds."""
    return _q("q_detail_convention_dotations", {"id_convention": id_convention}, version)


def convention_emplois(version: str, id_convention: str) -> pl.DataFrame:
    """Jobs attributed to the convention by year (emplois_convention_par_annee)."""
    return _q("q_detail_convention_emplois", {"id_convention": id_convention}, version)


def fonds(version: str, id_fonds: str) -> pl.DataFrame:
    """One row: the fund with its figures and manager (empty when unknown)."""
    return _q("q_detail_fonds", {"id_fonds": id_fonds}, version)


def fonds_contributeurs(version: str, id_fonds: str) -> pl.DataFrame:
    """Dotations by contributing convention, with each one's share of the fund."""
    return _q("q_detail_fonds_contributeurs", {"id_fonds": id_fonds}, version)


def fonds_aides(version: str, id_fonds: str, f: Filtres = AUCUN_FILTRE) -> pl.DataFrame:
    """The fund's beneficiaries (its aids) under the year and instrument filters."""
    return _q("q_detail_fonds_aides", {"id_fonds": id_fonds,
                                       **_filtres(f, "annee_debut", "annee_fin", "type_aide")}, version)


def fonds_instruments(version: str, id_fonds: str, f: Filtres = AUCUN_FILTRE) -> pl.DataFrame:
    """The fund's aids by instrument: count, euros, jobs, leverage."""
    return _q("q_detail_fonds_instruments", {"id_fonds": id_fonds,
                                             **_filtres(f, "annee_debut", "annee_fin")}, version)


def fonds_emplois(version: str, id_fonds: str) -> pl.DataFrame:
    """Jobs created by the fund's aids by year (emplois_fonds_par_annee)."""
    return _q("q_detail_fonds_emplois", {"id_fonds": id_fonds}, version)


def _plier(texte: str) -> str:
    sans_accents = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return sans_accents.lower().strip()


def rechercher(frame: pl.DataFrame, texte: str | None, colonnes: list[str]) -> pl.DataFrame:
    """Rows where every word of `texte` appears in one of `colonnes` (case and accents ignored)."""
    mots = _plier(texte or "").split()
    if not mots or frame.height == 0:
        return frame
    colonnes = [c for c in colonnes if c in frame.columns]
    meule = pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in colonnes], separator=" ")
    pliee = meule.map_elements(_plier, return_dtype=pl.String)
    condition = pl.lit(True)
    for mot in mots:
        condition = condition & pliee.str.contains(mot, literal=True)
    return frame.filter(condition)


def vider_caches() -> None:
    """Forget every cached result (tests)."""
    geometrie.cache_clear()
    door.vider_cache()
