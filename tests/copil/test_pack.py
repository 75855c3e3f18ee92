"""The COPIL pack end to end: figures worked out by hand from the batch COPIL of tests/fixtures/lots.py, the workbook
read back against the warehouse views, the PDF rendered to images and to text."""
from __future__ import annotations

import openpyxl
import pytest

from observatoire.copil.build import CopilParams, generer_dossier, generer_fichiers
from observatoire.copil.collect import CopilError, collect_pack
from tests.fixtures.entrepot import lire

from .conftest import pdf_pages, pdf_texte

# Hand figures from COPIL (cumulative to the end of 2023):
# jobs cut R1 100 + R2 50 = 150; jobs created = latest follow-ups A1 12 + A2 5 + A3 none = 17;
# firms 3; revitalisation 60 000 + 30 000 + 20 000 = 110 000 €; co-financing 20 000 + 70 000;
# leverage 200 000 / 110 000; 2023 (decisions A2, A3): 5 jobs, 50 000 €; 2022 (A1): 12 jobs, 60 000 €.
# C1: minimum 2 × 1 645,58 (SMIC on 2022-06-01) × 100 = 329 116 €, met; the fund F1 is fed by C1 only,
# so C1 gets all of F1's aids: 17 jobs, 90 000 € → consumption 90 000 / 400 000 = 22,5 %.
# C2: minimum 2 × 1 747,20 (SMIC on 2023-05-15) × 50 = 174 720 € > 150 000 €: below the minimum.


_vue = lire


def _feuille(ws, debut_entetes: str):
    """Rows of the Excel table whose header row starts with `debut_entetes`, as dicts."""
    lignes = list(ws.iter_rows(values_only=True))
    i = next(k for k, l in enumerate(lignes) if l and l[0] == debut_entetes)
    entetes = lignes[i]
    return [dict(zip(entetes, l)) for l in lignes[i + 1:] if any(v is not None for v in l)]


@pytest.fixture(scope="module")
def dossier_13(copil_entrepot, tmp_path_factory):
    out = tmp_path_factory.mktemp("copil_13")
    params = CopilParams("13", 2023, date_copil=__import__("datetime").date(2023, 4, 12))
    pdf, xlsx = generer_fichiers(params, out, copil_entrepot)
    return pdf, xlsx, out


def test_headline_figures_by_hand(copil_entrepot):
    pack = collect_pack(CopilParams("13", 2023), copil_entrepot)
    h = {r["colonne"]: r for r in pack.headline.iter_rows(named=True)}
    assert h["emplois_supprimes"]["periode"] == 150
    assert h["emplois_crees"]["periode"] == 17
    assert h["nb_beneficiaires"]["periode"] == 3
    assert h["montant_revitalisation"]["periode"] == 110_000
    assert h["effet_levier"]["periode"] == pytest.approx(200_000 / 110_000)
    assert h["taux_recreation"]["periode"] == pytest.approx(17 / 150)
    assert (h["emplois_crees"]["annee_n"], h["emplois_crees"]["annee_n1"]) == (5, 12)
    assert (h["montant_revitalisation"]["annee_n"], h["montant_revitalisation"]["annee_n1"]) == (50_000, 60_000)
    assert not pack.echantillon


def test_workbook_matches_views(dossier_13, copil_entrepot):
    _pdf, xlsx, _out = dossier_13
    wb = openpyxl.load_workbook(xlsx)
    assert {"Synthèse", "Conventions", "Fonds mutualisés", "Zones d'emploi", "Série annuelle",
            "Instruments", "Signalements", "Définitions"} <= set(wb.sheetnames)
    for nom in ("Conventions", "Fonds mutualisés", "Zones d'emploi", "Définitions"):
        assert wb[nom].tables, f"{nom} n'est pas un tableau Excel"
        assert wb[nom].freeze_panes is not None
    conv = {r["Convention"]: r for r in _feuille(wb["Conventions"], "Convention")}
    vue = _vue(copil_entrepot, "SELECT id_convention, emplois_supprimes, contribution_minimale, montant_engage, "
               "emplois_crees_attribues, taux_consommation, conforme_minimum FROM kpi_convention "
               "WHERE departement = '13' ORDER BY id_convention")
    assert sorted(conv) == [r[0] for r in vue] == ["C1", "C2"]
    for cid, supprimes, minimum, engage, crees, conso, conforme in vue:
        r = conv[cid]
        assert r["Emplois supprimés"] == supprimes
        assert r["Contribution minimale légale"] == pytest.approx(minimum)
        assert r["Montant engagé"] == pytest.approx(float(engage))
        assert r["Emplois créés attribués"] == pytest.approx(crees)
        assert r["Taux de consommation"] == pytest.approx(conso)
        assert r["Conforme au minimum"] == ("Oui" if conforme else "Non")
    assert conv["C1"]["Contribution minimale légale"] == pytest.approx(329_116)
    assert conv["C2"]["Conforme au minimum"] == "Non"
    assert conv["C1"]["Taux de consommation"] == pytest.approx(0.225)
    assert conv["C1"]["Date de signature"].date().isoformat() == "2022-06-01"
    cellule = next(c for c in wb["Conventions"]["L"] if c.value == 400000)
    assert "€" in cellule.number_format
    fonds = _feuille(wb["Fonds mutualisés"], "Fonds")
    (f_id, f_dot, f_crees, f_levier), = _vue(
        copil_entrepot, "SELECT id_fonds, dotations, emplois_crees, effet_levier FROM kpi_fonds WHERE departement = '13'")
    assert [r["Fonds"] for r in fonds] == [f_id] == ["F1"]
    assert fonds[0]["Dotations"] == pytest.approx(f_dot) == 300_000
    assert fonds[0]["Emplois créés"] == f_crees == 17
    assert fonds[0]["Effet de levier"] == pytest.approx(f_levier)
    assert "1 325 millions" in fonds[0]["Commentaire (tel que publié)"]
    synthese = {r["Indicateur"]: r for r in _feuille(wb["Synthèse"], "Indicateur")}
    (supp, crees, taux), = _vue(copil_entrepot, "SELECT emplois_supprimes, emplois_crees, taux_recreation "
                                "FROM kpi_departement WHERE code_departement = '13'")
    assert synthese["Emplois créés"]["Cumul à fin 2023"] == crees == 17
    assert synthese["Emplois supprimés"]["Cumul à fin 2023"] == supp == 150
    assert synthese["Taux de recréation"]["Cumul à fin 2023"] == pytest.approx(taux)
    assert synthese["Emplois créés"]["Année 2023"] == 5


