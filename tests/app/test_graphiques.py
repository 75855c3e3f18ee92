"""Charts and map colour bars as pure functions: hand-made frames in, the figure's bars, texts
and ticks checked against values worked out by hand."""
import plotly.graph_objects as go
import polars as pl

from observatoire import charts, formats, geojson, maps

NBSP = "\u00a0"


def _operateurs() -> pl.DataFrame:
    # 20 operators: Op01 gets 20 000 €, Op02 19 000 € … Op20 1 000 €; one more with nothing.
    noms = [f"Op{i:02d}" for i in range(1, 21)] + ["Sans aide"]
    montants = [(21 - i) * 1000.0 for i in range(1, 21)] + [None]
    return pl.DataFrame({"libelle": noms, "montant_revitalisation": montants})


def test_quinze_premiers_et_une_barre_autres():
    fig = charts.barres_horizontales(_operateurs(), "libelle", "montant_revitalisation", "Revitalisation",
                                     formats.euros_compacts, max_barres=15, autres="Autres opérateurs ({n})")
    barres = fig.data[0]
    # Plotly draws the first category at the bottom: "Autres" first, Op01 (largest) last.
    assert list(barres.y) == ["Autres opérateurs (5)", *[f"Op{i:02d}" for i in range(15, 0, -1)]]
    # the 5 others: Op16..Op20 = 5 000 + 4 000 + 3 000 + 2 000 + 1 000 = 15 000 €
    assert barres.x[0] == 15000.0 and barres.x[-1] == 20000.0
    assert barres.text[0] == f"15{NBSP}k€"
    assert barres.marker.color[0] == charts.GRIS and barres.marker.color[-1] == charts.BLEU
    # long bars carry their value inside, short ones just after the bar, never clipped
    assert barres.textposition[-1] == "inside"           # 20 000 €, the longest
    assert barres.textposition[1] == "outside"           # Op15, 6 000 € < 45 % of 20 000 €
    assert barres.cliponaxis is False
    assert fig.layout.yaxis.automargin is True
    assert fig.layout.height == 28 * 16 + 90


def test_sans_depassement_pas_de_barre_autres():
    peu = _operateurs().head(4)
    fig = charts.barres_horizontales(peu, "libelle", "montant_revitalisation", "Revitalisation",
                                     max_barres=15, autres="Autres opérateurs ({n})")
    assert list(fig.data[0].y) == ["Op04", "Op03", "Op02", "Op01"]
    assert charts.premiers_et_autres(peu, "libelle", "montant_revitalisation", 3, "Autres ({n})") \
        .rows() == [("Op01", 20000.0), ("Op02", 19000.0), ("Op03", 18000.0), ("Autres (1)", 17000.0)]


def test_libelle_long_raccourci_sur_l_axe_entier_au_survol():
    nom = "IE (filiale de Michelin spécialisée dans la reconversion des sites industriels)"
    df = pl.DataFrame({"libelle": [nom, "SIDE"], "montant_revitalisation": [3.8e6, 165e6]})
    fig = charts.barres_horizontales(df, "libelle", "montant_revitalisation", "Revitalisation",
                                     formats.euros_compacts)
    barres = fig.data[0]
    assert barres.y[0] == "IE (filiale de Michelin … industriels)"
    assert barres.customdata[0][0] == nom and barres.customdata[0][1] == f"3,8{NBSP}M€"
    agences = pl.DataFrame({"libelle": ["Agence de développement économique Pas-de-Calais",
                                        "Agence de développement économique Seine-Maritime"],
                            "montant_revitalisation": [1.0, 2.0]})
    assert list(charts.barres_horizontales(agences, "libelle", "montant_revitalisation", "R").data[0].y) == [
        "Agence de développement … Pas-de-Calais", "Agence de développement … Seine-Maritime"]
    # two names that would shorten alike keep their full text (a category axis would merge them)
    pareils = pl.DataFrame({"libelle": ["A" * 40 + "x", "A" * 40 + "y"], "montant_revitalisation": [1.0, 2.0]})
    assert set(charts.barres_horizontales(pareils, "libelle", "montant_revitalisation", "R").data[0].y) \
        == {"A" * 40 + "x", "A" * 40 + "y"}


