"""Open data for data.gouv.fr: `python -m pipelines.opendata --db PATH --out DIR`.

Writes the territorial indicators (`zones_emploi`, `departements`, `regions`, `national`) and the
yearly series by département (`series_departements`), each as CSV (UTF-8, `,`, `.` decimals) and
Parquet, with the `kpi_*` columns of the data contract and a column `secret` (`primaire`,
`secondaire` or empty): a masked measure is empty. Secrecy is the public level of
`core.diffusion` (the same cells as the app's public view); the library's audit is run before
anything is written, and a leak stops the command. Plus `schema.json` (Table Schema for each
file, in a frictionless data package) and a README (fields, rules, Licence Ouverte 2.0).
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import polars as pl

from core import diffusion
from core.cli import FrenchArgumentParser
from core.entrepot import EntrepotIntrouvable, data_version
from core.perimetre import PUBLIC
from core.query import query
from pipelines import opendata_champs as champs

FICHIERS = ("zones_emploi", "departements", "regions", "national", "series_departements")
SANS_FILTRE = {k: None for k in diffusion.FILTRES}
_AUDIT_MAX_LIGNES = 3000   # the audit is a dense SVD: tables beyond this size rely on the pivot


def _territoires(db: Path, version: str) -> dict[str, pl.DataFrame]:
    lire = {
        "zones_emploi": ("q_zones_emploi", {}, "zone_emploi", "code_ze"),
        "departements": ("q_departements", {"code_region": None, "code_departement": None},
                         "departement", "code_departement"),
        "regions": ("q_regions", {}, "region", "code_region"),
        "national": ("q_national", {}, "national", "code"),
    }
    out = {}
    for fichier, (nom, extra, niveau, cle) in lire.items():
        df = query(nom, {**SANS_FILTRE, **extra}, db=db, version=version)
        if fichier == "national":
            df = df.with_columns(pl.lit("FR").alias("code"), pl.lit("France").alias("libelle"))
        masques = diffusion.statuts(niveau, SANS_FILTRE, perimetre=PUBLIC, db=db, version=version)
        out[fichier] = diffusion.masquer(df, masques, cle=cle)
    return out


def _series(db: Path, version: str) -> pl.DataFrame:
    df = query("q_opendata_series_departements", {}, db=db, version=version)
    masques = diffusion.statuts("departement", SANS_FILTRE, "annee", PUBLIC, db=db, version=version)
    masques = masques.with_columns(pl.concat_str("code", "modalite", separator="|").alias("code"))
    df = df.with_columns(pl.concat_str(pl.col("code_departement"), pl.col("annee").cast(pl.String),
                                       separator="|").alias("cle_serie"))
    return diffusion.masquer(df, masques, cle="cle_serie").drop("cle_serie")


def _typer(fichier: str, df: pl.DataFrame) -> pl.DataFrame:
    types = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64}
    return df.select(pl.col(nom).cast(types[t]) for nom, t, _ in champs.champs(fichier))


def auditer(db: Path, version: str) -> dict[str, int]:
    """The library's audit on the published tables: masked cells checked per table (raises on a leak)."""
    controles = {}
    for dimension in (None, "annee"):
        t = diffusion.tableau(SANS_FILTRE, dimension, db=db, version=version)
        if t.X.shape[0] > _AUDIT_MAX_LIGNES:
            continue
        audit = t.auditer()
        if audit["recalculable"].any():
            fuites = audit.filter(pl.col("recalculable")).select("niveau", "code", "modalite")
            raise RuntimeError(f"secret statistique : cases masquées recalculables\n{fuites}")
        controles[dimension or "territoires"] = audit.height
    return controles


