"""Charts as pure functions: a Polars frame in, a Plotly figure out, in French.

No Streamlit and no queries here, so the PDF export can reuse the figures. Every figure the
app shows goes through `francais()` (pages call `layout.graphique`, which applies it before
`st.plotly_chart`; a test fails if a page calls st.plotly_chart itself): decimal comma and a
no-break space between thousands (`separators`), the same font everywhere. Hover labels
carry values pre-formatted by observatoire.formats (12 500 €, 60 %), which is more reliable
than d3 formats for French spacing. Year axes are numeric with one label every 1, 2, 5 or 10
years so that labels never overlap (`axe_annees`). Callers check for empty frames first and
say so in a sentence.

Accessibility: every figure carries a French text summary of what it shows, computed from its
data (`resume_annuel`, `resume_barres`; stored in the figure's `layout.meta`, read back by
`resume`), which layout.graphique writes under the chart; colours are the palettes of DSFR
Chart, the State design system's charts (see PALETTE below), and each bar's value label is
written in the text colour that reads best on its bar (`couleur_texte`).
"""
from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl

from core.indicateurs import indicateur
from observatoire import formats
from observatoire.couleurs import (  # noqa: F401 - re-exported: charts.BLEU etc.
    BLEU,
    BLEU_FONCE,
    CATEGORIELLE,
    DEFAUT,
    DIVERGENTE,
    FOND,
    GRIS,
    NEUTRE,
    POLICE,
    SEQUENTIELLE,
    TEXTE,
    TEXTE_SECONDAIRE,
    VIOLET,
    contraste,
    couleur_texte,
    luminance,
)


def decrire(fig: go.Figure, texte: str) -> go.Figure:  # attach the French text summary
    fig.update_layout(meta={"resume": texte})
    return fig


def resume(fig: go.Figure) -> str | None:  # the figure's text summary, if it has one
    meta = fig.layout.meta
    return meta.get("resume") if isinstance(meta, dict) else None


def resume_annuel(nom: str, annees: list[int], valeurs: list, formateur: Formateur = formats.nombre,
                  cumul: bool = False) -> str:
    """"Emplois créés par année, de 2002 à 2025 : maximum 1 234 en 2019, total 9 876" (for a
    running total: "… : 1 234 fin 2025"); years without a value are left out."""
    points = [(a, float(v)) for a, v in zip(annees, valeurs) if v is not None and v == v]
    if not points:
        return f"{nom} : aucune valeur."
    periode = f"de {min(a for a, _ in points)} à {max(a for a, _ in points)}"
    if cumul:
        derniere, valeur = max(points)
        return f"{nom}, {periode} : {formateur(valeur)} fin {derniere}"
    annee_max, v_max = max(points, key=lambda p: (p[1], -p[0]))
    total = sum(v for _, v in points)
    return f"{nom} par année, {periode} : maximum {formateur(v_max)} en {annee_max}, total {formateur(total)}"


def resume_barres(nom: str, noms: list[str], valeurs: list[float], formateur: Formateur) -> str:
    """"Revitalisation, 13 barres : la plus grande Île-de-France (1,2 M€), la plus petite Corse (3 k€)"."""
    if not valeurs:
        return f"{nom} : aucune valeur."
    paires = list(zip(noms, valeurs))
    grand = max(paires, key=lambda p: p[1])
    petit = min(paires, key=lambda p: p[1])
    if len(paires) == 1:
        return f"{nom} : {grand[0]} ({formateur(grand[1])})"
    return (f"{nom}, {formats.nombre(len(paires))} barres : la plus grande {grand[0]} ({formateur(grand[1])}), "
            f"la plus petite {petit[0]} ({formateur(petit[1])})")

Formateur = Callable[[object], str]


