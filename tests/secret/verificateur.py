"""An independent checker of published secrecy, written without the engine or the library.

From the raw aids (its own SQL on the base tables: firm, zone, département, région, year) it
counts the firms of every cell and the largest firm's share, and, for a set of published cells
(level, code, [modality]) with their values, says which published cell breaks a primary rule and
which masked cell can be rebuilt from the published ones, by exact rank over the interior cells
(zone × département [× modality]): that covers a parent total minus its published children, the
zone × département links and any chain of them.
"""
from __future__ import annotations

from fractions import Fraction

import duckdb
import numpy as np

NIVEAUX = {"zone_emploi": ("code_ze",), "departement": ("code_departement",),
           "region": ("code_region",), "national": ()}


def aides(db) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    rel = con.sql("""
        SELECT coalesce(a.siren_beneficiaire, 'aide:' || a.id_aide) AS firme, c.code_ze,
               c.code_departement, c.code_region, CAST(year(a.date_decision) AS VARCHAR) AS annee,
               a.type_aide, CAST(a.montant_revitalisation AS DOUBLE) AS euros,
               coalesce((SELECT max_by(s.emplois_crees, s.date_constat) FROM suivi_emplois s
                         WHERE s.id_aide = a.id_aide), 0)::DOUBLE AS emplois
        FROM aides a JOIN ref_commune c ON c.code_commune = a.code_commune""")
    lignes = [dict(zip(rel.columns, r)) for r in rel.fetchall()]
    con.close()
    return lignes


def code(aide: dict, niveau: str) -> str:
    if niveau == "zone_departement":
        return f"{aide['code_ze']}|{aide['code_departement']}"
    return "FR" if niveau == "national" else aide[NIVEAUX[niveau][0]]


def dans(aide: dict, niveau: str, code_cellule: str, dimension: str | None, modalite) -> bool:
    return code(aide, niveau) == code_cellule and (dimension is None or aide[dimension] == modalite)


def regle_primaire_enfreinte(lignes, niveau, code_cellule, dimension=None, modalite=None,
                             frequence=3, dominance=85) -> str | None:
    """Why this cell may not be published (None when it may)."""
    par_firme: dict[str, list[float]] = {}
    for a in lignes:
        if dans(a, niveau, code_cellule, dimension, modalite):
            s = par_firme.setdefault(a["firme"], [0.0, 0.0])
            s[0] += a["euros"]
            s[1] += a["emplois"]
    if not par_firme:
        return None
    if len(par_firme) < frequence:
        return f"{len(par_firme)} entreprise(s)"
    for i, nom in ((0, "euros"), (1, "emplois")):
        total = sum(v[i] for v in par_firme.values())
        if total > 0 and max(v[i] for v in par_firme.values()) > dominance / 100 * total:
            return f"dominance sur les {nom}"
    return None


def recalculables(lignes, publiees: list[tuple], masquees: list[tuple], dimension=None) -> list[tuple]:
    """Masked cells (niveau, code, modalite) lying in the span of the published cells."""
    interieurs = sorted({(a["code_ze"], a["code_departement"], a[dimension] if dimension else None)
                         for a in lignes})
    def vecteur(cellule):
        niveau, code_cellule, modalite = cellule
        rep = {}
        for a in lignes:
            if code(a, niveau) == code_cellule and (modalite is None or a[dimension] == modalite):
                rep[(a["code_ze"], a["code_departement"], a[dimension] if dimension else None)] = 1
        return [rep.get(i, 0) for i in interieurs]
    P = np.array([vecteur(c) for c in publiees], dtype=float).T if publiees else np.zeros((len(interieurs), 0))
    rang = np.linalg.matrix_rank(P) if P.size else 0
    fuites = []
    for c in masquees:
        v = np.array(vecteur(c), dtype=float)[:, None]
        if np.linalg.matrix_rank(np.hstack([P, v])) == rang:
            fuites.append(c)
    return fuites


def zone_departement(lignes) -> dict[tuple, Fraction]:
    """Euros of each zone × département cell (for the explicit link checks)."""
    out: dict[tuple, Fraction] = {}
    for a in lignes:
        k = (a["code_ze"], a["code_departement"])
        out[k] = out.get(k, Fraction(0)) + Fraction(a["euros"])
    return out


def recalculables_interieur(lignes, publiees, ze, dep, dimension=None, modalite=None) -> bool:
    """True when the zone × département cell (ze, dep) (of one modality, or summed over them)
    can be rebuilt from the published cells."""
    interieurs = sorted({(a["code_ze"], a["code_departement"], a[dimension] if dimension else None)
                         for a in lignes})
    def vecteur(cellule):
        niveau, code_cellule, modalite = cellule
        rep = {(a["code_ze"], a["code_departement"], a[dimension] if dimension else None)
               for a in lignes if code(a, niveau) == code_cellule
               and (modalite is None or a[dimension] == modalite)}
        return [1 if i in rep else 0 for i in interieurs]
    P = np.array([vecteur(c) for c in publiees], dtype=float).T
    v = np.array([1 if (i[0], i[1]) == (ze, dep) and modalite in (None, i[2]) else 0
                  for i in interieurs], dtype=float)[:, None]
    return np.linalg.matrix_rank(np.hstack([P, v])) == np.linalg.matrix_rank(P)
