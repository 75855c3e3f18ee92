"""What a viewer may see of the territorial figures: the secrecy engine applied to the table shown.

`core.secret` decides the status of every cell from unit-level rows; this module feeds it through
the read door (`q_secret_unites`, `q_secret_regles`, cached by data version), keeps its tables in
a cache keyed by the same data version, the filters, the breakdown and the départements the
viewer sees in full, and masks a frame of figures: each protected measure of a masked cell
becomes null and the column `secret` says `primaire` or `secondaire` (null when published).
Used by the app (public level, territories outside a viewer's départements), the public COPIL
brief and the open data (`pipelines.opendata`).
"""
from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import polars as pl

from core import entrepot, processus, secret
from core.config import chemin_entrepot
from core.perimetre import Perimetre
from core.query import query
from core.regles import regles_par_defaut

# Measures built from aids: masked with their cell. Jobs cut and convention counts are published
# as is (publicly announced layoffs); committed contributions are one firm's money: masked too.
MESURES_PROTEGEES = (
    "emplois_prevus", "emplois_crees", "montant_revitalisation", "cofinancement_public",
    "cofinancement_prive", "nb_beneficiaires", "nb_aides", "effet_levier", "euros_par_emploi",
    "taux_recreation", "taux_realisation", "montant_engage",
)
FILTRES = ("annee_debut", "annee_fin", "operateur", "type_aide", "type_procedure")
SYMBOLE = "s"
# From this many unit rows the four breakdowns are protected in worker processes, beside each
# other (their pivot is pure Python: threads would take turns). Below, the pivots are small (the
# hand-built test warehouses: milliseconds) and stay in this process; the threshold is a round
# figure, not tuned.
PARALLELE_DES = 2_000
TABLES_GARDEES = 64   # filter combinations × viewers' départements kept (each: five tables)
log = logging.getLogger(__name__)
_executeur: ProcessPoolExecutor | None = None
_verrou_processus = threading.Lock()
_verrou = threading.Lock()   # the tables kept, those being computed, the versions warmed up
_faites: OrderedDict[tuple, dict] = OrderedDict()
_en_cours: dict[tuple, Future] = {}
_prechauffees: set[tuple[str, str]] = set()


def infobulle(r: secret.ReglesSecret) -> str:
    """The sentence explaining « s », with the thresholds in force."""
    return (f"s : secret statistique. Valeur masquée parce qu'elle porte sur moins de "
            f"{r.frequence_min:g} entreprises, qu'une entreprise y pèse plus de {r.dominance_pct:g} %, ou "
            "qu'elle permettrait de recalculer une telle valeur (loi n° 51-711 du 7 juin 1951).")


def soumis_au_secret(perimetre: Perimetre | None) -> bool:
    """False for a viewer who sees every département in full (no masking at all)."""
    return perimetre is not None and (perimetre.public or perimetre.departements is not None)


def vus(perimetre: Perimetre | None) -> frozenset[str]:
    """Départements whose figures this viewer sees in full (none at the public level)."""
    if perimetre is None or perimetre.public or perimetre.departements is None:
        return frozenset()
    return frozenset(perimetre.departements)


def regles(*, db: Path | None = None, version: str | None = None) -> secret.ReglesSecret:
    """The thresholds of ref_regle (else those of the committed rules file)."""
    ligne = query("q_secret_regles", {}, db=db, version=version).row(0, named=True)
    defaut = regles_par_defaut()
    return secret.ReglesSecret(
        frequence_min=ligne["frequence_min"] or defaut["secret_frequence_min"],
        dominance_pct=ligne["dominance_pct"] or defaut["secret_dominance_pct"])


def _filtres(params: Mapping[str, object] | None) -> tuple:
    donnes = dict(params or {})
    return tuple((k, donnes.get(k)) for k in FILTRES)


def tableau(params: Mapping[str, object] | None = None, dimension: str | None = None,
            departements_vus: frozenset[str] = frozenset(), *, db: Path | None = None,
            version: str | None = None) -> secret.TableauSecret:
    """The protected table (territorial, or one breakdown) of the aids under these filters."""
    path = Path(db) if db else chemin_entrepot()
    version = version or entrepot.data_version(path)
    return _ensemble(str(path), version, _filtres(params), frozenset(departements_vus))[dimension]


def _ensemble(path: str, version: str, filtres: tuple,
              departements_vus: frozenset[str]) -> dict[str | None, secret.TableauSecret]:
    """The territorial table and all its breakdowns under these filters, kept by data version:
    computed once even when several sessions (or the warm-up) ask at the same time, the others
    waiting for that computation instead of repeating it."""
    cle = (path, version, filtres, departements_vus)
    with _verrou:
        if cle in _faites:
            _faites.move_to_end(cle)
            return _faites[cle]
        futur = _en_cours.get(cle)
        ici = futur is None
        if ici:
            futur = _en_cours[cle] = Future()
    if not ici:
        return futur.result()
    try:
        tables = _proteger(path, version, filtres, departements_vus)
    except BaseException as exc:
        with _verrou:
            del _en_cours[cle]
        futur.set_exception(exc)
        raise
    with _verrou:
        _faites[cle] = tables
        while len(_faites) > TABLES_GARDEES:
            _faites.popitem(last=False)
        del _en_cours[cle]
    futur.set_result(tables)
    return tables


