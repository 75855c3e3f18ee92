"""The map page through the entrypoint (AppTest), on a warehouse holding a small hand-checked batch.

The batch EXEMPLE (tests/fixtures/lots.py) is loaded with the real ingestion into the real empty
warehouse; expected figures are computed by hand from its rows (see the comment above it).
"""
from __future__ import annotations

import duckdb
import pytest

from tests.fixtures.ecran import figure, infos, ouvrir, sans_erreur, table, valeurs

NBSP, NNBSP = "\u00a0", "\u202f"


def test_zone_choisie_dans_la_liste(entrepot_exemple, monkeypatch):
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/carte.py")
    assert "Cliquez sur une zone d'emploi" in " ".join(infos(at))
    at.selectbox(key="carte_zone").set_value("9301").run()
    sans_erreur(at)
    assert at.query_params["zone"] == ["9301"] or at.query_params["zone"] == "9301"
    m = valeurs(at)
    # Aix-en-Provence: 300 jobs cut (R-T1), aid A-T1: 8 jobs, 100 000 €, 150 000 € co-financing.
    assert m["Emplois supprimés"] == "300"
    assert m["Emplois créés"] == "8"
    assert m["Taux de recréation"] == f"3{NBSP}%"            # 8 / 300 = 2,7 %
    assert m["Revitalisation"] == f"100{NBSP}k€"
    assert m["Euros par emploi créé"] == f"12{NNBSP}500{NBSP}€"  # 100 000 / 8
    assert m["Effet de levier"] == "×2,5"                      # 250 000 / 100 000
    assert m["Entreprises aidées"] == "1" and m["Aides"] == "1"
    conventions = table(at, "site_dans_zone")
    assert conventions["id_convention"].tolist() == ["C-T1"]
    assert bool(conventions["site_dans_zone"][0]) and conventions["emplois_crees_zone"][0] == 8
    aides = table(at, "financeur")
    assert aides["nom_beneficiaire"].tolist() == ["Atelier Témoin Aixois"]
    assert "Évolution par année" in figure(at, 1)["layout"]["title"]["text"]


def test_zone_par_lien_et_figures_egales_a_la_vue(entrepot_exemple, monkeypatch):
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/carte.py", zone="4424", indicateur="emplois_crees")
    m = valeurs(at)
    with duckdb.connect(str(entrepot_exemple), read_only=True) as con:
        vue = con.execute("SELECT emplois_supprimes, emplois_crees, nb_aides FROM kpi_zone_emploi "
                          "WHERE code_ze = ?", ["4424"]).fetchall()[0]
    assert vue == (120, 3, 2)  # Longwy is in the Thionville zone: R-T2, aids A-T3 and A-T4
    assert (m["Emplois supprimés"], m["Emplois créés"], m["Aides"]) == ("120", "3", "2")
    aides = table(at, "financeur")
    assert sorted(aides["nom_beneficiaire"]) == ["Action collective Témoin", "Menuiserie Témoin Longwy"]
    # The map colours the zones that have a value: jobs created are 8, 5 and 3 in three zones.
    traces = figure(at, 0)["data"]
    colorees = {loc: z for t in traces if t.get("showscale", True) is not False and t["name"] == "Emplois créés"
                for loc, z in zip(t["locations"], t["z"])}
    assert {k: v for k, v in colorees.items() if v} == {"9301": 8, "9312": 5, "4424": 3}
    assert len(colorees) == 287  # every metropolitan zone has a value (0 where nothing happened)


@pytest.mark.parametrize("niveau", ["zone_emploi", "departement", "region"])
@pytest.mark.parametrize("indicateur", ["emplois_supprimes", "taux_recreation", "euros_par_emploi",
                                        "effet_levier", "montant_revitalisation"])
def test_niveaux_et_indicateurs(entrepot_exemple, monkeypatch, niveau, indicateur):
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/carte.py", niveau=niveau, indicateur=indicateur)
    fig = figure(at, 0)
    assert fig["layout"]["map"]["style"] == "white-bg"
    assert all(t["type"] == "choroplethmap" for t in fig["data"])
    valeurs = {loc: z for t in fig["data"] if t["name"] != "Pas de donnée"
               for loc, z in zip(t["locations"], t["z"])}
    attendu = {"departement": {"emplois_supprimes": {"13": 300, "54": 120},
                               "montant_revitalisation": {"13": 160000, "54": 30000}},
               "region": {"emplois_supprimes": {"93": 300, "44": 120}}}.get(niveau, {}).get(indicateur)
    if attendu:
        assert {k: v for k, v in valeurs.items() if v} == attendu
    if indicateur == "taux_recreation" and niveau == "departement":
        assert valeurs["13"] == pytest.approx(13 / 300 * 100)  # 8 + 5 jobs created in the 13


def test_drom_et_zone_sans_activite(entrepot_exemple, monkeypatch):
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/carte.py", vue="974", zone="0402")
    fig = figure(at, 0)
    codes = {loc for t in fig["data"] for loc in t["locations"]}
    assert codes == {"0401", "0402", "0403", "0404"}  # La Réunion's four zones only
    assert "Aucun emploi supprimé ni créé dans ce territoire sur la période choisie." in infos(at)
    assert "Aucune convention n'est liée à cette zone d'emploi avec ces filtres." in infos(at)
    assert "Aucune aide n'a été accordée dans cette zone d'emploi avec ces filtres." in infos(at)


def test_filtre_operateur_vide_la_fiche(entrepot_exemple, monkeypatch):
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/carte.py", zone="9301")
    at.selectbox(key="w_operateur").set_value("Opérateur Témoin Est").run()
    sans_erreur(at)
    assert "Aucune aide n'a été accordée dans cette zone d'emploi avec ces filtres." in infos(at)
    assert valeurs(at)["Emplois créés"] == "0"
