"""The public ("diffusable") COPIL brief: the département's pack under statistical secrecy.

`masquer(p, frames, db)` takes the frames `collect_pack` read and applies `core.diffusion` at the
public level, each frame with the filters it was read under: the headline rows (year N, year N−1,
period), the zones of the map, the breakdown by instrument and the yearly series. A year masked in
the series is masked in the headline too (the same cell read twice must not be published once).
No firm-level content: conventions, funds and data-quality flags are left out. The PDF and the
workbook write « s » for every masked figure (`valeurs.valeur`, `masque`).
"""
from __future__ import annotations

from pathlib import Path

import polars as pl

from core import diffusion
from core.perimetre import PUBLIC

MENTION = ("Version diffusable : secret statistique appliqué (loi n° 51-711 du 7 juin 1951). « s » : "
           "valeur masquée (trop peu d'entreprises, une entreprise dominante, ou valeur qui permettrait "
           "d'en recalculer une autre).")

SANS_DETAIL = ("Version diffusable : le détail des conventions, des fonds mutualisés et des entreprises aidées "
               "est réservé aux agents habilités ; seuls des chiffres agrégés sous secret statistique figurent ici.")


def _filtres(p, debut, fin) -> dict:
    return {"annee_debut": debut, "annee_fin": fin, "operateur": p.operateur, "type_aide": p.type_aide,
            "type_procedure": p.type_procedure}


def masquer(p, r: dict, db: Path | None) -> dict:
    """The frames of a département pack (keys of collect_pack's `r`) as the public may see them."""
    dep = p.departement
    out = dict(r)
    for cle, (a, b) in (("n", (p.annee, p.annee)), ("n1", (p.annee - 1, p.annee - 1)),
                        ("per", (p.annee_debut, p.annee))):
        m = diffusion.statuts("departement", _filtres(p, a, b), perimetre=PUBLIC, db=db)
        out[cle] = diffusion.masquer(r[cle], m, cle="code_departement")
    periode = _filtres(p, p.annee_debut, p.annee)
    out["zones"] = diffusion.masquer(
        r["zones"], diffusion.statuts("zone_emploi", periode, perimetre=PUBLIC, db=db), cle="code_ze")
    out["instruments"] = diffusion.masquer(
        r["instruments"], diffusion.statuts("departement", periode, "type_aide", PUBLIC, code=dep, db=db),
        cle="modalite", cle_masque="modalite")
    m = diffusion.statuts("departement", _filtres(p, None, p.annee), "annee", PUBLIC, code=dep, db=db)
    out["serie"] = diffusion.masquer(r["serie"], m, cle="annee", cle_masque="modalite")
    annees_masquees = set(m["modalite"].to_list())
    for cle, annee in (("n", p.annee), ("n1", p.annee - 1)):
        if str(annee) in annees_masquees and out[cle].height:
            out[cle] = diffusion.masquer(out[cle].drop("secret"), pl.DataFrame(
                {"code": [dep], "modalite": [None], "secret": ["secondaire"]},
                schema={"code": pl.String, "modalite": pl.String, "secret": pl.String}), cle="code_departement")
    for cle in ("conventions", "fonds", "signalements", "fonds_ensemble"):
        out[cle] = r[cle].clear()
    return out


def masque(ligne: dict, colonne: str) -> bool:
    """True when this figure of a pack row is under statistical secrecy."""
    return bool(ligne.get("secret")) and colonne in diffusion.MESURES_PROTEGEES


def masquee(frame: pl.DataFrame) -> bool:
    """True when some rows of the frame are under statistical secrecy."""
    return "secret" in frame.columns and frame["secret"].is_not_null().any()


def lignes(frame: pl.DataFrame) -> list[dict]:
    """The frame's rows for the workbook, a masked figure written « s »."""
    out = []
    for r in frame.iter_rows(named=True):
        if r.get("secret"):
            r = {k: ("s" if masque(r, k) else v) for k, v in r.items()}
        out.append(r)
    return out