def francais(fig: go.Figure) -> go.Figure:
    """French number separators, the app's font and readable text colours on any figure (charts
    and maps); idempotent. Colours are set on the axes, legend and colour bars themselves:
    Streamlit's chart theme would otherwise draw tick labels in a grey of 3,8:1 on white."""
    fig.update_layout({"separators": formats.SEPARATEURS_PLOTLY, "font": {"family": POLICE, "color": TEXTE},
                       "hoverlabel": {"font": {"family": POLICE}}, "legend": {"font": {"color": TEXTE}},
                       "title": {"font": {"color": TEXTE}}})
    axes = {"tickfont": {"color": TEXTE_SECONDAIRE}, "title": {"font": {"color": TEXTE}}}
    fig.update_xaxes(axes).update_yaxes(axes)
    for trace in fig.data:
        if "colorbar" in trace and (trace.showscale is not False):
            trace.colorbar.tickfont.color = TEXTE
            trace.colorbar.title.font.color = TEXTE
    return fig


def modele_blanc(fig: go.Figure) -> go.Figure:
    """`plotly_white` set as Plotly sets its default template: copied as JSON, not validated again
    (`template=` costs half a chart's build; test_graphiques checks both give the same figure)."""
    fig.layout._validate = False
    fig.layout.template = pio.templates["plotly_white"]     # a registered template: cannot fail
    fig.layout._validate = True
    return fig


