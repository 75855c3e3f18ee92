"""French formats: hand-written expectations for every formatter, including missing values."""
import datetime as dt
import math

from observatoire import formats as f

NNBSP, NBSP = "\u202f", "\u00a0"


def test_nombres():
    assert f.nombre(1100) == f"1{NNBSP}100"
    assert f.nombre(1234567) == f"1{NNBSP}234{NNBSP}567"
    assert f.nombre(999) == "999"
    assert f.nombre(-1500) == f"-1{NNBSP}500"
    assert f.nombre(2.456, 1) == "2,5"
    assert f.nombre(-0.01) == "0"


def test_euros_et_compacts():
    assert f.euros(12500) == f"12{NNBSP}500{NBSP}€"
    assert f.euros_compacts(1_325_000) == f"1,3{NBSP}M€"
    assert f.euros_compacts(2_000_000) == f"2{NBSP}M€"
    assert f.euros_compacts(850_000) == f"850{NBSP}k€"
    assert f.euros_compacts(2.4e9) == f"2,4{NBSP}Md€"
    assert f.euros_compacts(900) == f"900{NBSP}€"
    assert f.euros_compacts(125_400_000) == f"125{NBSP}M€"


def test_taux_et_multiples():
    assert f.pourcentage(0.6) == f"60{NBSP}%"
    assert f.pourcentage(1.234, 1) == f"123,4{NBSP}%"
    assert f.multiple(1.545454) == "×1,5"


def test_dates():
    assert f.date_fr(dt.date(2023, 4, 12)) == "12/04/2023"
    assert f.date_fr("2023-04-12") == "12/04/2023"


def test_manquants():
    for fn in (f.nombre, f.euros, f.euros_compacts, f.pourcentage, f.multiple, f.date_fr):
        assert fn(None) == "–"
    assert f.pourcentage(math.nan) == "–"
    assert f.libelle(None, f.LIBELLES_STATUT) == "–"
    assert f.libelle("CLOSE", f.LIBELLES_STATUT) == "Close"
    assert f.libelle("INCONNU", f.LIBELLES_STATUT) == "INCONNU"


def test_chaque_graphique_passe_par_layout_graphique():
    """No page or app module calls st.plotly_chart itself: layout.graphique applies the French
    separators to every figure, so none can be forgotten."""
    from pathlib import Path

    racine = Path(__file__).resolve().parents[2]
    fichiers = [racine / "app.py", *sorted((racine / "ecrans").glob("*.py")),
                *sorted((racine / "observatoire").glob("*.py"))]
    fautifs = [f"{p.name}:{n}" for p in fichiers if p.name != "layout.py"
               for n, ligne in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
               if "plotly_chart(" in ligne and not ligne.lstrip().startswith(("#", '"', "`"))]
    assert fautifs == []


def test_axe_des_annees_lisible():
    import plotly.graph_objects as go
    import polars as pl

    from observatoire import charts

    assert [charts.pas_annees(n) for n in (1, 7, 8, 14, 15, 25, 40)] == [1, 1, 2, 2, 5, 5, 10]
    assert charts.pas_annees(25, max_etiquettes=14) == 2
    serie = pl.DataFrame({"annee": list(range(2002, 2027)), "emplois_supprimes": [1000] * 25,
                          "emplois_crees": [3000] * 25})
    fig = charts.serie_emplois(serie)
    axe = fig.layout.xaxis
    assert (axe.type, axe.dtick, axe.tickformat, axe.tickangle) == ("linear", 5, "d", 0)
    assert fig.layout.separators == f",{NBSP}"
    carte = charts.francais(go.Figure())
    assert carte.layout.separators == f",{NBSP}"
