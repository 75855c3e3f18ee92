"""Accessibility as pure facts: WCAG contrast ratios of the theme's text colours, of the values
written on the bars and of the map legend; every chart's French text summary computed from its
data; the menu built from app.py's one list; the statement page in the RGAA format."""
import re
import tomllib

import polars as pl

from core.config import DOCS_DIR
from observatoire import accessibilite, charts, formats, geojson, maps
from observatoire.blocs_details import figure_cumul
from tests.fixtures.ecran import APP

NBSP = "\u00a0"   # before a unit
NNBSP = "\u202f"  # between thousands
THEME = tomllib.loads((APP.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]


def _melange(couleur: str, fond: str, opacite: float) -> str:
    """`couleur` drawn at `opacite` over `fond` (Streamlit draws captions at 60 % of the text colour)."""
    a, b = (tuple(int(c.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)) for c in (couleur, fond))
    return "#" + "".join(f"{round(x * opacite + y * (1 - opacite)):02x}" for x, y in zip(a, b))


def test_contraste_calcule_comme_le_wcag():
    assert round(charts.contraste("#000000", "#ffffff"), 2) == 21.0
    assert charts.contraste("#777777", "#ffffff") < 4.5 < charts.contraste("#767676", "#ffffff")  # known AA limit
    assert 3.88 <= charts.contraste("#828180", "#ffffff") < 3.9  # the caption grey axe reported (3,88)


def test_textes_du_theme_lisibles():
    texte, fond, fond2 = THEME["textColor"], THEME["backgroundColor"], THEME["secondaryBackgroundColor"]
    for f in (fond, fond2):
        assert charts.contraste(texte, f) >= 4.5
        assert charts.contraste(_melange(texte, f, 0.6), f) >= 4.5, "légendes (st.caption)"
        assert charts.contraste(THEME["primaryColor"], f) >= 4.5, "curseur, liens, onglet actif"
        assert charts.contraste(THEME["linkColor"], f) >= 4.5
        assert charts.contraste(accessibilite.COULEUR_FOCUS, f) >= 3, "contour de focus (non-texte, 3:1)"
    assert charts.contraste("#ffffff", THEME["primaryColor"]) >= 4.5, "texte du bouton principal"
    assert charts.contraste(charts.TEXTE_SECONDAIRE, fond) >= 4.5, "résumés des graphiques"
    assert charts.TEXTE == texte


def test_palettes_du_theme_et_des_graphiques_sont_celles_du_dsfr():
    assert tuple(THEME["chartCategoricalColors"]) == charts.CATEGORIELLE
    sequentielle = THEME["chartSequentialColors"]
    assert (sequentielle[0], sequentielle[-1]) == charts.SEQUENTIELLE
    for couleur in (charts.BLEU, charts.BLEU_FONCE, charts.VIOLET):
        assert couleur in charts.CATEGORIELLE
        assert charts.contraste(couleur, charts.FOND) >= 3, f"barres {couleur} sur fond blanc"


def test_valeur_ecrite_dans_chaque_barre_lisible():
    noms = [f"Op{i:02d}" for i in range(1, 21)]
    frame = pl.DataFrame({"libelle": noms, "montant": [(21 - i) * 1000.0 for i in range(1, 21)]})
    fig = charts.barres_horizontales(frame, "libelle", "montant", "Revitalisation", formats.euros_compacts,
                                     max_barres=15, autres="Autres ({n})")
    barres = fig.data[0]
    dedans = [i for i, p in enumerate(barres.textposition) if p == "inside"]
    assert dedans and 0 in dedans  # the grey "Autres" bar (15 000 €) carries its value inside
    for i in dedans:
        assert charts.contraste(barres.insidetextfont.color[i], barres.marker.color[i]) >= 4.5
    assert charts.contraste(barres.outsidetextfont.color, charts.FOND) >= 4.5
    for fond in (*charts.CATEGORIELLE, *charts.SEQUENTIELLE, *charts.DIVERGENTE, charts.NEUTRE):
        assert charts.contraste(charts.couleur_texte(fond), fond) >= 4.5, fond


def _carte(valeurs: list[float | None], indicateur: str, selection: str | None = None):
    codes = [f"{i:02d}" for i in range(1, len(valeurs) + 1)]
    geo = geojson.alleger({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": c, "geometry": {"type": "Polygon", "coordinates": [[
            [2.0 + i, 46.0], [2.0 + i, 46.5], [2.5 + i, 46.5], [2.5 + i, 46.0], [2.0 + i, 46.0]]]},
         "properties": {}} for i, c in enumerate(codes)]}, tolerance=0)
    frame = pl.DataFrame({"code_departement": codes, "libelle": [f"Dép {c}" for c in codes], indicateur: valeurs},
                         schema_overrides={indicateur: pl.Float64})
    return maps.figure_carte(frame, geo, "departement", indicateur, selection=selection)


def test_axes_et_legendes_des_graphiques_lisibles():
    serie = pl.DataFrame({"annee": [2020, 2021], "emplois_supprimes": [5, 9], "emplois_crees": [1, 4]})
    fig = charts.serie_emplois(serie)
    for axe in (fig.layout.xaxis, fig.layout.yaxis):
        assert charts.contraste(axe.tickfont.color, charts.FOND) >= 4.5
        assert charts.contraste(axe.title.font.color, charts.FOND) >= 4.5
    assert charts.contraste(fig.layout.legend.font.color, charts.FOND) >= 4.5
    assert charts.contraste(fig.layout.title.font.color, charts.FOND) >= 4.5