def mise_en_page(fig: go.Figure, titre: str | None = None, hauteur: int = 380) -> go.Figure:
    """Shared look: white template, French separators, legend under the plot, tight margins."""
    modele_blanc(fig)
    fig.update_layout(
        height=hauteur,
        title={"text": titre, "x": 0, "font": {"size": 16}} if titre else None,
        font={"size": 14},
        margin={"l": 10, "r": 10, "t": 50 if titre else 20, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
    )
    return francais(fig)


def pas_annees(nb_annees: int, max_etiquettes: int = 7) -> int:
    """Years between two axis labels: 1, 2, 5, 10 or 20, the smallest that keeps at most
    `max_etiquettes` labels (about 7 on a half-width chart, 14 on a full-width one)."""
    for pas in (1, 2, 5, 10, 20):
        if -(-nb_annees // pas) <= max_etiquettes:
            return pas
    return 50


def axe_annees(fig: go.Figure, annees: list[int], max_etiquettes: int = 7) -> go.Figure:
    """A numeric year axis: horizontal labels on multiples of `pas_annees` (2005, 2010…),
    written without a thousands separator, each year's bar centred on its label."""
    if not annees:
        return fig
    bas, haut = min(annees), max(annees)
    pas = pas_annees(haut - bas + 1, max_etiquettes)
    fig.update_xaxes(type="linear", tickmode="linear", tick0=0, dtick=pas, tickformat="d",
                     hoverformat="d", tickangle=0, range=[bas - 0.6, haut + 0.6], showgrid=False,
                     title=None)
    return fig


def _textes(valeurs: list, formateur: Formateur) -> list[str]:
    return [formateur(v) for v in valeurs]


def serie_emplois(df: pl.DataFrame, titre: str | None = "Emplois supprimés et créés par année",
                  max_etiquettes: int = 7) -> go.Figure:
    """Grouped bars by year: jobs cut, planned and created (serie_annuelle_f columns)."""
    annees = [int(a) for a in df["annee"].to_list()]
    fig = go.Figure()
    phrases = []
    for col, couleur in (("emplois_supprimes", BLEU_FONCE), ("emplois_prevus", VIOLET), ("emplois_crees", BLEU)):
        if col not in df.columns:
            continue
        nom = indicateur(col).titre_tableau   # the registry's short wording (core.indicateurs)
        valeurs = df[col].to_list()
        phrases.append(resume_annuel(nom, annees, valeurs))
        fig.add_bar(x=annees, y=valeurs, name=nom, marker_color=couleur,
                    customdata=_textes(valeurs, formats.nombre),
                    hovertemplate=f"{nom} en %{{x}} : %{{customdata}}<extra></extra>")
    fig.update_layout(barmode="group", yaxis_title="Emplois")
    fig.update_yaxes(tickformat=",.0f")
    axe_annees(fig, annees, max_etiquettes)
    decrire(fig, ". ".join(phrases) + ".")
    return mise_en_page(fig, titre)


def serie_montants(df: pl.DataFrame, titre: str | None = "Financements des aides par année",
                   max_etiquettes: int = 7) -> go.Figure:
    """Stacked bars by year: revitalisation euros and co-financing (serie_annuelle_f columns).
    The axis counts millions of euros ("150 M€") once the largest year passes a million."""
    annees = [int(a) for a in df["annee"].to_list()]
    colonnes = [c for c in ("montant_revitalisation", "cofinancement_public", "cofinancement_prive",
                            "cofinancements") if c in df.columns]
    total = df.select(pl.sum_horizontal([pl.col(c).cast(pl.Float64).fill_null(0) for c in colonnes])
                      .max()).item() if colonnes and df.height else 0
    echelle, unite = (1e6, "\u00a0M€") if (total or 0) >= 1e6 else (1.0, "\u00a0€")
    fig = go.Figure()
    phrases = []
    for col, couleur in (("montant_revitalisation", BLEU), ("cofinancement_public", BLEU_FONCE),
                         ("cofinancement_prive", VIOLET), ("cofinancements", VIOLET)):
        if col not in df.columns:
            continue
        nom = indicateur(col).titre_tableau
        valeurs = df[col].cast(pl.Float64).to_list()
        phrases.append(resume_annuel(nom, annees, valeurs, formats.euros_compacts))
        fig.add_bar(x=annees, y=[None if v is None else v / echelle for v in valeurs], name=nom,
                    marker_color=couleur, customdata=_textes(valeurs, formats.euros),
                    hovertemplate=f"{nom} en %{{x}} : %{{customdata}}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis_title=None)
    fig.update_yaxes(tickformat=",.0f", ticksuffix=unite)
    axe_annees(fig, annees, max_etiquettes)
    decrire(fig, "Barres empilées. " + ". ".join(phrases) + ".")
    return mise_en_page(fig, titre)


def texte_plotly(texte) -> str:
    """User text (an operator's name) for a Plotly label: Plotly reads a few HTML tags in labels
    (`<a href>`, `<b>`…), so `<`, `>` and `&` are written as entities and shown as typed."""
    return str(texte).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _raccourci(texte: str, longueur: int = 40) -> str:
    """A category label short enough for the axis, cut in the middle between words so that names
    sharing a long beginning stay apart ("Agence de développement … Pas-de-Calais"); the hover
    label keeps the full name."""
    texte = str(texte)
    mots = texte.split()
    if len(texte) <= longueur or len(mots) < 2 or len(mots[-1]) > (longueur - 3) // 2:
        return texte if len(texte) <= longueur else texte[:longueur - 1].rstrip() + "…"
    fin, debut = [mots[-1]], []
    for mot in mots[:-1]:  # as many first words as fit, then as many last words as still fit
        if len(" ".join([*debut, mot])) > longueur - 3 - len(fin[0]):
            break
        debut.append(mot)
    for mot in reversed(mots[len(debut):-1]):
        if len(" ".join(debut)) + 3 + len(" ".join([mot, *fin])) > longueur:
            break
        fin.insert(0, mot)
    return " ".join(debut) + " … " + " ".join(fin) if debut else texte[:longueur - 1].rstrip() + "…"


def premiers_et_autres(df: pl.DataFrame, etiquette: str, mesure: str, max_barres: int,
                       autres: str) -> pl.DataFrame:
    """The `max_barres` largest rows of `mesure` (nulls and zeros left out), largest first, then
    one row "Autres … (N)" summing the N others. Only for an additive measure (euros, jobs,
    counts), never for a ratio. `autres` is a label with a `{n}` placeholder."""
    donnees = df.select(etiquette, pl.col(mesure).cast(pl.Float64)).drop_nulls(mesure) \
        .filter(pl.col(mesure) != 0).sort(mesure, descending=True, maintain_order=True)
    if donnees.height <= max_barres:
        return donnees
    reste = donnees.slice(max_barres)
    ligne = pl.DataFrame({etiquette: [autres.format(n=formats.nombre(reste.height))],
                          mesure: [reste[mesure].sum()]},
                         schema={etiquette: donnees.schema[etiquette], mesure: pl.Float64})
    return pl.concat([donnees.head(max_barres), ligne])


def barres_horizontales(df: pl.DataFrame, etiquette: str, mesure: str, nom_mesure: str,
                        formateur: Formateur = formats.nombre, titre: str | None = None,
                        couleur: str = BLEU, max_barres: int = 25, autres: str | None = None) -> go.Figure:
    """Horizontal bars of `mesure` by `etiquette`, largest on top: at most `max_barres`, then,
    when `autres` is given (a label with `{n}`, additive measures only), a grey last bar summing
    the rest. Each bar's value is written inside it when the bar is long, just after it
    otherwise, never cut off; long labels are shortened on the axis, whole in the hover label."""
    if autres:
        donnees = premiers_et_autres(df, etiquette, mesure, max_barres, autres)
    else:
        donnees = df.select(etiquette, pl.col(mesure).cast(pl.Float64)).drop_nulls(mesure) \
            .filter(pl.col(mesure) != 0).sort(mesure, descending=True, maintain_order=True).head(max_barres)
    donnees = donnees.reverse()  # Plotly draws the first category at the bottom
    valeurs = donnees[mesure].to_list()
    bruts = [str(n) for n in donnees[etiquette].to_list()]
    noms = [texte_plotly(n) for n in bruts]
    courts = [texte_plotly(_raccourci(n)) for n in bruts]  # unless two names would shorten to the same label
    plus_grande = max((abs(v) for v in valeurs), default=0) or 1
    dedans = [abs(v) >= 0.45 * plus_grande for v in valeurs]
    couleurs = [couleur] * len(valeurs)
    if autres and len(valeurs) > max_barres:
        couleurs[0] = GRIS
    fig = go.Figure(go.Bar(
        x=valeurs, y=courts if len(set(courts)) == len(courts) else noms, orientation="h", marker_color=couleurs,
        text=_textes(valeurs, formateur), textposition=["inside" if d else "outside" for d in dedans],
        insidetextanchor="end", insidetextfont={"color": [couleur_texte(c) for c in couleurs]},
        outsidetextfont={"color": TEXTE},
        cliponaxis=False, name=nom_mesure, customdata=list(zip(noms, _textes(valeurs, formateur))),
        hovertemplate=f"%{{customdata[0]}}<br>{nom_mesure} : %{{customdata[1]}}<extra></extra>"))
    fig.update_layout(xaxis_title=nom_mesure, yaxis_title=None, showlegend=False)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)  # each bar carries its value
    fig.update_yaxes(automargin=True, type="category")
    hauteur = max(260, 28 * len(valeurs) + 90)
    decrire(fig, resume_barres(nom_mesure, bruts[::-1], valeurs[::-1], formateur) + ".")
    return mise_en_page(fig, titre, hauteur)


def barres_repartition(df: pl.DataFrame, mesure: str, nom_mesure: str, libelles: dict[str, str] | None = None,
                       formateur: Formateur = formats.nombre, titre: str | None = None,
                       max_barres: int = 25, autres: str | None = None) -> go.Figure:
    """Breakdown (repartition_f's `modalite`) as horizontal bars, labelled by its `libelle`
    column when the view provides one, else by `libelles` (code → French label); `max_barres`
    and `autres` as in barres_horizontales."""
    if "libelle" in df.columns:
        return barres_horizontales(df.with_columns(pl.col("libelle").fill_null("Non renseigné")),
                                   "libelle", mesure, nom_mesure, formateur, titre,
                                   max_barres=max_barres, autres=autres)
    libelles = libelles or {}
    code = pl.col("modalite").cast(pl.String)
    avec_libelle = df.with_columns(
        code.replace_strict(libelles, default=code, return_dtype=pl.String)
        .fill_null("Non renseigné").alias("_libelle"))
    return barres_horizontales(avec_libelle, "_libelle", mesure, nom_mesure, formateur, titre,
                               max_barres=max_barres, autres=autres)