def _proteger(path: str, version: str, filtres: tuple,
              departements_vus: frozenset[str]) -> dict[str | None, secret.TableauSecret]:
    """The five tables computed together: a breakdown may require a territory total to be masked
    everywhere (secret.proteger_ensemble), so no table is final before all of them are, whichever
    page asks first."""
    unites = query("q_secret_unites", dict(filtres), db=Path(path), version=version)
    r = regles(db=Path(path), version=version)
    # the workers, if started now, import while the territorial table is protected here
    executeur = _processus() if unites.height >= PARALLELE_DES else None
    try:
        return secret.proteger_ensemble(unites, r, vus=departements_vus, executeur=executeur)
    except BrokenProcessPool:   # a worker died (memory, killed): the same tables, in this process
        _oublier_processus()
        return secret.proteger_ensemble(unites, r, vus=departements_vus)


def vider_cache() -> None:
    """Forget the tables kept (benchmarks, tests; a new data version normally does it)."""
    with _verrou:
        _faites.clear()
        _prechauffees.clear()


def prechauffer(version: str, *, db: Path | None = None) -> None:
    """Start protecting the public level's unfiltered tables for this data version in the
    background, once: the first public visitor after a batch then finds them computed (4,2–5,5 s
    on the bundled sample otherwise, docs/performance-secret.md) or waits for that computation rather than starting another."""
    path = str(Path(db) if db else chemin_entrepot())
    with _verrou:
        if (path, version) in _prechauffees:
            return
        _prechauffees.add((path, version))
    threading.Thread(target=_prechauffe, args=(path, version), name="secret-prechauffage", daemon=True).start()


def _prechauffe(path: str, version: str) -> None:
    try:
        _ensemble(path, version, _filtres(None), frozenset())
    except Exception:   # a background convenience: the page computes them itself if it failed
        log.exception("préchauffage du secret statistique")


def _processus() -> ProcessPoolExecutor | None:
    """The worker processes (core.processus), started once; None on a one-core machine."""
    global _executeur
    cpu = os.cpu_count() or 1
    if cpu < 2:
        return None
    with _verrou_processus:
        if _executeur is None:
            n = min(len(secret.DIMENSIONS), cpu)
            _executeur = processus.executeur(n)
            for _ in range(n):   # each worker imports core.secret now, beside the territorial table
                _executeur.submit(secret.pret)
        return _executeur


def _oublier_processus() -> None:
    global _executeur
    with _verrou_processus:
        if _executeur is not None:
            _executeur.shutdown(wait=False, cancel_futures=True)
        _executeur = None


def statuts(niveau: str, params: Mapping[str, object] | None = None, dimension: str | None = None,
            perimetre: Perimetre | None = None, *, code: str | None = None,
            db: Path | None = None, version: str | None = None) -> pl.DataFrame:
    """(code, modalite, secret) of the masked cells of one level ('primaire' / 'secondaire'), for a
    breakdown optionally of one territory; empty for a viewer who sees everything."""
    vide = pl.DataFrame(schema={"code": pl.String, "modalite": pl.String, "secret": pl.String})
    if not soumis_au_secret(perimetre):
        return vide
    cellules = tableau(params, dimension, vus(perimetre), db=db, version=version).cellules
    masques = cellules.filter(
        (pl.col("niveau") == niveau) & (pl.col("croise") == bool(dimension))
        & pl.col("statut").is_in(["primaire", "secondaire"]))
    if code is not None:
        masques = masques.filter(pl.col("code") == code)
    return masques.select("code", "modalite", pl.col("statut").alias("secret"))


def masquer(df: pl.DataFrame, masques: pl.DataFrame, *, cle: str, cle_masque: str = "code",
            mesures: tuple[str, ...] = MESURES_PROTEGEES) -> pl.DataFrame:
    """`df` with a `secret` column and every protected measure of a masked row set to null.
    `cle` is the frame's column matched against `masques[cle_masque]` ('code' or 'modalite')."""
    m = masques.select(pl.col(cle_masque).alias("_cle"), "secret").unique("_cle")
    out = df.with_columns(pl.col(cle).cast(pl.String).alias("_cle")).join(
        m, on="_cle", how="left", maintain_order="left").drop("_cle")
    masque = pl.col("secret").is_not_null()
    return out.with_columns(
        pl.when(~masque).then(pl.col(c)).alias(c) for c in mesures if c in out.columns)
