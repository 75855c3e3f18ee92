"""Map, Conventions, Fonds and Territoire on the bundled sample: what the pages show equals the
warehouse's views (kpi_zone_emploi, kpi_convention, kpi_fonds), read directly with DuckDB; and
each page says in a sentence when a filter or a search leaves nothing.

The documented cases of the sample (docs/donnees-exemple.md): the three Bouches-du-Rhône funds
(F-13-AMPA, F-13-AIRBUS, F-13-ADIE) and the Kléber plant in Toul (C-TOUL-KLEBER: 826 jobs cut,
900 jobs promised).
"""
import pytest
from streamlit.testing.v1 import AppTest

from observatoire import formats as fmt
from tests.fixtures.ecran import APP, table, textes, titres, valeurs
from tests.fixtures.entrepot import lignes

VIDE = {"debut": "2002", "fin": "2002", "instrument": "FORMATION", "procedure": "RCC"}  # nothing in the sample


_lignes = lignes


@pytest.fixture(scope="module")
def echantillon(sample_warehouse):
    """The session's sample warehouse itself (the pages only read it; the door's cache is shared
    with the other sample page tests)."""
    return sample_warehouse


def _page(db, monkeypatch, page: str, **params) -> AppTest:
    monkeypatch.setenv("OBSERVATOIRE_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params.update(params)
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_fonds_des_bouches_du_rhone(echantillon, monkeypatch):
    attendus = {r["id_fonds"]: r for r in _lignes(
        echantillon, "SELECT * FROM kpi_fonds WHERE id_fonds IN ('F-13-AMPA', 'F-13-AIRBUS', 'F-13-ADIE')")}
    assert len(attendus) == 3
    at = _page(echantillon, monkeypatch, "ecrans/fonds.py", fonds="F-13-AMPA")
    for id_fonds in ("F-13-AMPA", "F-13-AIRBUS", "F-13-ADIE"):
        if at.selectbox(key="fonds_id").value != id_fonds:
            at.selectbox(key="fonds_id").set_value(id_fonds).run()
        assert not at.exception
        f, v = attendus[id_fonds], valeurs(at)
        assert titres(at)[0] == f"{f['nom']} ({id_fonds})"
        assert v["Emplois créés"] == fmt.nombre(f["emplois_crees"])
        assert v["Entreprises aidées"] == fmt.nombre(f["nb_beneficiaires"])
        assert v["Dotations reçues"] == fmt.euros_compacts(f["dotations"])
        assert v["Revitalisation accordée"] == fmt.euros_compacts(f["montant_revitalisation"])
    liste = table(at, "gestionnaire").set_index("id_fonds")
    assert liste.loc["F-13-AIRBUS", "emplois_crees"] == attendus["F-13-AIRBUS"]["emplois_crees"]
    at.text_input(key="fonds_recherche").input("aucun fonds ne s'appelle ainsi").run()
    assert "Aucun fonds ne correspond à cette recherche et à ces filtres." in textes(at)


def test_convention_kleber_toul(echantillon, monkeypatch):
    c = _lignes(echantillon, "SELECT * FROM kpi_convention WHERE id_convention = 'C-TOUL-KLEBER'")[0]
    assert (c["emplois_supprimes"], c["objectif_emplois"]) == (826, 900)
    nb = _lignes(echantillon, "SELECT count(*) AS n FROM kpi_convention")[0]["n"]
    at = _page(echantillon, monkeypatch, "ecrans/conventions.py", convention="C-TOUL-KLEBER")
    v = valeurs(at)
    assert v["Objectif d'emplois"] == "900"
    assert v["Montant engagé"] == fmt.euros(c["montant_engage"])
    assert v["Minimum légal"] == fmt.euros(c["contribution_minimale"])
    assert "**826 emplois supprimés**" in textes(at)
    assert f"sur {fmt.nombre(nb)} —" in textes(at)  # "N convention(s) sur 2 980 — Filtres…"
    at.text_input(key="conv_recherche").input("Kléber").run()
    trouvees = table(at, "raison_sociale")
    assert "C-TOUL-KLEBER" in set(trouvees["id_convention"])
    assert (trouvees.set_index("id_convention").loc["C-TOUL-KLEBER", "objectif_emplois"]) == 900
    at.text_input(key="conv_recherche").input("zzz introuvable").run()
    assert "Aucune convention ne correspond à cette recherche et à ces filtres." in textes(at)


def test_carte_fiche_de_zone_et_filtre_vide(echantillon, monkeypatch):
    z = _lignes(echantillon, "SELECT * FROM kpi_zone_emploi WHERE code_ze = '9301'")[0]
    at = _page(echantillon, monkeypatch, "ecrans/carte.py", zone="9301")
    assert at.subheader[0].value == "Aix-en-Provence (9301)"
    v = valeurs(at)
    assert v["Emplois supprimés"] == fmt.nombre(z["emplois_supprimes"])
    assert v["Emplois créés"] == fmt.nombre(z["emplois_crees"])
    assert v["Taux de recréation"] == fmt.pourcentage(z["taux_recreation"])
    assert v["Entreprises aidées"] == fmt.nombre(z["nb_beneficiaires"])
    # every figure of the page (map, zone trend) has French separators
    import json
    specs = [json.loads(g.proto.spec) for g in at.get("plotly_chart")]
    assert len(specs) == 2 and {s["layout"]["separators"] for s in specs} == {",\u00a0"}

    vide = _page(echantillon, monkeypatch, "ecrans/carte.py", **VIDE)
    assert "Aucun emploi supprimé et aucune aide ne correspondent à ces filtres" in textes(vide)
    assert not vide.get("plotly_chart")


def test_pages_vides_le_disent(echantillon, monkeypatch):
    at = _page(echantillon, monkeypatch, "ecrans/territoire.py", departement="976")
    assert "Aucune convention, aucun fonds et aucune aide pour Mayotte" in textes(at)
    assert not at.get("plotly_chart") and not at.dataframe
    at = _page(echantillon, monkeypatch, "ecrans/nationale.py", **VIDE)
    assert "Aucune convention, aucune aide et aucun emploi supprimé ne correspondent à ces filtres" in textes(at)
