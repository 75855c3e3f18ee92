"""Static figures of the COPIL PDF: the département's map of zones d'emploi and two charts, as PNG bytes.

Why matplotlib/GeoPandas rather than Plotly's static export: kaleido needs a Chromium and took
about 7 s for one map, while matplotlib draws the three figures in well under a second with no
browser. Colours follow the app's Plotly choices (observatoire/maps.py): "Blues" for jobs created,
the same light grey for territories without data, so the printed brief looks like the screen.
Pure functions of a `CopilPack`, no SQL, no Streamlit.
"""
from __future__ import annotations

import io
import warnings
from functools import cache

import matplotlib

matplotlib.use("Agg")
import geopandas as gpd
import matplotlib.pyplot as plt
from matplotlib import patheffects
from matplotlib.colors import Normalize, to_hex
from matplotlib.ticker import FuncFormatter, MaxNLocator

from core.indicateurs import indicateur
from core.reference import load_geojson
from observatoire import formats

BLEU = "#000091"        # bars: bleu France, as observatoire/charts.py
ROUGE = "#c9191e"       # running total: rouge Marianne, as observatoire/charts.py
BLEU_CLAIR = "#9ecae1"
GRIS = "#e4e6eb"        # territories without data, as on the app's map
GRIS_SECRET = "#8a8f98"  # figures under statistical secrecy (diffusable brief), as on the app's map
NAN = float("nan")      # a masked figure (« s ») in the charts: no bar, no colour scale


def _nb(v) -> str:
    """A count in French, « s » for a masked one."""
    return formats.SECRET if v != v else formats.nombre(v)


def _chiffre(r: dict, colonne: str) -> float:
    """A row's figure as a float: NaN when the row is under statistical secrecy, 0 when null."""
    return NAN if r.get("secret") else float(r[colonne] or 0)
BORD = "#7f8792"
TEXTE = "#1f2933"
CARTE_ECHELLE = "Blues"
LAMBERT93 = 2154

plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 8, "axes.edgecolor": BORD,
                     "axes.labelcolor": TEXTE, "xtick.color": TEXTE, "ytick.color": TEXTE})


@cache
def _couche(niveau: str, code_prop: str) -> gpd.GeoDataFrame:
    features = load_geojson(niveau)["features"]
    gdf = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    return gdf.rename(columns={code_prop: "code"})


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=170, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    return buf.getvalue()


def _fmt_axe(decimales: int = 0):
    return FuncFormatter(lambda v, _pos: formats.nombre(v, decimales))


def carte_zones(pack, largeur_cm: float = 17.0, hauteur_cm: float = 9.5) -> bytes:
    """The département's map (see `dessiner_carte`) as PNG bytes."""
    fig, _etiquettes = dessiner_carte(pack, largeur_cm, hauteur_cm)
    return _png(fig)


def dessiner_carte(pack, largeur_cm: float = 17.0, hauteur_cm: float = 9.5):
    """The zones d'emploi touching the département, coloured by jobs created over the period.

    Returns the figure and its zone labels as (text, box in display coordinates), for checking overlaps.

    The part of each zone inside the département is drawn fully, the part outside faded; the
    département's outline is bold; neighbouring départements give context in grey.
    """
    code = pack.params.departement
    zones = _couche("zone_emploi", "code_ze")
    deps = _couche("departement", "code_departement")
    valeurs = {r["code_ze"]: _chiffre(r, "emplois_crees") for r in pack.zones.iter_rows(named=True)}
    sel = zones[zones["code"].isin(list(valeurs))].copy()
    dep = deps[deps["code"] == code]
    if not pack.outre_mer:
        sel, dep, deps = sel.to_crs(LAMBERT93), dep.to_crs(LAMBERT93), deps.to_crs(LAMBERT93)
    sel["valeur"] = sel["code"].map(valeurs)
    fig, ax = plt.subplots(figsize=(largeur_cm / 2.54, hauteur_cm / 2.54))
    ax.set_axis_off()
    if sel.empty or dep.empty:
        ax.text(0.5, 0.5, "Géométrie indisponible pour ce département", ha="center", va="center",
                transform=ax.transAxes)
        return fig, []
    xmin, ymin, xmax, ymax = sel.total_bounds
    marge = 0.04 * max(xmax - xmin, ymax - ymin)
    voisins = deps.cx[xmin - marge:xmax + marge, ymin - marge:ymax + marge]
    voisins.plot(ax=ax, color="#f5f6f8", edgecolor="#c9ced6", linewidth=0.5)
    vmax = max(sel["valeur"].max(), 1.0)
    norm = Normalize(vmin=0, vmax=vmax)
    cmap = plt.get_cmap(CARTE_ECHELLE)
    def teinte(v: float) -> str:
        return GRIS_SECRET if v != v else GRIS if v == 0 else to_hex(cmap(0.15 + 0.85 * norm(v)))

    sel.plot(ax=ax, color=[teinte(v) for v in sel["valeur"]], edgecolor="white", linewidth=0.6, alpha=0.35)
    dedans = gpd.clip(sel, dep)
    dedans = dedans[~dedans.geometry.is_empty]
    dedans.plot(ax=ax, color=[teinte(v) for v in dedans["valeur"]], edgecolor="white", linewidth=0.8)
    dep.boundary.plot(ax=ax, color=TEXTE, linewidth=1.6)
    ax.set_xlim(xmin - marge, xmax + marge)
    ax.set_ylim(ymin - marge, ymax + marge)
    vide = sel["valeur"].max() <= 0
    if vide:
        ax.text(0.01, 0.01, "Aucun emploi créé sur la période dans ces zones", transform=ax.transAxes,
                fontsize=7.5, color=TEXTE)
    else:
        sm = plt.cm.ScalarMappable(cmap=cmap, norm=Normalize(vmin=-0.15 * vmax / 0.85, vmax=vmax))
        barre = fig.colorbar(sm, ax=ax, fraction=0.03, pad=0.01, format=_fmt_axe())
        barre.ax.set_ylim(0, vmax)
        barre.ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
        barre.set_label("Emplois créés (zone entière)")
        barre.outline.set_visible(False)
    return fig, _etiqueter(fig, ax, pack, dedans, dep)


