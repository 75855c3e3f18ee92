"""Gather every frame the COPIL pack shows, from the same views and macros as the pages.

One call, `collect_pack(params, db)`, runs the `q_copil_*` SQL files of `sql/queries/` with bound
parameters and returns a `CopilPack`: headline figures for the COPIL year, the year before and the
whole period, the zones d'emploi touching the département (for the map), the conventions, the
pooled funds, the yearly series, the breakdown by instrument, the flags, the late and coming
deadlines (echeances macro, seen from the COPIL date) and the data provenance.
The PDF and the workbook are pure functions of that object, so both always show the same numbers.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from core.entrepot import data_version
from core.indicateurs import indicateur
from core.perimetre import Perimetre
from core.query import PARAMETRES_PERIMETRE, query
from core.sql import declared_params
from observatoire.copil import diffusable
from observatoire.copil.diffusable import masque


class CopilError(ValueError):
    """The pack cannot be produced for these parameters; the message is a French sentence."""


@dataclass(frozen=True)
class CopilParams:
    """What the pack is about: a département, the COPIL year, an optional first year, fund or convention."""
    departement: str
    annee: int
    annee_debut: int | None = None      # None: since the first data
    fonds: str | None = None
    convention: str | None = None
    date_copil: date | None = None      # None: the date of generation
    operateur: str | None = None
    type_aide: str | None = None
    type_procedure: str | None = None
    diffusable: bool = False            # the public brief, under statistical secrecy (copil/diffusable.py)

    def key(self) -> tuple:
        return tuple(str(v) for v in self.__dict__.values())


# Headline indicators per scope: registry codes (core.indicateurs), with the wording the brief
# uses where it says more than the table header ("Aides accordées").
INDICATEURS = {
    "departement": ["emplois_supprimes", "emplois_crees", "taux_recreation", "nb_beneficiaires",
                    ("nb_aides", "Aides accordées"), ("montant_revitalisation", None), "effet_levier",
                    "euros_par_emploi", "nb_conventions",
                    ("montant_engage", "Montant engagé par les conventions")],
    "fonds": ["emplois_crees", "nb_beneficiaires", ("nb_aides", "Aides accordées"), ("montant_revitalisation", None),
              "effet_levier", "euros_par_emploi", "dotations"],
    "convention": ["emplois_supprimes", "objectif_emplois", "emplois_crees_attribues", "taux_recreation",
                   ("taux_atteinte_objectif", None), "montant_engage", ("contribution_minimale", None),
                   ("montant_attribue", "Montant attribué (consommé)"), ("taux_consommation", None)],
}
_NATURE = {"entier": "nombre", "euros": "euros", "taux": "taux", "multiple": "multiple"}


def _indicateurs(scope: str) -> list[tuple[str, str, str]]:
    """(label, column, kind) of a scope's headline: a bare code takes the registry's label, a
    (code, None) pair its document wording, a (code, text) pair that text."""
    out = []
    for item in INDICATEURS[scope]:
        code, libelle = (item, "libelle") if isinstance(item, str) else item
        ind = indicateur(code)
        texte = ind.libelle if libelle == "libelle" else (ind.titre_document if libelle is None else libelle)
        out.append((texte, code, _NATURE[ind.genre]))
    return out


@dataclass
class CopilPack:
    params: CopilParams
    libelle_departement: str
    outre_mer: bool
    scope: str                      # 'departement', 'fonds' or 'convention'
    libelle_scope: str              # e.g. the fund's name
    headline: pl.DataFrame          # indicateur, colonne, nature, annee_n, annee_n1, periode
    zones: pl.DataFrame
    conventions: pl.DataFrame
    fonds: pl.DataFrame
    serie: pl.DataFrame             # annee, emplois_crees [, emplois_crees_cumul for a fund/convention]
    instruments: pl.DataFrame
    signalements: pl.DataFrame
    etat: dict
    data_version: str
    notes: list[str] = field(default_factory=list)
    fonds_ensemble: dict = field(default_factory=dict)   # q_copil_fonds_ensemble: the funds taken together
    regles: dict = field(default_factory=dict)           # ref_regle {cle: valeur}, for the texts
    echeances: pl.DataFrame = field(default_factory=pl.DataFrame)   # late and coming deadlines (q_copil_echeances)
    date_echeances: date | None = None                   # the date they are seen from (COPIL date or today)

    @property
    def fonds_entreprises(self) -> int:
        """Distinct firms over all the pack's funds (one firm, two funds: once)."""
        return int(self.fonds_ensemble.get("nb_beneficiaires") or 0)

    @property
    def ensemble_fonds(self) -> dict | None:
        """The pack's pooled funds taken together (None without a fund): sums, distinct firms, ratios."""
        if not self.fonds_ensemble.get("nb_fonds"):
            return None
        return dict(self.fonds_ensemble)

    @property
    def echantillon(self) -> bool:
        """True when the warehouse holds the bundled synthetic sample."""
        return bool(self.etat.get("nb_lots_echantillon"))

    @property
    def periode(self) -> str:
        p = self.params
        if p.annee_debut is None:
            return f"depuis l'origine jusqu'à fin {p.annee}"
        if p.annee_debut == p.annee:
            return f"année {p.annee}"
        return f"{p.annee_debut}–{p.annee}"


