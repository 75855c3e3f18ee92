"""`python -m pipelines.opendata` on the hand-built warehouse: files, schema, README, and the
independent checker run on what was written (no published cell breaks a primary rule, no masked
cell can be rebuilt from the published ones, on every level and in the yearly series)."""
from __future__ import annotations

import csv
import json

import polars as pl
import pytest

from core.diffusion import MESURES_PROTEGEES
from pipelines import opendata
from tests.secret import verificateur

NIVEAUX = {"zones_emploi": ("zone_emploi", "code_ze"), "departements": ("departement", "code_departement"),
           "regions": ("region", "code_region"), "national": ("national", "code")}


@pytest.fixture(scope="module")
def sortie(entrepot_secret, tmp_path_factory):
    out = tmp_path_factory.mktemp("opendata")
    assert opendata.main(["--db", str(entrepot_secret), "--out", str(out)]) == 0
    return out


def _lire(sortie, fichier) -> list[dict]:
    with (sortie / f"{fichier}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=","))


def test_files_schema_and_readme(sortie):
    paquet = json.loads((sortie / "schema.json").read_text(encoding="utf-8"))
    assert paquet["licenses"][0]["name"] == "etalab-2.0"
    for ressource in paquet["resources"]:
        f = ressource["name"]
        with (sortie / f"{f}.csv").open(encoding="utf-8") as fh:
            entete = fh.readline().strip().split(",")
        assert entete == [c["name"] for c in ressource["schema"]["fields"]]
        assert "secret" in entete and "montant_revitalisation" in entete
        parquet = pl.read_parquet(sortie / f"{f}.parquet")
        csv_lu = pl.read_csv(sortie / f"{f}.csv", schema=parquet.schema)
        assert csv_lu.equals(parquet)
    readme = (sortie / "README.md").read_text(encoding="utf-8")
    assert "Licence Ouverte" in readme and "loi n° 51-711 du 7 juin 1951" in readme
    assert "moins de 3 entreprises" in readme and "85 %" in readme
    assert set(opendata.FICHIERS) <= {p.stem for p in sortie.glob("*.csv")}


def test_masked_rows_have_empty_measures_jobs_cut_published(sortie):
    zones = {r["code_ze"]: r for r in _lire(sortie, "zones_emploi")}
    assert zones["9307"]["secret"] == "primaire" and zones["9318"]["secret"] == "secondaire"
    for r in zones.values():
        if r["secret"]:
            assert all(r[m] == "" for m in MESURES_PROTEGEES if m in r), r
            assert r["emplois_supprimes"] != ""
    assert zones["9313"]["montant_revitalisation"] == "415000.0"   # 100 + 90 + 110 + 95 + 20 k€
    assert len(zones) == 306                     # every zone, zeros without activity


def test_checker_no_primary_rule_broken_and_nothing_recomputable(sortie, entrepot_secret):
    lignes = verificateur.aides(entrepot_secret)
    publiees, masquees = [], []
    for fichier, (niveau, cle) in NIVEAUX.items():
        for r in _lire(sortie, fichier):
            cellule = (niveau, r[cle], None)
            if r["secret"]:
                masquees.append(cellule)
            elif r["nb_aides"] not in ("", "0"):
                assert verificateur.regle_primaire_enfreinte(lignes, niveau, r[cle]) is None, r
                publiees.append(cellule)
    assert {m[1] for m in masquees} >= {"9307", "9302", "9312", "9314", "04", "05", "06", "30", "76"}
    assert not verificateur.recalculables(lignes, publiees, masquees)
    for (ze, dep) in verificateur.zone_departement(lignes):      # zone × département links
        if verificateur.regle_primaire_enfreinte(lignes, "zone_departement", f"{ze}|{dep}"):
            assert not verificateur.recalculables_interieur(lignes, publiees, ze, dep), (ze, dep)
    # the yearly series with the département, région and national totals
    serie_pub, serie_masq = [], []
    for r in _lire(sortie, "series_departements"):
        cellule = ("departement", r["code_departement"], r["annee"])
        if r["secret"]:
            serie_masq.append(cellule)
        elif r["nb_aides"] not in ("", "0"):
            assert verificateur.regle_primaire_enfreinte(lignes, "departement", r["code_departement"],
                                                         "annee", r["annee"]) is None, r
            serie_pub.append(cellule)
    assert serie_masq
    assert not verificateur.recalculables(lignes, publiees + serie_pub, masquees + serie_masq, "annee")


def test_missing_warehouse_is_a_french_message(tmp_path, capsys):
    assert opendata.main(["--db", str(tmp_path / "absent.duckdb"), "--out", str(tmp_path / "o")]) == 1
    assert "entrepôt introuvable" in capsys.readouterr().err