def _candidats(poly, n: int = 14) -> list:
    """Points inside a polygon where a label may go, the most interior first."""
    from shapely import Point
    from shapely.ops import polylabel

    points = [polylabel(poly, tolerance=max(poly.bounds[2] - poly.bounds[0], 1e-9) / 200),
              poly.representative_point()]
    x0, y0, x1, y1 = poly.bounds
    grille = [Point(x0 + (x1 - x0) * (i + 0.5) / n, y0 + (y1 - y0) * (j + 0.5) / n)
              for i in range(n) for j in range(n)]
    dedans = sorted((pt for pt in grille if poly.contains(pt)), key=lambda pt: -poly.exterior.distance(pt))
    return points + dedans


def _etiqueter(fig, ax, pack, dedans, dep):
    """Label each zone (name and jobs) where the label overlaps no other one, measured with the renderer.

    Zones are taken largest first; each label tries the most interior points of the zone's part in the
    département. A zone whose label fits nowhere gets a number instead, named in a key under the map;
    slivers (< 3 % of the département) are left unlabelled, as the workbook's zones sheet has them all.
    """
    with warnings.catch_warnings():     # overseas maps stay in degrees: areas only compared
        warnings.simplefilter("ignore", UserWarning)
        seuil = 0.03 * float(dep.geometry.area.sum())
    zones = []
    for _, z in dedans.iterrows():
        grand = max(getattr(z.geometry, "geoms", [z.geometry]), key=lambda g: g.area)
        if grand.area >= seuil:
            zones.append((grand.area, z["code"], z["valeur"], grand))
    if not zones:
        return []
    fig.canvas.draw()                   # fixes the axes' box (equal aspect, colour bar) before measuring
    rendu = fig.canvas.get_renderer()
    cadre = ax.get_window_extent(rendu)
    prises: list = []
    etiquettes: list = []
    style = dict(ha="center", va="center", color=TEXTE, fontweight="bold",
                 path_effects=[patheffects.withStroke(linewidth=2.2, foreground="white")])

    def poser(texte: str, poly, taille: float):
        for pt in _candidats(poly):
            t = ax.text(pt.x, pt.y, texte, fontsize=taille, **style)
            b = t.get_window_extent(rendu).expanded(1.10, 1.20)
            if (cadre.contains(b.x0, b.y0) and cadre.contains(b.x1, b.y1)
                    and not any(b.overlaps(o) for o in prises)):
                prises.append(b)
                etiquettes.append((texte, b))
                return True
            t.remove()
        return False

    renvois = []
    for _aire, code, valeur, poly in sorted(zones, key=lambda z: -z[0]):
        nom = _libelle_zone(pack, code)
        if any(poser(f"{nom}\n{_nb(valeur)}", poly, taille) for taille in (6.5, 5.6)):
            continue
        numero = len(renvois) + 1
        if poser(str(numero), poly, 7):
            renvois.append(f"{numero} {nom} : {_nb(valeur)}")
    if renvois:
        ax.text(0.0, -0.01, "   ".join(renvois), transform=ax.transAxes, ha="left", va="top", fontsize=6.5,
                color=TEXTE, wrap=True)
    return etiquettes


