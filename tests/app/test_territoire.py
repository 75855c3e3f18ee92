"""Territoire / COPIL through the entrypoint on the small hand-made batch.

Bouches-du-Rhône (13), worked out from the batch PETIT (tests/fixtures/lots.py):
- jobs cut at sites in 13: R1 100 + R2 50 = 150
- aids located in 13: A1 (13001, 12 jobs, 60 000 €), A2 (13055, 0 job, 30 000 €), A3 (13001, 5 jobs,
  50 000 €) → 17 jobs created, 140 000 € → "140 k€", 17/150 = 11 %, firms (SIREN) 2
- leverage (140 000 + 20 000 + 90 000) / 140 000 = 1,79 → "×1,8"; euros per job 140 000 / 17 = 8 235 €
- conventions signed in 13: C1 (Usine Alpha) and C2 (Beta Industries, 48 months, signed > 6 months
  after notification, below the legal minimum); one fund F1 with 100 000 € of dotations
"""
from tests.fixtures.ecran import textes, valeurs

N, E = "\u202f", "\u00a0"


def test_departement_choisi_par_url(app, petit_entrepot):
    at = app(petit_entrepot, {"departement": "13"}).switch_page("ecrans/territoire.py").run()
    assert not at.exception
    assert at.selectbox(key="w_departement").value == "13"
    assert at.header[0].value == "Bouches-du-Rhône (13)"
    assert valeurs(at) == {
        "Emplois supprimés": "150", "Emplois créés": "17", "Taux de recréation": f"11{E}%",
        "Entreprises aidées": "2", "Euros de revitalisation": f"140{E}k€", "Effet de levier": "×1,8",
        "Euros par emploi créé": f"8{N}235{E}€", "Conventions": "2"}
    conventions = at.dataframe[0].value.set_index("raison_sociale")
    assert sorted(conventions.index) == ["Beta Industries", "Usine Alpha"]
    beta = conventions.loc["Beta Industries"]
    assert bool(beta["sous_minimum"]) and bool(beta["duree_sup_max"]) and bool(beta["signature_tardive"])
    assert not conventions.loc["Usine Alpha", "sous_minimum"]
    assert round(float(beta["contribution_minimale"]), 2) == 167895.00
    assert round(float(conventions.loc["Usine Alpha", "taux_atteinte_objectif"]), 2) == 12.0  # 12 / 100, shown in percent
    fonds = at.dataframe[1].value
    assert fonds["nom"].tolist() == ["Fonds Provence"] and float(fonds["dotations"][0]) == 100000
    assert at.query_params["departement"] == "13"
    assert "Dossier du COPIL" in [s.value for s in at.subheader]


def test_changer_de_departement(app, petit_entrepot):
    # Meurthe-et-Moselle (54): R3 200 cut; A4 at 54395 with 25 jobs.
    at = app(petit_entrepot, {"departement": "13"}).switch_page("ecrans/territoire.py").run()
    at.selectbox(key="w_departement").set_value("54").run()
    assert not at.exception
    v = valeurs(at)
    assert (v["Emplois supprimés"], v["Emplois créés"], v["Conventions"]) == ("200", "25", "1")
    assert at.query_params["departement"] == "54"
    assert "Aucun fonds mutualisé dans ce département." in textes(at)


def test_departement_sans_activite(app, petit_entrepot):
    at = app(petit_entrepot, {"departement": "2A"}).switch_page("ecrans/territoire.py").run()
    assert not at.exception
    assert not at.metric and not at.dataframe
    assert "Aucune convention, aucun fonds et aucune aide pour Corse-du-Sud" in textes(at)