def _run(name: str, values: dict, db: Path | None, perimetre: Perimetre) -> pl.DataFrame:
    """Run a named SQL file through the read door: the pack binds its queries from one set of
    values, each file takes those it declares (the door checks the set is exactly that; it binds
    the viewer's périmètre itself)."""
    valeurs = {k: values.get(k) for k in declared_params(name) - PARAMETRES_PERIMETRE}
    return query(name, valeurs, perimetre=perimetre, db=db)


def _bind(p: CopilParams, debut: int | None, fin: int | None) -> dict:
    """The pack's values for the shared queries; `niveau`/`code` and `code_departement` select the
    département in the territorial ones, `dimension` the instrument breakdown."""
    return {"departement": p.departement, "annee_debut": debut, "annee_fin": fin,
            "operateur": p.operateur, "type_aide": p.type_aide, "type_procedure": p.type_procedure,
            "fonds": p.fonds, "convention": p.convention, "niveau": "departement", "code": p.departement,
            "code_departement": p.departement, "code_region": None, "dimension": "type_aide"}


def _row(frame: pl.DataFrame) -> dict:
    return frame.row(0, named=True) if frame.height else {}


def _headline(scope: str, n: dict, n1: dict, periode: dict, diffusable: bool = False) -> pl.DataFrame:
    rows = []
    for label, col, kind in _indicateurs(scope):
        row = {"indicateur": label, "colonne": col, "nature": kind,
               "annee_n": _num(n.get(col)), "annee_n1": _num(n1.get(col)), "periode": _num(periode.get(col))}
        if diffusable:   # which figures are under statistical secrecy (« s »)
            row.update({f"secret_{k}": masque(v, col) for k, v in (("n", n), ("n1", n1), ("periode", periode))})
        rows.append(row)
    schema = {"indicateur": pl.String, "colonne": pl.String, "nature": pl.String,
              "annee_n": pl.Float64, "annee_n1": pl.Float64, "periode": pl.Float64}
    if diffusable:
        schema.update({"secret_n": pl.Boolean, "secret_n1": pl.Boolean, "secret_periode": pl.Boolean})
    return pl.DataFrame(rows, schema=schema)


def _num(v):
    return None if v is None else float(v)


