"""Choropleth maps of the employment areas, départements and régions: frame + GeoJSON → figure.

Why a module of its own: the map is the territorial teams' entry point and has rules worth
keeping in one place and testing without Streamlit. It draws with MapLibre
(`choroplethmap` traces, `map_style="white-bg"`), which needs nothing from the internet; the
geo projection (`px.choropleth`) downloads a world topojson from a CDN and fails offline.
Base-map tiles ("carto-positron") are only an opt-in for online users.

Two layers: every territory in light grey (so a zone with no data is still drawn and can be
clicked), then the territories that have a value, coloured. Hover labels are preformatted
French strings (customdata + hovertemplate), the colour bar has a French title and ticks.
Colours are DSFR Chart's palettes (observatoire.charts): the sequential one (light lavender to
dark blue) for counts and euros, the divergent one (red, yellow, green) for the recreation
rate; the selected territory is outlined white then black, visible on any shade. The figure
carries a French text summary (charts.resume) that points to the table under the map.
Pure functions, no Streamlit, no SQL.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from core.diffusion import MESURES_PROTEGEES
from core.indicateurs import indicateur
from observatoire import charts, formats
from observatoire.geojson import CADRAGES, geojson_cadrage, sous_ensemble

# map layer (a level of core.reference.NIVEAUX) → (code column in the kpi views, French label of one territory, plural label)
COUCHES = {
    "zone_emploi": ("code_ze", "zone d'emploi", "Zones d'emploi"),
    "departement": ("code_departement", "département", "Départements"),
    "region": ("code_region", "région", "Régions"),
}


@dataclass(frozen=True)
class Indicateur:
    libelle: str        # French label (selector, colour bar, hover), from the registry
    unite: str          # "emplois", "euros", "taux", "multiple"
    divergent: bool = False

    @property
    def echelle(self) -> list[list]:
        """Plotly colour scale: DSFR sequential, or DSFR divergent from red (low) to green."""
        if self.divergent:
            teintes = charts.DIVERGENTE[::-1]
            return [[i / (len(teintes) - 1), c] for i, c in enumerate(teintes)]
        return [[0, charts.SEQUENTIELLE[0]], [1, charts.SEQUENTIELLE[1]]]


_UNITES = {"entier": "emplois", "euros": "euros", "taux": "taux", "multiple": "multiple"}


def _carte(code: str, divergent: bool = False) -> tuple[str, Indicateur]:
    """A map indicator: label and unit from the registry (core.indicateurs), colours here."""
    ind = indicateur(code)
    return code, Indicateur(ind.libelle, _UNITES[ind.genre], divergent)


INDICATEURS = dict([
    _carte("emplois_supprimes"),
    _carte("emplois_crees"),
    _carte("taux_recreation", divergent=True),
    _carte("euros_par_emploi"),
    _carte("effet_levier"),
    _carte("montant_revitalisation"),
])

# Diverging scale for the recreation rate: 0 % red, 100 % yellow, 200 % and more green.
_TAUX_MAX = 200.0
GRIS_SANS_DONNEE = "#e5e5e5"  # DSFR grey: "Pas de donnée"
GRIS_SECRET = "#8a8f98"       # statistical secrecy: a darker grey, with its own legend entry
LEGENDE_SECRET = "s : secret statistique"
_BORD = "#ffffff"
FOND_LEGENDE = "rgba(255,255,255,0.85)"


def formater(valeur, unite: str) -> str:
    """An indicator's value in French: "1 100 emplois", "12 500 €", "60 %", "×2,4"."""
    if unite == "emplois":
        texte = formats.nombre(valeur)
        return texte if texte == formats.MANQUANT else f"{texte}\u00a0emplois"
    if unite == "euros":
        return formats.euros(valeur)
    if unite == "taux":
        return formats.pourcentage(valeur)
    return formats.multiple(valeur)


def valeur_tracee(frame: pl.DataFrame, indicateur: str) -> pl.Series:
    """The numbers the colours encode: rates in percent, others as they are; null = no data."""
    serie = frame[indicateur].cast(pl.Float64)
    if INDICATEURS[indicateur].unite == "taux":
        serie = serie * 100
    return serie.fill_nan(None)


def _survol(frame: pl.DataFrame, indicateur: str) -> tuple[list[list[str]], str]:
    """customdata rows and the hover template: the territory's name, then the six indicators."""
    noms = frame["libelle"].to_list()
    colonnes = [(cle, ind) for cle, ind in INDICATEURS.items() if cle in frame.columns]
    secrets = frame["secret"].to_list() if "secret" in frame.columns else [None] * frame.height
    lignes = []
    for i, nom in enumerate(noms):
        lignes.append([nom or "", *[formats.SECRET if secrets[i] and cle in MESURES_PROTEGEES
                                    else formater(frame[cle][i], ind.unite) for cle, ind in colonnes]])
    corps = []
    for j, (cle, ind) in enumerate(colonnes, start=1):
        texte = f"{ind.libelle} : %{{customdata[{j}]}}"
        corps.append(f"<b>{texte}</b>" if cle == indicateur else texte)
    modele = "<b>%{customdata[0]}</b> (%{location})<br>" + "<br>".join(corps) + "<extra></extra>"
    return lignes, modele


