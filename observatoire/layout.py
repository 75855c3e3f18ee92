"""What every page looks like around its content: header, notices, metrics, safe rendering.

A page starts with `version = layout.page("Titre", "sous-titre")`: the warehouse's data version
(or a friendly French message and a stop when there is no warehouse), a header, and the notice
that the figures come from the bundled synthetic sample whenever the warehouse holds it
(detected from ingestion_log.source). `layout.protege()` wraps a page body so that an
unexpected error shows a French sentence, never a traceback.
"""
from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from core import entrepot as db
from core import indicateurs
from core.config import SAMPLE_DIR
from observatoire import formats, masques, queries

log = logging.getLogger(__name__)

AVIS_ECHANTILLON = (
    "**Données d'exemple synthétiques.** Les chiffres affichés proviennent du lot d'exemple "
    "livré avec l'observatoire : des conventions fictives, ancrées sur des cas documentés "
    "(voir la page Méthodologie). Ils ne décrivent aucune entreprise ni aucun territoire réels."
)
MESSAGE_SANS_ENTREPOT = (
    "L'entrepôt de données n'est pas encore construit. Lancez `python -m pipelines.build` "
    "(ou `scripts/run.sh`), puis rechargez la page."
)


def est_echantillon(source: str | None) -> bool:
    """True when an ingestion_log.source names the bundled sample folder (data/sample)."""
    if not source:
        return False
    chemin = Path(str(source))
    if chemin.name == SAMPLE_DIR.name and (not chemin.parent.name or chemin.parent.name == SAMPLE_DIR.parent.name):
        return True
    try:
        return chemin.resolve() == SAMPLE_DIR.resolve()
    except OSError:
        return False


def version_donnees() -> str:
    """The warehouse's data version; without a warehouse, a French message and st.stop()."""
    try:
        return db.data_version()
    except db.EntrepotIntrouvable:
        st.warning(MESSAGE_SANS_ENTREPOT, icon=":material/database:")
        st.stop()
    except Exception:
        log.exception("data version")
        st.error("L'entrepôt de données est illisible pour le moment. Réessayez dans un instant.")
        st.stop()


def version_si_disponible() -> str | None:
    """The data version, or None when there is no readable warehouse (no message shown)."""
    try:
        return db.data_version()
    except Exception:  # noqa: BLE001
        return None


def avis_echantillon(version: str) -> None:
    """Show the synthetic-sample notice when any loaded batch came from data/sample."""
    try:
        sources = queries.historique_chargements(version)["source"].to_list()
    except Exception:
        log.exception("ingestion_log")
        return
    if any(est_echantillon(s) for s in sources):
        st.info(AVIS_ECHANTILLON, icon=":material/science:")


def page(titre: str, sous_titre: str | None = None) -> str:
    """Header + sample notice; returns the data version every query of the page takes."""
    version = version_donnees()
    st.title(titre)
    if sous_titre:
        st.caption(sous_titre)
    avis_echantillon(version)
    return version


def vide(phrase: str) -> None:
    """An empty result said in a sentence (instead of an empty chart or table)."""
    st.info(phrase, icon=":material/info:")


def metriques(items: list[tuple[str, str] | tuple[str, str, str | None]], par_ligne: int = 4) -> None:
    """Big, clear figures in rows of `par_ligne`: (label, formatted value[, help])."""
    for debut in range(0, len(items), par_ligne):
        colonnes = st.columns(par_ligne)
        for col, item in zip(colonnes, items[debut:debut + par_ligne]):
            label, valeur, *aide = item
            col.metric(label, valeur, help=aide[0] if aide else None, border=True)


def metriques_indicateurs(ligne: dict, codes: list[str], par_ligne: int = 4, court: bool = False,
                          valeurs: dict | None = None) -> None:
    """Metrics of registry indicators: label, format and help from core.indicateurs, value from
    `ligne` (or `valeurs`, for a figure computed elsewhere, e.g. a count of listed rows)."""
    items = []
    for code in codes:
        ind = indicateurs.indicateur(code)
        r = regles() if "{" in (ind.libelle + (ind.aide or "")) else {}
        valeur = (valeurs or {}).get(code, ligne.get(code))
        libelle = indicateurs.texte(ind.titre_tableau if court else ind.libelle, r)
        if masques.masque(ligne, code) and code not in (valeurs or {}):
            items.append((libelle, masques.SYMBOLE, masques.infobulle()))   # secret statistique
            continue
        items.append((libelle, formats.valeur_indicateur(code, valeur), indicateurs.texte(ind.aide, r)))
    metriques(items, par_ligne)