def collect_pack(p: CopilParams, db: Path | None = None, perimetre: Perimetre | None = None) -> CopilPack:
    """Every frame of the pack for these parameters (raises CopilError with a French sentence),
    as seen by `perimetre` (default: the current viewer); outside it only the diffusable pack.

    The queries are independent, so they run on a few threads (one DuckDB cursor each): the
    macros spend their time in DuckDB, which releases the GIL. The périmètre is resolved here,
    in the caller's thread, and handed to each query.
    """
    if perimetre is None:
        from observatoire.acces import perimetre_courant
        perimetre = perimetre_courant()
    if not p.diffusable and not perimetre.voit_detail(p.departement):
        raise CopilError(f"le dossier COPIL du département {p.departement} est hors de votre périmètre "
                         f"({perimetre.libelle_departements() if not perimetre.public else 'accès public'}) ; "
                         "seule sa version diffusable (--diffusable) vous est ouverte")
    if p.fonds and p.convention:
        raise CopilError("choisissez un fonds ou une convention, pas les deux")
    if p.diffusable and (p.fonds or p.convention):
        raise CopilError("le dossier diffusable porte sur le département entier : ni fonds ni convention "
                         "(leur détail n'est pas public)")
    if p.annee_debut is not None and p.annee_debut > p.annee:
        raise CopilError(f"la première année ({p.annee_debut}) est après l'année du COPIL ({p.annee})")
    dep = _row(_run("q_copil_departement", {"departement": p.departement}, db, perimetre))
    if not dep:
        raise CopilError(f"département inconnu : « {p.departement} » (codes INSEE : 01…95, 2A, 2B, 971…976)")
    periode = _bind(p, p.annee_debut, p.annee)
    travaux = {
        "conventions": ("q_conventions", periode),
        "fonds": ("q_copil_kpi_fonds", periode),
        "fonds_ensemble": ("q_copil_fonds_ensemble", periode),
        "regles": ("q_regles", {}),
        "zones": ("q_copil_zones", periode),
        "instruments": ("q_repartition", periode),
        "signalements": ("q_copil_signalements", periode),
        "etat": ("q_copil_etat_donnees", {}),
        "echeances": ("q_copil_echeances", {**periode, "date_ref": p.date_copil or date.today()}),
    }
    if p.fonds:
        scope = "fonds"
        for cle, y in (("n", p.annee), ("n1", p.annee - 1)):
            travaux[cle] = ("q_copil_fonds_annee", {"annee": y, "fonds": p.fonds, "type_aide": p.type_aide})
        travaux["serie"] = ("q_copil_serie_fonds", periode)
    elif p.convention:
        scope = "convention"
        travaux["serie"] = ("q_copil_serie_convention", periode)
    else:
        scope = "departement"
        for cle, (a, b) in (("n", (p.annee, p.annee)), ("n1", (p.annee - 1, p.annee - 1)),
                            ("per", (p.annee_debut, p.annee))):
            travaux[cle] = ("q_departements", _bind(p, a, b))
        travaux["serie"] = ("q_serie_annuelle", _bind(p, None, p.annee))
    with ThreadPoolExecutor(max_workers=4) as pool:
        futurs = {cle: pool.submit(_run, nom, valeurs, db, perimetre) for cle, (nom, valeurs) in travaux.items()}
        r = {cle: f.result() for cle, f in futurs.items()}
    if p.diffusable:
        r = diffusable.masquer(p, r, db)
    conventions, fonds = r["conventions"], r["fonds"]
    notes: list[str] = []
    libelle_scope = ""
    if scope == "fonds":
        if fonds.height == 0:
            raise CopilError(f"fonds « {p.fonds} » introuvable dans le département {p.departement}")
        libelle_scope = str(fonds["nom"][0])
        head = _headline(scope, _row(r["n"]), _row(r["n1"]), _row(fonds))
    elif scope == "convention":
        if conventions.height == 0:
            raise CopilError(f"convention « {p.convention} » introuvable dans le département "
                             f"{p.departement} pour la période choisie")
        c = _row(conventions)
        libelle_scope = f"{c.get('raison_sociale')} ({p.convention})"
        head = _headline(scope, {}, {}, c)
        notes.append("Pour une convention, les chiffres sont cumulés depuis sa signature : "
                     "l'évolution annuelle n'est pas calculée.")
    else:
        head = _headline(scope, _row(r["n"]), _row(r["n1"]), _row(r["per"]), p.diffusable)
    return CopilPack(
        params=p, libelle_departement=str(dep["libelle"]), outre_mer=bool(dep["outre_mer"]),
        scope=scope, libelle_scope=libelle_scope, headline=head, zones=r["zones"],
        conventions=conventions, fonds=fonds, serie=r["serie"], instruments=r["instruments"],
        signalements=r["signalements"], etat=_row(r["etat"]), data_version=data_version(db), notes=notes,
        fonds_ensemble=_row(r["fonds_ensemble"]),
        regles=dict(zip(r["regles"]["cle"].to_list(), r["regles"]["valeur"].to_list(), strict=True)),
        echeances=r["echeances"], date_echeances=p.date_copil or date.today(),
    )
