"""The Conventions and Fonds mutualisés pages through the entrypoint (AppTest), on the warehouse
holding the small hand-checked batch EXEMPLE of tests/fixtures/lots.py.

Hand-computed obligations: C-T1 signed 01/09/2021 (monthly SMIC 1 554,58 €), 300 jobs cut →
minimum 2 × 1 554,58 × 300 = 932 748 €; C-T2 signed 01/06/2022 (1 645,58 €), 120 jobs cut →
394 939,20 €. C-T1 funds A-T1 directly and is the only contributor of F-T1 (so A-T2 counts
fully for it): 8 + 5 = 13 jobs attributed at the end of 2023, 3 at the end of 2022.
"""
from __future__ import annotations

from tests.fixtures.ecran import infos, ouvrir, sans_erreur, table, valeurs

NBSP, NNBSP = "\u00a0", "\u202f"


def test_liste_recherche_et_recherche_vide(entrepot_exemple, monkeypatch):
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/conventions.py")
    liste = at.dataframe(key="tab_conv_liste").value
    assert sorted(liste["id_convention"]) == ["C-T1", "C-T2"]
    assert liste.set_index("id_convention")["contribution_minimale"].round(2).to_dict() == {
        "C-T1": 932748.0, "C-T2": 394939.2}
    at.text_input(key="conv_recherche").input("acieries lorraine").run()
    sans_erreur(at)
    assert at.dataframe(key="tab_conv_liste").value["id_convention"].tolist() == ["C-T2"]
    at.text_input(key="conv_recherche").input("introuvable").run()
    assert "Aucune convention ne correspond à cette recherche et à ces filtres." in infos(at)


def test_filtre_procedure(entrepot_exemple, monkeypatch):
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/conventions.py")
    at.selectbox(key="w_type_procedure").set_value("RCC").run()
    sans_erreur(at)
    assert at.dataframe(key="tab_conv_liste").value["id_convention"].tolist() == ["C-T2"]


def test_detail_convention_par_lien(entrepot_exemple, monkeypatch):
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/conventions.py", convention="C-T1")
    assert at.selectbox(key="conv_id").value == "C-T1"
    m = valeurs(at)
    assert m["Minimum légal"] == f"932{NNBSP}748{NBSP}€"
    assert m["Montant engagé"] == f"1{NNBSP}200{NNBSP}000{NBSP}€"
    assert m["Objectif d'emplois"] == "300"
    assert [s.value for s in at.success] == ["Le montant engagé respecte le minimum légal."]
    aides = table(at, "via").set_index("id_aide")
    assert aides["part"].to_dict() == {"A-T1": 100.0, "A-T2": 100.0}  # shares shown in percent
    assert aides.loc["A-T2", "via"] == "Fonds témoin des Bouches-du-Rhône"
    emplois = table(at, "annee")
    assert dict(zip(emplois["annee"], emplois["emplois_crees_attribues"])) == {2021: 0, 2022: 3, 2023: 13}
    dotations = table(at, "date_versement")
    assert dotations["montant"].tolist() == [500000.0]


def test_convention_inconnue_et_sans_dotation(entrepot_exemple, monkeypatch):
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/conventions.py", convention="C-T2")
    assert "Cette convention n'a rien versé à un fonds mutualisé." in infos(at)
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/conventions.py", convention="INCONNUE")
    assert at.selectbox(key="conv_id").value is None


def test_fonds_liste_et_detail(entrepot_exemple, monkeypatch):
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/fonds.py")
    assert at.dataframe(key="tab_fonds_liste").value["id_fonds"].tolist() == ["F-T1"]
    at.selectbox(key="fonds_id").set_value("F-T1").run()
    sans_erreur(at)
    assert at.query_params["fonds"] in ("F-T1", ["F-T1"])
    m = valeurs(at)
    assert m["Dotations reçues"] == f"500{NBSP}k€"
    assert m["Revitalisation accordée"] == f"60{NBSP}k€"
    assert m["Consommation"] == f"12{NBSP}%"            # 60 000 / 500 000
    assert m["Emplois créés"] == "5"
    assert m["Euros par emploi créé"] == f"12{NNBSP}000{NBSP}€"
    contributeurs = table(at, "nb_versements")
    assert contributeurs[["id_convention", "montant", "part"]].values.tolist() == [["C-T1", 500000.0, 100.0]]  # share in percent
    instruments = table(at, "nb_aides")
    assert instruments["type_aide"].tolist() == ["Subvention"]
    assert table(at, "cofinancement_prive")["nom_beneficiaire"].tolist() == ["Start-up Témoin Marseille"]


def test_fonds_filtre_instrument_vide(entrepot_exemple, monkeypatch):
    at = ouvrir(entrepot_exemple, monkeypatch, "ecrans/fonds.py", fonds="F-T1")
    at.selectbox(key="w_type_aide").set_value("PRET").run()
    sans_erreur(at)
    assert "Ce fonds n'a accordé aucune aide avec ces filtres." in infos(at)