# Plotly's mode bar: only what helps (download, full screen, and zoom on maps), so that a
# keyboard user tabs through 2 or 3 buttons per chart instead of 8.
_BOUTONS_RETIRES = ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d",
                    "resetScale2d"]


def graphique(fig, cle: str, **options):
    """Show a Plotly figure: every chart and map of the app goes through here, so each one gets
    French separators and fonts (charts.francais) and, written under it, its French text summary
    (charts.resume; user text such as operator names is escaped, never markup). Returns
    st.plotly_chart's selection event."""
    import html

    from observatoire import charts

    config = {"displaylogo": False, "modeBarButtonsToRemove": _BOUTONS_RETIRES, **options.pop("config", {})}
    evenement = st.plotly_chart(charts.francais(fig), key=cle, config=config, **options)
    texte = charts.resume(fig) or "Graphique sans résumé textuel : ses valeurs sont dans le tableau voisin."
    st.html(f'<p class="resume-graphique" style="color:{charts.TEXTE_SECONDAIRE};font-size:0.875rem;'
            f'margin:0">En bref : {html.escape(texte)}</p>')
    return evenement


@contextlib.contextmanager
def protege(quoi: str = "cette page"):
    """Run a page body; an unexpected error becomes a French message (details in the server log)."""
    try:
        yield
    except db.EntrepotIntrouvable:
        st.warning(MESSAGE_SANS_ENTREPOT, icon=":material/database:")
    except Exception:
        log.exception("erreur d'affichage de %s", quoi)
        st.error(f"Une erreur empêche d'afficher {quoi}. Les données ne sont pas modifiées ; "
                 "réessayez ou signalez-le à l'équipe de l'observatoire.", icon=":material/error:")


# --- Tables ---------------------------------------------------------------------------------
# French number formats whatever the browser's language, and numeric sorting: Streamlit's named
# formats ("localized", "euro", "percent") follow the browser's locale (an English browser shows
# "1,234.5" and "€1,234.00"), so they are not used. Whole numbers, euros and rates use a printf
# format, formatted by the browser but with a narrow no-break space as thousands separator
# ("%'\u202f,.0f" → "1 234"; Streamlit's sprintf takes the padding character after ' as the
# separator); rates are shown ×100 with no decimal ("47 %"), as everywhere in the app. printf
# cannot write a decimal comma, so columns with decimals (leverage "×2,9") go through a pandas
# Styler whose display strings come from observatoire.formats while the cells keep their numbers
# (sorting stays numeric); Styler costs about 0,4 s per 45 000 cells, so above MAX_CELLULES_STYLE
# such columns fall back to "localized" (French in a French browser). Downloads keep raw values.
MAX_CELLULES_STYLE = 20_000
_GROUPE = "%'\u202f,.0f"
_PRINTF = {"entier": _GROUPE, "euros": _GROUPE + "\u00a0€", "taux": "%.0f\u00a0%%", "annee": "%d",
           "progression": "%.0f\u00a0%%"}
_STYLE = {"decimal": lambda x: formats.nombre(x, 1), "multiple": formats.multiple}


@dataclass
class Colonne:
    """A column's French header, kind (texte, entier, decimal, multiple, euros, taux, progression,
    annee, date, datetime, booleen), help and extra st.column_config options (pinned, width)."""
    libelle: str
    genre: str = "texte"
    aide: str | None = None
    options: dict = field(default_factory=dict)


def colonne(libelle: str, genre: str = "texte", aide: str | None = None, **options) -> Colonne:
    return Colonne(libelle, genre, aide, options)


def _reglage(c: Colonne, style: bool):
    cc, o = st.column_config, {"help": c.aide, **c.options}
    if c.genre in _PRINTF and c.genre != "progression":
        return cc.NumberColumn(c.libelle, format=_PRINTF[c.genre], **o)
    if c.genre in _STYLE:
        return cc.NumberColumn(c.libelle, format=None if style else "localized", **o)
    if c.genre == "progression":
        return cc.ProgressColumn(c.libelle, format=_PRINTF["progression"], min_value=0, max_value=100, **o)
    if c.genre in ("date", "datetime"):
        kind = cc.DateColumn if c.genre == "date" else cc.DatetimeColumn
        return kind(c.libelle, format="DD/MM/YYYY" if c.genre == "date" else "DD/MM/YYYY HH:mm", **o)
    if c.genre == "booleen":
        return cc.CheckboxColumn(c.libelle, **o)
    return cc.TextColumn(c.libelle, **o)