def test_legende_de_la_carte_lisible():
    fig = _carte([10.0, 200.0, None], "emplois_crees", selection="02")
    barre = [t for t in fig.data if t.showscale is not False][0].colorbar
    assert charts.contraste(barre.tickfont.color, charts.FOND) >= 4.5
    assert charts.contraste(barre.title.font.color, charts.FOND) >= 4.5
    # legend ("Pas de donnée") and colour bar: the text grey on the legend box over the white map
    fond_legende = _melange("#ffffff", "#ffffff", 0.85)
    assert charts.contraste(fig.layout.legend.font.color, fond_legende) >= 4.5
    assert charts.contraste(fig.layout.font.color, charts.FOND) >= 4.5  # colour bar title and ticks
    # the darkest shade stands out from the white background; the outline of the selected
    # territory (white then text grey) is visible on every shade of both scales
    for indicateur in ("emplois_crees", "taux_recreation"):
        echelle = [c for _, c in maps.INDICATEURS[indicateur].echelle]
        assert max(charts.contraste(c, charts.FOND) for c in echelle) >= 3
        for teinte in [*echelle, maps.GRIS_SANS_DONNEE]:
            assert max(charts.contraste("#ffffff", teinte), charts.contraste(charts.TEXTE, teinte)) >= 3
    contours = [t.marker.line.color for t in fig.data if t.name == "Sélection"]
    assert contours == ["#ffffff", charts.TEXTE]
    assert maps.INDICATEURS["emplois_crees"].echelle == [[0, "#DBDAFF"], [1, "#00005F"]]
    taux = maps.INDICATEURS["taux_recreation"].echelle
    assert taux[0] == [0.0, "#E91719"] and taux[-1] == [1.0, "#298641"]  # red under 100 %, green above


def test_resume_des_series_annuelles_calcule_sur_les_donnees():
    serie = pl.DataFrame({"annee": [2002, 2003, 2004], "emplois_supprimes": [500, 2400, 100],
                          "emplois_crees": [100, 1234, 1234], "montant_revitalisation": [1e6, 2.5e6, None]})
    texte = charts.resume(charts.serie_emplois(serie))
    assert f"Emplois créés par année, de 2002 à 2004 : maximum 1{NNBSP}234 en 2003, total 2{NNBSP}568" in texte
    assert f"Emplois supprimés par année, de 2002 à 2004 : maximum 2{NNBSP}400 en 2003, total 3{NNBSP}000" in texte
    montants = charts.resume(charts.serie_montants(serie))
    assert f"Revitalisation par année, de 2002 à 2003 : maximum 2,5{NBSP}M€ en 2003, total 3,5{NBSP}M€" in montants
    cumul = figure_cumul(pl.DataFrame({"annee": [2020, 2021], "emplois_crees": [3.0, 12.0]}),
                         "emplois_crees", "Emplois créés, cumul en fin d'année")
    assert charts.resume(cumul) == "Emplois créés, cumul en fin d'année, de 2020 à 2021 : 12 fin 2021."


def test_resume_des_barres_et_de_la_carte():
    frame = pl.DataFrame({"libelle": ["Nord", "Sud", "Est"], "emplois": [30.0, 1200.0, 5.0]})
    texte = charts.resume(charts.barres_horizontales(frame, "libelle", "emplois", "Emplois créés"))
    assert texte == f"Emplois créés, 3 barres : la plus grande Sud (1{NNBSP}200), la plus petite Est (5)."
    carte = charts.resume(_carte([10.0, 200.0, None], "emplois_crees"))
    assert carte.startswith(f"Carte des départements, emplois créés : 2 territoires colorés, 1 sans donnée ; "
                            f"le plus élevé Dép 02 (02), 200{NBSP}emplois ; le plus bas Dép 01 (01), 10{NBSP}emplois.")
    taux = charts.resume(_carte([0.5, 1.25], "taux_recreation"))
    assert f"le plus élevé Dép 02 (02), 125{NBSP}%" in taux


def test_menu_vient_de_la_liste_de_app_py():
    source = APP.read_text(encoding="utf-8")
    assert 'position="hidden"' in source and "st.page_link" in source
    assert '"ecrans/accessibilite.py", "Accessibilité"' in source


def test_traductions_de_streamlit_en_francais():
    script = accessibilite.script()
    assert 'doc.documentElement.lang = "fr"' in script
    for anglais, francais in (("Upload", "Parcourir"), ("Drag and drop files here", "Déposez les fichiers ici")):
        assert accessibilite.TRADUCTIONS[anglais] == francais and francais in script


def test_declaration_au_format_rgaa():
    texte = (DOCS_DIR / "accessibilite.md").read_text(encoding="utf-8")
    for titre in ("État de conformité", "Résultats des tests", "Contenus non accessibles",
                  "Dérogations pour charge disproportionnée", "Établissement de cette déclaration",
                  "Retour d'information et contact", "Voies de recours"):
        assert f"### {titre}" in texte, titre
    assert "Défenseur des droits" in texte and "RGAA" in texte and "4.1" in texte
    assert re.search(r"établie le \d+(er)? \w+ 20\d\d", texte)
    assert "axe-core" in texte and "68 éléments en erreur" in texte
