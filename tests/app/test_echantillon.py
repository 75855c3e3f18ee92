"""The pages on the bundled sample: figures shown equal the warehouse's contract views.

Reads kpi_national and kpi_departement directly with DuckDB (not through the app's query
functions) and compares them with what the pages display, formatted the French way; checks
the synthetic-sample notice.
"""
import pytest

from observatoire import formats as fmt
from observatoire.layout import AVIS_ECHANTILLON
from tests.fixtures.ecran import valeurs
from tests.fixtures.entrepot import lignes

_vue = lignes


def test_vue_nationale_egale_kpi_national(app, sample_warehouse):
    n = _vue(sample_warehouse, "SELECT * FROM kpi_national")[0]
    at = app(sample_warehouse).run()
    assert not at.exception
    assert at.info[0].value == AVIS_ECHANTILLON
    assert valeurs(at) == {
        "Emplois supprimés": fmt.nombre(n["emplois_supprimes"]), "Emplois créés": fmt.nombre(n["emplois_crees"]),
        "Taux de recréation": fmt.pourcentage(n["taux_recreation"]),
        "Euros de revitalisation": fmt.euros_compacts(n["montant_revitalisation"]),
        "Effet de levier": fmt.multiple(n["effet_levier"]), "Euros par emploi créé": fmt.euros(n["euros_par_emploi"]),
        "Conventions signées": fmt.nombre(n["nb_conventions"]), "Entreprises aidées": fmt.nombre(n["nb_beneficiaires"])}
    regions = at.dataframe[1].value
    attendu = {r["code_region"]: r["emplois_crees"] for r in _vue(sample_warehouse, "SELECT * FROM kpi_region")}
    assert len(regions) == len(attendu)
    assert regions["emplois_crees"].sum() == sum(attendu.values())


def test_territoire_egal_kpi_departement(app, sample_warehouse):
    d = _vue(sample_warehouse, "SELECT * FROM kpi_departement ORDER BY nb_conventions DESC, code_departement LIMIT 1")[0]
    nb_conv = _vue(sample_warehouse, "SELECT count(*) AS n FROM kpi_convention WHERE departement = ?",
                   [d["code_departement"]])[0]["n"]
    at = app(sample_warehouse, {"departement": d["code_departement"]}).switch_page("ecrans/territoire.py").run()
    assert not at.exception
    v = valeurs(at)
    assert v["Emplois supprimés"] == fmt.nombre(d["emplois_supprimes"])
    assert v["Emplois créés"] == fmt.nombre(d["emplois_crees"])
    assert v["Euros de revitalisation"] == fmt.euros_compacts(d["montant_revitalisation"])
    assert v["Conventions"] == fmt.nombre(nb_conv)
    assert len(at.dataframe[0].value) == nb_conv


def test_operateurs_quinze_premiers_et_autres(app, sample_warehouse):
    """The operator chart shows the 15 largest operators by revitalisation euros and one grey bar
    for the others, whose total equals the rest of the full table beside it."""
    import json

    at = app(sample_warehouse).run()
    assert not at.exception
    table = at.dataframe[3].value  # years, régions, instrument, operator
    montants = sorted((m for m in table["montant_revitalisation"] if m and m > 0), reverse=True)
    assert len(montants) > 16, "le lot d'exemple doit compter plus de 16 opérateurs"
    barres = json.loads(at.get("plotly_chart")[4].proto.spec)["data"][0]
    assert len(barres["y"]) == 16
    assert barres["y"][0] == f"Autres opérateurs ({len(montants) - 15})"
    assert barres["x"][0] == pytest.approx(sum(montants[15:]))
    assert sorted(barres["x"][1:], reverse=True) == pytest.approx(montants[:15])
    assert barres["cliponaxis"] is False