def grille(df, colonnes: dict[str, Colonne], **options):
    """st.dataframe of a Polars frame with French headers and formats (see above); returns its event."""
    import polars as pl

    regles = {c: colonnes.get(c, Colonne(c)) for c in df.columns}
    taux = [c for c, r in regles.items() if r.genre in ("taux", "progression")]
    vue = df.with_columns([(pl.col(c).cast(pl.Float64) * 100) for c in taux]) if taux else df
    a_styler = {c: r for c, r in regles.items() if r.genre in _STYLE}
    style = bool(a_styler) and df.width * df.height <= MAX_CELLULES_STYLE
    donnees = vue
    if style:
        donnees = vue.to_pandas().style.format(
            {c: _STYLE[r.genre] for c, r in a_styler.items()}, na_rep=formats.MANQUANT)
    config = {c: _reglage(r, style) for c, r in regles.items()}
    return st.dataframe(donnees, column_config=config, hide_index=True, placeholder=formats.MANQUANT, **options)


# Descriptive columns of the KPI tables (indicators come from the registry, core.indicateurs).
DESCRIPTIFS = {
    "libelle": colonne("Territoire"), "code_region": colonne("Code région"),
    "code_departement": colonne("Département"), "code_ze": colonne("Zone d'emploi"),
    "modalite": colonne("Catégorie"), "secret": colonne("Secret"),
}


def avec_secret(df, colonnes: list[str]):
    """(frame, columns) with a « Secret » column showing « s » after the first column when some
    rows are under statistical secrecy (their masked figures are empty); unchanged otherwise."""
    import polars as pl

    if "secret" not in df.columns or df["secret"].is_null().all() or "secret" in colonnes:
        return df, colonnes
    df = df.with_columns(pl.when(pl.col("secret").is_not_null()).then(pl.lit(masques.SYMBOLE)).alias("secret"))
    return df, [*colonnes[:1], "secret", *colonnes[1:]]


def colonne_secret() -> Colonne:
    return colonne("Secret", "texte", masques.infobulle())


def legende_secret(df) -> None:
    """The sentence under a table with masked rows."""
    if "secret" in df.columns and df["secret"].is_not_null().any():
        st.caption(masques.infobulle())
_GENRE_COLONNE = {"entier": "entier", "decimal": "decimal", "euros": "euros", "taux": "taux",
                  "multiple": "multiple", "annee": "annee", "date": "date", "booleen": "booleen", "texte": "texte"}


def regles() -> dict[str, str]:
    """The warehouse's legal rules ({cle: valeur}), to fill the registry's `{cle}` placeholders."""
    return queries.regles(queries.version_actuelle())


def colonne_indicateur(code: str, entete: str | None = None, genre: str | None = None,
                       aide: str | None = None, **options) -> Colonne:
    """The table column of an indicator of the registry: header, kind and help defined once."""
    ind = indicateurs.indicateur(code)
    r = regles() if "{" in (ind.titre_tableau + (ind.aide or "")) else {}
    return Colonne(entete or indicateurs.texte(ind.titre_tableau, r), genre or _GENRE_COLONNE[ind.genre],
                   aide or indicateurs.texte(ind.aide, r), options)


def colonne_de(nom: str) -> Colonne | None:
    """The registry's column for `nom` (an indicator, or a descriptive column); None if unknown."""
    if nom in indicateurs.INDICATEURS:
        return colonne_indicateur(nom)
    return DESCRIPTIFS.get(nom)


def libelle_indicateur(code: str) -> str:
    """An indicator's label for metrics, charts and selectors (rules filled in)."""
    ind = indicateurs.indicateur(code)
    return indicateurs.texte(ind.libelle, regles() if "{" in ind.libelle else {})


def libelle_colonne(nom: str) -> str:
    c = colonne_de(nom)
    return c.libelle if c else nom


def tableau(df, colonnes: list[str], nom_export: str, config: dict[str, Colonne] | None = None,
            hauteur: int | str = "auto", cle: str | None = None) -> None:
    """A table of `colonnes` (French headers and formats), then its CSV and XLSX downloads.

    The downloads carry the same columns (raw values) under the same French headers.
    """
    from observatoire import downloads  # local: downloads imports streamlit widgets

    df, colonnes = avec_secret(df, colonnes)
    presentes = [c for c in colonnes if c in df.columns]
    vue = df.select(presentes)
    reglages = {c: colonne_de(c) for c in presentes if colonne_de(c)}
    if "secret" in presentes:
        reglages["secret"] = colonne_secret()
    reglages.update(config or {})
    grille(vue, reglages, height=hauteur, width="stretch")
    legende_secret(vue)
    downloads.boutons(vue.rename({c: reglages[c].libelle if c in reglages else c for c in presentes}),
                      nom_export, cle)