def _libelle_zone(pack, code_ze: str) -> str:
    libelles = dict(zip(pack.zones["code_ze"], pack.zones["libelle"]))
    return str(libelles.get(code_ze, code_ze))


def _sans_aide(fig, ax) -> bytes:
    """An empty chart that says so in a sentence (no aid in the period)."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, "Aucune aide enregistrée sur la période", ha="center", va="center",
            transform=ax.transAxes, color=TEXTE)
    return _png(fig)


def graphique_serie(pack, largeur_cm: float = 17.0, hauteur_cm: float = 6.0) -> bytes:
    """Jobs created per year (bars, by year of the aid decision) and their running total (line)."""
    serie = pack.serie
    fig, ax = plt.subplots(figsize=(largeur_cm / 2.54, hauteur_cm / 2.54))
    if serie.height == 0:
        return _sans_aide(fig, ax)
    annees = [int(a) for a in serie["annee"]]
    emplois = [_chiffre(r, "emplois_crees") for r in serie.iter_rows(named=True)]
    barres = ax.bar(annees, [0 if v != v else v for v in emplois], color=BLEU, width=0.65,
                    label="Emplois créés dans l'année")
    ax.yaxis.set_major_formatter(_fmt_axe())
    ax.set_ylabel(indicateur("emplois_crees").libelle)
    ax.set_ylim(0, max([v for v in emplois if v == v] + [1]) * 1.18)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=12))
    ax.spines[["top"]].set_visible(False)
    if "emplois_crees_cumul" in serie.columns:
        cumul = [float(v or 0) for v in serie["emplois_crees_cumul"]]
    else:
        cumul, total = [], 0.0
        for v in emplois:   # a masked year stops the running total (it would reveal the year)
            total += v
            cumul.append(total)
    ax2 = ax.twinx()
    ax2.plot(annees, cumul, color=ROUGE, marker="o", markersize=3, linewidth=1.6, label="Cumul")
    ax2.yaxis.set_major_formatter(_fmt_axe())
    ax2.set_ylim(0, max([v for v in cumul if v == v] + [1]) * 1.15)
    ax2.set_ylabel("Cumul")
    ax2.spines[["top"]].set_visible(False)
    for a, v in zip(annees, emplois):   # drawn on the line's axes, haloed, so the line never hides them
        ax2.annotate(_nb(v), (a, 0 if v != v else v), xycoords=ax.transData, xytext=(0, 1.5),
                     textcoords="offset points", ha="center", va="bottom", fontsize=6.5, color=TEXTE,
                     path_effects=[patheffects.withStroke(linewidth=2, foreground="white")], zorder=5)
    poignees = [barres, ax2.get_lines()[0]]
    barre = ("Emplois créés (année de décision de l'aide)" if pack.scope == "departement"
             else "Emplois constatés dans l'année (date du suivi)")
    ax.legend(poignees, [barre, "Cumul depuis la première année"],
              loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, fontsize=7)
    fig.tight_layout()
    return _png(fig)


def graphique_instruments(pack, largeur_cm: float = 17.0, hauteur_cm: float = 5.5) -> bytes:
    """Revitalisation euros by instrument (horizontal bars), labelled with euros and jobs."""
    inst = pack.instruments
    fig, ax = plt.subplots(figsize=(largeur_cm / 2.54, hauteur_cm / 2.54))
    if inst.height == 0:
        return _sans_aide(fig, ax)
    rows = list(inst.iter_rows(named=True))[::-1]
    noms = [r.get("libelle") or formats.libelle(r["modalite"], formats.LIBELLES_TYPE_AIDE) for r in rows]
    montants = [_chiffre(r, "montant_revitalisation") for r in rows]
    barres = ax.barh(noms, [0 if m != m else m for m in montants], color=BLEU_CLAIR, edgecolor=BLEU, height=0.6)
    ax.bar_label(barres, labels=[formats.SECRET if m != m else
                                 f"{formats.euros_compacts(m)} · {formats.nombre(r['emplois_crees'])} emplois"
                                 for m, r in zip(montants, rows)], fontsize=6.5, padding=3, color=TEXTE)
    ax.set_xlim(0, max([m for m in montants if m == m] + [1]) * 1.45)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: formats.euros_compacts(v)))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _png(fig)