def produire(db: Path, out: Path) -> dict[str, pl.DataFrame]:
    """Write every file into `out`; returns the published frames by file name."""
    version = data_version(db)
    controles = auditer(db, version)
    tables = {**_territoires(db, version), "series_departements": _series(db, version)}
    out.mkdir(parents=True, exist_ok=True)
    publiees = {}
    for fichier in FICHIERS:
        df = _typer(fichier, tables[fichier])
        df.write_csv(out / f"{fichier}.csv", separator=",", null_value="")
        df.write_parquet(out / f"{fichier}.parquet")
        publiees[fichier] = df
    regles = diffusion.regles(db=db, version=version)
    (out / "schema.json").write_text(json.dumps(_paquet(), ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "README.md").write_text(_readme(publiees, regles, controles), encoding="utf-8")
    return publiees


def _paquet() -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "observatoire-revitalisation",
        "title": "Observatoire de la revitalisation des bassins d'emploi",
        "licenses": [{"name": "etalab-2.0", "title": "Licence Ouverte / Open Licence version 2.0",
                      "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}],
        "resources": [
            {"name": f, "title": champs.TITRES[f], "path": f"{f}.csv", "profile": "tabular-data-resource",
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "dialect": {"delimiter": ",", "header": True}, "schema": champs.table_schema(f)}
            for f in FICHIERS],
    }


def _readme(publiees: dict[str, pl.DataFrame], regles, controles: dict[str, int]) -> str:
    lignes = [
        "# Observatoire de la revitalisation des bassins d'emploi : données ouvertes", "",
        f"Produit le {date.today().isoformat()} par `python -m pipelines.opendata`. "
        "Licence : Licence Ouverte / Open Licence version 2.0 (Etalab).", "",
        "## Fichiers", "",
        "Chaque fichier existe en CSV (UTF-8, séparateur `,`, décimales `.`, dates ISO 8601, case vide = "
        "valeur masquée ou sans objet) et en Parquet. `schema.json` décrit chaque fichier (Table Schema).", "",
    ]
    for f in FICHIERS:
        n = publiees[f].height
        masquees = publiees[f].filter(pl.col("secret").is_not_null()).height
        lignes.append(f"- `{f}.csv` / `{f}.parquet` : {champs.TITRES[f]} ({n} lignes, dont {masquees} "
                      "sous secret statistique)")
    lignes += ["", "## Secret statistique", "",
               "Les chiffres tirés des aides aux entreprises relèvent du secret statistique (loi n° 51-711 "
               "du 7 juin 1951 sur l'obligation, la coordination et le secret en matière de statistiques). "
               "L'unité est l'entreprise bénéficiaire (SIREN) ; une aide sans SIREN (action collective) "
               "compte pour une unité.", "",
               f"- **Secret primaire** : une case est masquée quand elle compte moins de "
               f"{regles.frequence_min:g} entreprises, ou quand la plus grosse entreprise y pèse plus de "
               f"{regles.dominance_pct:g} % des euros de revitalisation ou des emplois créés.",
               "- **Secret secondaire** : d'autres cases sont masquées pour qu'aucune case primaire ne puisse "
               "être recalculée par différence (zones d'emploi, départements, régions et France ; une zone "
               "d'emploi peut couvrir plusieurs départements : les deux découpages sont protégés ensemble ; "
               "séries annuelles).",
               "- Mesures masquées : euros de revitalisation, cofinancements, emplois prévus et créés, "
               "nombre d'entreprises et d'aides, et les ratios qui en dépendent. Les emplois supprimés et "
               "le nombre de conventions viennent de licenciements annoncés publiquement : ils sont publiés "
               "tels quels.",
               "- Contrôle : " + ", ".join(f"{t} : {n} cases masquées, aucune recalculable" for t, n in
                                          controles.items()) + ".", "",
               "## Champs", ""]
    for nom, type_, description in [*champs.CODES["series_departements"][2:], *champs.MESURES, champs.SECRET]:
        lignes.append(f"- `{nom}` ({type_}) : {description}")
    lignes += ["", "Codes : `code_ze`, `code_departement`, `code_region` (géographie INSEE 2025), `code` = FR "
               "pour la France entière.", ""]
    return "\n".join(lignes)


def main(argv: list[str] | None = None) -> int:
    parser = FrenchArgumentParser(prog="python -m pipelines.opendata",
                                  description="Écrit les données ouvertes de l'observatoire (CSV, Parquet, "
                                              "schéma, README) sous secret statistique.")
    parser.add_argument("--db", required=True, type=Path, help="entrepôt DuckDB")
    parser.add_argument("--out", required=True, type=Path, help="dossier de sortie")
    args = parser.parse_args(argv)
    try:
        publiees = produire(args.db, args.out)
    except EntrepotIntrouvable:
        print(f"Erreur : entrepôt introuvable : {args.db}", file=sys.stderr)
        return 1
    for f, df in publiees.items():
        print(f"{f} : {df.height} lignes ({df.filter(pl.col('secret').is_not_null()).height} sous secret)")
    print(f"Données ouvertes écrites dans {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