def plafond(valeurs: list[float], centile: float = 0.95) -> float:
    """The value from which the darkest shade is used: the 95th percentile of non-zero values
    (the maximum when there are fewer than 20 of them)."""
    positives = sorted(v for v in valeurs if v and v > 0)
    if not positives:
        return 0.0
    if len(positives) < 20:
        return positives[-1]
    return positives[min(len(positives) - 1, int(round(centile * (len(positives) - 1))))]


def graduations(maximum: float, nb: int = 5, pas_minimal: float = 1.0) -> list[float]:
    """Round tick values from 0 to `maximum`: a step of 1, 2, 2,5 or 5 × 10^k (at least
    `pas_minimal`) giving at most `nb` intervals (5 000 000 → 0, 1 M, 2 M … 5 M)."""
    if not maximum or maximum <= 0:
        return [0.0]
    brut = maximum / nb
    puissance = 10 ** math.floor(math.log10(brut))
    pas = max(next(m * puissance for m in (1, 2, 2.5, 5, 10) if m * puissance >= brut), pas_minimal)
    return [round(i * pas, 9) for i in range(int(maximum // pas + 1e-9) + 1)]


def etiquettes_euros(valeurs: list[float]) -> list[str]:
    """French colour-bar labels for euros: compact from 100 000 € up ("500 k€", "1,5 M€"), whole
    below ("6 000 €"). Thousands get a no-break space: the narrow one is invisible in Plotly's SVG."""
    compact = max(valeurs, default=0) >= 1e5
    textes = [formats.euros_compacts(v) if compact and v else formats.euros(v) for v in valeurs]
    return [t.replace("\u202f", "\u00a0") for t in textes]


def _barre_couleurs(ind: Indicateur, zmax: float, plafonne: bool = False) -> dict:
    seuil = etiquettes_euros([zmax])[0] if ind.unite == "euros" else formater(zmax, ind.unite)
    suite = f" — teinte la plus foncée : {seuil.replace(chr(0x202f), chr(0xa0))} et plus" if plafonne else ""
    barre = {"title": {"text": ind.libelle + {"taux": " (%)", "euros": " (€)"}.get(ind.unite, "") + suite,
                       "side": "top", "font": {"size": 13}},
             "orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.01, "yanchor": "top",
             "len": 0.9, "thickness": 12, "tickformat": ",.0f"}
    if ind.unite == "taux":
        barre.update(tickvals=[0, 50, 100, 150, 200], ticktext=["0 %", "50 %", "100 %", "150 %", "≥ 200 %"])
    elif ind.unite == "multiple":
        barre.update(tickformat=",.1f", tickprefix="×")
    elif ind.unite == "euros":  # French labels ("2 M€", "500 k€", "6 000 €"), not Plotly's "2M"
        valeurs = graduations(zmax)
        barre.update(tickmode="array", tickvals=valeurs, ticktext=etiquettes_euros(valeurs))
    elif ind.unite == "emplois" and zmax <= 5:
        barre.update(dtick=1)
    return barre


def figure_carte(frame: pl.DataFrame, geojson: dict, niveau: str, indicateur: str,
                 cadrage: str = "metropole", fond_de_carte: bool = False, hauteur: int = 620,
                 selection: str | None = None) -> go.Figure:
    """Choropleth of `indicateur` over the territories of `frame` (one row per code of `niveau`).

    `frame` needs the level's code column, `libelle` and the INDICATEURS columns it has;
    `geojson` is an `observatoire.geojson.alleger`ed FeatureCollection of the same level. Territories whose value is
    null are drawn in grey ("pas de donnée"), those under statistical secrecy (`secret` column) in
    a darker grey with their own legend entry. `selection` outlines one territory.
    """
    if niveau not in COUCHES or indicateur not in INDICATEURS or cadrage not in CADRAGES:
        raise ValueError(f"carte inconnue : {niveau} / {indicateur} / {cadrage}")
    code = COUCHES[niveau][0]
    ind = INDICATEURS[indicateur]
    geo = geojson_cadrage(geojson, cadrage)
    presents = {f["id"] for f in geo["features"]}
    frame = frame.filter(pl.col(code).is_in(list(presents)))
    customdata, modele = _survol(frame, indicateur)
    z = valeur_tracee(frame, indicateur)
    avec_valeur = z.is_not_null().to_list()

    codes = frame[code].to_list()
    secrets = frame["secret"].to_list() if "secret" in frame.columns else [None] * frame.height
    idx = [i for i, ok in enumerate(avec_valeur) if ok]
    masques = [i for i, ok in enumerate(avec_valeur) if not ok and secrets[i]]
    vides = [i for i, ok in enumerate(avec_valeur) if not ok and not secrets[i]]
    valeurs = [z[i] for i in idx]
    # Each trace carries only its own polygons, so the figure holds every geometry once.
    fig = go.Figure()
    if vides:
        fig.add_trace(go.Choroplethmap(
            locations=[codes[i] for i in vides],
            z=[0] * len(vides), colorscale=[[0, GRIS_SANS_DONNEE], [1, GRIS_SANS_DONNEE]], showscale=False,
            customdata=[customdata[i] for i in vides], hovertemplate=modele,
            marker={"line": {"color": _BORD, "width": 0.6}, "opacity": 1},
            name="Pas de donnée", showlegend=True))
    if masques:   # secret statistique: a darker grey, with its legend entry
        fig.add_trace(go.Choroplethmap(
            locations=[codes[i] for i in masques],
            z=[0] * len(masques), colorscale=[[0, GRIS_SECRET], [1, GRIS_SECRET]], showscale=False,
            customdata=[customdata[i] for i in masques], hovertemplate=modele,
            marker={"line": {"color": _BORD, "width": 0.6}, "opacity": 1},
            name=LEGENDE_SECRET, showlegend=True))
    if valeurs:
        if ind.divergent:
            zmin, zmax, zmid = 0.0, _TAUX_MAX, 100.0
            affichees = [min(v, _TAUX_MAX) for v in valeurs]
        else:
            # A few large territories (Paris) would wash out the others: the darkest shade
            # starts at the 95th percentile of the non-zero values (said in the colour bar).
            zmin, zmid = 0.0, None
            zmax = max(plafond(valeurs), 1.0)
            affichees = [min(v, zmax) for v in valeurs]
        fig.add_trace(go.Choroplethmap(
            locations=[codes[i] for i in idx],
            z=affichees,
            zmin=zmin, zmax=zmax, zmid=zmid, colorscale=ind.echelle,
            reversescale=False, customdata=[customdata[i] for i in idx], hovertemplate=modele,
            marker={"line": {"color": _BORD, "width": 0.6}, "opacity": 0.92},
            colorbar=_barre_couleurs(ind, zmax, plafonne=not ind.divergent and zmax < max(valeurs)),
            name=ind.libelle, showlegend=False))
    if selection and selection in presents:
        for couleur, epaisseur in (("#ffffff", 5.5), (charts.TEXTE, 2.5)):  # visible on light and dark shades
            fig.add_trace(go.Choroplethmap(
                locations=[selection], z=[0], colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False, hoverinfo="skip", marker={"line": {"color": couleur, "width": epaisseur}},
                name="Sélection", showlegend=False))
    # Polygons are attached after the traces are built: passing them to the constructor makes
    # Plotly deep-copy every coordinate (about 0,3 s for the zones d'emploi).
    for trace in fig.data:
        trace.geojson = sous_ensemble(geo, set(trace.locations))
    _, centre, zoom, _ = CADRAGES[cadrage]
    fig.update_layout(
        map={"style": "carto-positron" if fond_de_carte else "white-bg", "center": centre, "zoom": zoom},
        height=hauteur, margin={"l": 0, "r": 0, "t": 0, "b": 75},
        legend={"x": 0.01, "y": 0.99, "yanchor": "top", "bgcolor": FOND_LEGENDE, "font": {"color": charts.TEXTE}},
        hoverlabel={"bgcolor": "white", "font_size": 13}, clickmode="event+select",
        uirevision=f"{niveau}-{cadrage}")
    charts.decrire(fig, _resume(frame, niveau, ind, [codes[i] for i in idx], valeurs, len(vides)))
    return charts.francais(fig)


def _resume(frame: pl.DataFrame, niveau: str, ind: Indicateur, codes: list[str], valeurs: list[float],
            nb_vides: int) -> str:
    """"Carte des zones d'emploi, Emplois créés : 280 territoires colorés, 7 sans donnée ; le plus
    élevé Aix-en-Provence (9301), 2 345 emplois ; …"; values as the hover shows them."""
    pluriel = COUCHES[niveau][2].lower()
    noms = dict(zip(frame[COUCHES[niveau][0]].to_list(), frame["libelle"].to_list()))
    debut = f"Carte des {pluriel}, {ind.libelle.lower()}"
    if not valeurs:
        return f"{debut} : aucun territoire n'a de valeur. Le tableau sous la carte donne le détail."
    brut = [v / 100 if ind.unite == "taux" else v for v in valeurs]  # back to the displayed unit
    haut = max(range(len(brut)), key=lambda i: brut[i])
    bas = min(range(len(brut)), key=lambda i: brut[i])
    sans = f", {formats.nombre(nb_vides)} sans donnée" if nb_vides else ""
    return (f"{debut} : {formats.nombre(len(brut))} territoires colorés{sans} ; le plus élevé "
            f"{noms.get(codes[haut]) or codes[haut]} ({codes[haut]}), {formater(brut[haut], ind.unite)} ; le plus bas "
            f"{noms.get(codes[bas]) or codes[bas]} ({codes[bas]}), {formater(brut[bas], ind.unite)}. "
            "Le tableau sous la carte donne les valeurs de tous les territoires.")