def test_graduations_euros_en_francais():
    assert maps.graduations(2_400_000) == [0, 500_000, 1_000_000, 1_500_000, 2_000_000]
    assert maps.etiquettes_euros(maps.graduations(2_400_000)) == [
        f"0{NBSP}€", f"500{NBSP}k€", f"1{NBSP}M€", f"1,5{NBSP}M€", f"2{NBSP}M€"]
    assert maps.graduations(6998) == [0, 2000, 4000, 6000]
    assert maps.etiquettes_euros([0, 2000, 4000, 6000]) == [
        f"0{NBSP}€", f"2{NBSP}000{NBSP}€", f"4{NBSP}000{NBSP}€", f"6{NBSP}000{NBSP}€"]
    assert maps.graduations(111_080_550) == [0, 25e6, 50e6, 75e6, 100e6]
    assert maps.graduations(3) == [0, 1, 2, 3]   # never a step below one euro
    assert maps.graduations(0) == [0.0]


def _carre(x: float, y: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y], [x, y + 0.5], [x + 0.5, y + 0.5], [x + 0.5, y], [x, y]]]}


def test_barre_de_couleurs_des_euros_en_francais():
    geo = geojson.alleger({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "13", "geometry": _carre(5.0, 43.3), "properties": {}},
        {"type": "Feature", "id": "54", "geometry": _carre(6.0, 48.6), "properties": {}}]}, tolerance=0)
    frame = pl.DataFrame({"code_departement": ["13", "54"], "libelle": ["Bouches-du-Rhône", "Meurthe-et-Moselle"],
                          "montant_revitalisation": [2_400_000.0, 300_000.0]})
    fig = maps.figure_carte(frame, geo, "departement", "montant_revitalisation")
    barre = [t for t in fig.data if t.showscale is not False][0].colorbar
    assert list(barre.tickvals) == [0, 500_000, 1_000_000, 1_500_000, 2_000_000]
    assert list(barre.ticktext) == [f"0{NBSP}€", f"500{NBSP}k€", f"1{NBSP}M€", f"1,5{NBSP}M€", f"2{NBSP}M€"]
    assert barre.title.text == "Euros de revitalisation (€)"  # 2 territories: no cap
    assert not barre.ticksuffix and "~s" not in (barre.tickformat or "")
    assert isinstance(fig, go.Figure) and fig.layout.separators == f",{NBSP}"


def test_titre_de_la_barre_plafonnee_en_francais():
    # 20 territories worth 1..20 M€: the darkest shade starts at the 95th percentile, rank
    # round(0,95 × 19) = 18 → 19 M€, said in the title with a no-break space.
    barre = maps._barre_couleurs(maps.INDICATEURS["montant_revitalisation"],
                                 maps.plafond([i * 1e6 for i in range(1, 21)]), plafonne=True)
    assert barre["title"]["text"] == f"Euros de revitalisation (€) — teinte la plus foncée : 19{NBSP}M€ et plus"
    emplois = maps._barre_couleurs(maps.INDICATEURS["emplois_crees"], 5021, plafonne=True)
    assert emplois["title"]["text"].endswith(f"5{NBSP}021{NBSP}emplois et plus")


def test_modele_blanc_gives_the_figure_of_the_validated_template():
    """charts.modele_blanc skips Plotly's validation of an already registered template: the figure
    must be exactly the one `template="plotly_white"` gives (a Plotly upgrade changing that fails here)."""
    def barres():
        return go.Figure(go.Bar(x=[2021, 2022], y=[3, 4], name="Emplois"))
    valide = barres().update_layout(template="plotly_white")
    assert charts.modele_blanc(barres()).to_plotly_json() == valide.to_plotly_json()
    assert charts.mise_en_page(barres(), "Titre").to_plotly_json() == charts.francais(valide.update_layout(
        height=380, title={"text": "Titre", "x": 0, "font": {"size": 16}}, font={"size": 14},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0})).to_plotly_json()


def test_map_polygons_are_shared_not_deep_copied():
    """st.plotly_chart deep-copies a figure before writing it: a map's polygons (geojson.Partage)
    are shared instead, and written exactly as a plain dict would be."""
    import copy
    import json

    carre = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    g = geojson.sous_ensemble({"features": [{"type": "Feature", "id": "a", "geometry": carre, "properties": {}},
                                            {"type": "Feature", "id": "b", "geometry": carre, "properties": {}}]},
                              {"a"})
    assert copy.deepcopy(g) is g and [f["id"] for f in g["features"]] == ["a"]
    fig = go.Figure(go.Choroplethmap(locations=["a"], z=[1]))
    fig.data[0].geojson = g
    assert fig.to_dict()["data"][0]["geojson"] is g
    assert json.dumps(g) == json.dumps({"type": "FeatureCollection", "features": g["features"]})
