"""Vue nationale through the entrypoint, on the small hand-made batch (PETIT, tests/fixtures/lots.py).

Expected figures worked out from the CSV files:
- jobs cut: R1 100 (2021, PSE), R2 50 (2022, RCC), R3 200 (2020, PSE) → 350
- jobs created (latest follow-up): A1 12, A2 none → 0, A3 5, A4 25 → 42; 42/350 = 12 %
- revitalisation: 60 000 + 30 000 + 50 000 + 80 000 = 220 000 € → "220 k€"
- leverage: (220 000 + 30 000 public + 90 000 private) / 220 000 = 1,545 → "×1,5"
- euros per job: 220 000 / 42 = 5 238 €; conventions 3; firms (distinct SIREN) 3
- legal minimum (2 × SMIC at signature × jobs cut): C1 2×1 554,58×100 = 310 916 ≤ 400 000 ok;
  C2 2×1 678,95×50 = 167 895 > 100 000 not ok; C3 2×1 539,42×200 = 615 768 ≤ 900 000 ok → 2 of 3
"""
from tests.fixtures.ecran import cliquer_les_telechargements, textes, valeurs

N, E = "\u202f", "\u00a0"


def test_chiffres_nationaux_sans_filtre(app, petit_entrepot, monkeypatch):
    fichiers = cliquer_les_telechargements(monkeypatch, [])     # each button's file, built on click
    at = app(petit_entrepot).run()
    assert not at.exception
    assert valeurs(at) == {
        "Emplois supprimés": "350", "Emplois créés": "42", "Taux de recréation": f"12{E}%",
        "Euros de revitalisation": f"220{E}k€", "Effet de levier": "×1,5",
        "Euros par emploi créé": f"5{N}238{E}€", "Conventions signées": "3", "Entreprises aidées": "3"}
    assert f"**67{E}% des conventions** (2 sur 3)" in textes(at)
    assert len(at.get("plotly_chart")) == 5  # 2 yearly series, régions, instrument, operator
    assert len(at.dataframe) == 4  # years, régions, instrument, operator
    regions = at.dataframe[1].value
    assert set(regions.loc[regions["emplois_crees"] > 0, "libelle"]) == {
        "Grand Est", "Provence-Alpes-Côte d'Azur"}
    assert len(at.get("download_button")) == 8
    assert [f[:3] for f in fichiers] == [b"\xef\xbb\xbf", b"PK\x03"] * 4     # CSV with BOM, then XLSX, per table
    assert "Grand Est" in fichiers[2].decode("utf-8-sig")                     # the régions table's CSV


def test_filtre_annee_par_url(app, petit_entrepot):
    # 2021 only: R1 notified (100 cut); aids decided in 2021: A1 (12 jobs) and A4 (25 jobs);
    # C1 signed in 2021.
    at = app(petit_entrepot, {"debut": "2021", "fin": "2021"}).run()
    assert not at.exception
    assert at.slider(key="w_annees").value == (2021, 2021)
    v = valeurs(at)
    assert (v["Emplois supprimés"], v["Emplois créés"], v["Conventions signées"]) == ("100", "37", "1")
    assert v["Euros de revitalisation"] == f"140{E}k€"


def test_filtre_operateur_dans_le_panneau_et_l_url(app, petit_entrepot):
    # SIDE runs C3 only: R3 200 cut, A4 80 000 € and 25 jobs.
    at = app(petit_entrepot).run()
    at.selectbox(key="w_operateur").set_value("SIDE").run()
    assert not at.exception
    v = valeurs(at)
    assert (v["Emplois supprimés"], v["Emplois créés"], v["Euros de revitalisation"]) == ("200", "25", f"80{E}k€")
    assert at.query_params["operateur"] == "SIDE"
    # the filter follows the user to another page
    at.switch_page("ecrans/territoire.py").run()
    assert at.selectbox(key="w_operateur").value == "SIDE"


def test_resultat_vide_le_dit_en_une_phrase(app, petit_entrepot):
    at = app(petit_entrepot, {"operateur": "SIDE", "procedure": "RCC"}).run()
    assert not at.exception
    assert not at.metric and not at.get("plotly_chart")
    assert "Aucune convention, aucune aide et aucun emploi supprimé" in textes(at)


def test_aucune_convention_signee_une_phrase_sans_division(app, petit_entrepot):
    # 2023 only: aid A3 (fund F1, 50 000 €, 5 jobs) but no convention signed, no job cut.
    at = app(petit_entrepot, {"debut": "2023", "fin": "2023"}).run()
    assert not at.exception
    v = valeurs(at)
    assert (v["Conventions signées"], v["Emplois créés"], v["Euros de revitalisation"]) == ("0", "5", f"50{E}k€")
    assert ("Aucune convention n'a été signée avec ces filtres : la part des conventions qui engagent au "
            "moins le minimum légal") in textes(at)
    assert "des conventions**" not in textes(at)
    assert not at.get("progress")


def test_sans_entrepot_un_message_francais(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    from tests.fixtures.ecran import APP

    monkeypatch.setenv("OBSERVATOIRE_DB", str(tmp_path / "absent.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert "L'entrepôt de données n'est pas encore construit" in at.warning[0].value
