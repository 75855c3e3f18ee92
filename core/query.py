"""The single door for reads: every read of the app, the exports and the COPIL pack comes here.

`query(name, params)` runs the named SQL file (`sql/**/<name>.sql`) with exactly the parameters
that file declares (its `$name` placeholders, bound by DuckDB, never pasted into the text) and
returns a Polars frame, cached by (warehouse file, data version, file, parameters): a swapped-in
warehouse is a new version, so nothing stale is served and nothing is recomputed needlessly.
This is the one place where the viewer's scope (périmètre) is applied: no page or export reaches
DuckDB another way (tests/architecture checks it). A firm-level SQL file declares
`$perimetre_departements` (and, if it needs it, `$perimetre_email`) and filters its rows with
them; callers never pass those two: the door binds them from the `perimetre=` it is given, and
refuses to run such a file without one (fail closed). They are part of the cache key, so two
viewers with the same scope share cached rows and never anyone else's. Returned frames are shared between callers:
treat them as read-only (Polars frames are immutable by API).
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import polars as pl

from core import entrepot
from core.config import chemin_entrepot
from core.perimetre import Perimetre
from core.sql import declared_params, sql_text

_CACHE = 2048
PARAMETRES_PERIMETRE = frozenset({"perimetre_departements", "perimetre_email"})


class ParametresInvalides(ValueError):
    """A read was asked with parameters other than those its SQL file declares."""


class PerimetreManquant(PermissionError):
    """A firm-level SQL file was asked for without the viewer's périmètre."""


def niveau_entreprise(name: str) -> bool:
    """True when the SQL file returns firm-level rows filtered by the viewer's scope."""
    return bool(declared_params(name) & PARAMETRES_PERIMETRE)


def _geler(valeur):
    """Parameters as a hashable cache key (lists and sets become tuples)."""
    if isinstance(valeur, (list, tuple, set, frozenset)):
        valeurs = sorted(valeur, key=str) if isinstance(valeur, (set, frozenset)) else valeur
        return ("__liste__", tuple(_geler(v) for v in valeurs))
    return valeur


def _degeler(valeur):
    if isinstance(valeur, tuple) and len(valeur) == 2 and valeur[0] == "__liste__":
        return [_degeler(v) for v in valeur[1]]
    return valeur


def verifier(name: str, params: Mapping[str, object] | None) -> dict:
    """The parameters as a dict, checked against the file's declaration (raises ParametresInvalides)."""
    donnes = dict(params or {})
    attendus = declared_params(name) - PARAMETRES_PERIMETRE
    if set(donnes) != attendus:
        manquants = sorted(attendus - set(donnes))
        en_trop = sorted(set(donnes) - attendus)
        raise ParametresInvalides(f"{name}.sql : paramètres manquants {manquants}, en trop {en_trop}")
    return donnes


def query(name: str, params: Mapping[str, object] | None = None, *, perimetre: Perimetre | None = None,
          db: Path | None = None, version: str | None = None) -> pl.DataFrame:
    """Rows of the named SQL file for these parameters, through the cache of this data version;
    a firm-level file only with the viewer's `perimetre` (raises PerimetreManquant without)."""
    donnes = verifier(name, params)
    portee = declared_params(name) & PARAMETRES_PERIMETRE
    if portee:
        if not isinstance(perimetre, Perimetre):
            raise PerimetreManquant(f"{name}.sql renvoie des lignes par entreprise : "
                                    "le périmètre du lecteur est obligatoire")
        donnes.update({k: v for k, v in perimetre.parametres_sql().items() if k in portee})
    path = Path(db) if db else chemin_entrepot()
    version = version or entrepot.data_version(path)
    cle = tuple(sorted((k, _geler(v)) for k, v in donnes.items()))
    return _lire(str(path), version, name, cle)


@lru_cache(maxsize=_CACHE)
def _lire(path: str, version: str, name: str, cle: tuple) -> pl.DataFrame:
    params = {k: _degeler(v) for k, v in cle}
    return entrepot.execute(sql_text(name), params or None, Path(path), version)


def vider_cache() -> None:
    """Forget every cached read (tests; the data version normally makes this unnecessary)."""
    _lire.cache_clear()