def test_pdf_pages_and_text(dossier_13):
    pdf, _xlsx, out = dossier_13
    pages = pdf_pages(pdf, out)
    assert 2 <= len(pages) <= 4
    assert all(p.stat().st_size > 2000 for p in pages)
    texte = pdf_texte(pdf)
    assert "Bouches-du-Rhône (13)" in texte
    assert "COPIL du 12/04/2023" in texte
    assert "17 emplois créés dans 3 entreprises à fin 2023" in texte
    assert "110 k€" in texte and "11 %" in texte and "×1,8" in texte        # cumul, rate, leverage
    assert "6 471 €" in texte                    # euros per job: 110 000 / 17
    assert "329 k€" in texte                     # C1's legal minimum in the conventions table
    assert "Chantiers Navals de Provence" in texte and "Fonds Provence Emploi" in texte
    assert "1 325 millions d'euros" in texte     # the fund's comment, as published
    assert "1 convention sur 2 engage moins que le minimum légal" in texte
    assert "1 convention sur 2 dure plus de 36 mois." in texte
    assert "DUREE_SUP_36" in texte
    assert "Méthodologie" in texte
    assert "Données d'exemple" not in texte      # not the bundled sample


def test_empty_departement(copil_entrepot, tmp_path):
    d = generer_dossier(CopilParams("48", 2023), copil_entrepot)
    (tmp_path / "48.pdf").write_bytes(d.pdf)
    assert 2 <= len(pdf_pages(tmp_path / "48.pdf", tmp_path)) <= 4
    texte = pdf_texte(tmp_path / "48.pdf")
    assert "Lozère (48)" in texte
    assert "Aucun emploi créé ni aucune entreprise aidée" in texte
    assert "Aucune convention signée" in texte
    (tmp_path / "48.xlsx").write_bytes(d.xlsx)
    wb = openpyxl.load_workbook(tmp_path / "48.xlsx")
    assert _feuille(wb["Conventions"], "Convention") == []
    synthese = {r["Indicateur"]: r for r in _feuille(wb["Synthèse"], "Indicateur")}
    assert synthese["Emplois créés"]["Cumul à fin 2023"] == 0
    assert synthese["Taux de recréation"]["Cumul à fin 2023"] is None


def test_fund_and_convention_scopes(copil_entrepot, tmp_path):
    f = generer_dossier(CopilParams("13", 2023, fonds="F1"), copil_entrepot)
    h = {r["colonne"]: r for r in f.pack.headline.iter_rows(named=True)}
    assert h["emplois_crees"]["periode"] == 17 and h["dotations"]["periode"] == 300_000
    assert f.pack.serie["emplois_crees_cumul"].to_list()[-1] == 17
    (tmp_path / "f.pdf").write_bytes(f.pdf)
    assert "Fonds mutualisé : Fonds Provence Emploi" in pdf_texte(tmp_path / "f.pdf")
    c = generer_dossier(CopilParams("13", 2023, convention="C1"), copil_entrepot)
    assert c.pack.conventions["id_convention"].to_list() == ["C1"]
    assert c.pack.fonds["id_fonds"].to_list() == ["F1"]        # the fund C1 paid into
    h = {r["colonne"]: r for r in c.pack.headline.iter_rows(named=True)}
    assert h["emplois_crees_attribues"]["periode"] == pytest.approx(17)
    with pytest.raises(CopilError, match="introuvable"):
        collect_pack(CopilParams("13", 2023, fonds="NOPE"), copil_entrepot)
    with pytest.raises(CopilError, match="inconnu"):
        collect_pack(CopilParams("99", 2023), copil_entrepot)


def test_many_conventions_are_capped(entrepot_nombreuses_conventions, tmp_path):
    d = generer_dossier(CopilParams("13", 2023), entrepot_nombreuses_conventions)
    (tmp_path / "p.pdf").write_bytes(d.pdf)
    assert 2 <= len(pdf_pages(tmp_path / "p.pdf", tmp_path)) <= 4
    texte = pdf_texte(tmp_path / "p.pdf")
    assert "Conventions de revitalisation (40)" in texte
    assert "… et 16 autres, voir le classeur Excel." in texte
    (tmp_path / "p.xlsx").write_bytes(d.xlsx)
    wb = openpyxl.load_workbook(tmp_path / "p.xlsx")
    assert len(_feuille(wb["Conventions"], "Convention")) == 40
