"""What every page looks like around its content: header, notices, metrics, charts, safe rendering.

A page starts with `version = layout.page("Titre", "sous-titre")`: the warehouse's data version
(or a friendly French message and a stop when there is no warehouse), a header, and the notice
that the figures come from the bundled synthetic sample whenever the warehouse holds it
(detected from ingestion_log.source). `layout.protege()` wraps a page body so that an
unexpected error shows a French sentence, never a traceback. Tables (French headers and formats,
registry columns, downloads) are observatoire/tableaux.py.
"""
from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import streamlit as st

from core import entrepot as db
from core import indicateurs
from core.config import SAMPLE_DIR
from observatoire import formats, masques, queries
from observatoire.texte import avis_perimetre, inerte, texte_brut, titre_brut  # noqa: F401 (pages: layout.*)

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
    """The warehouse's data version; without a warehouse, a French message and st.stop(). A
    version seen for the first time also starts, where some viewers see masked figures, the
    public level's unfiltered tables in the background (observatoire.masques.prechauffer)."""
    try:
        version = db.data_version()
    except db.EntrepotIntrouvable:
        st.warning(MESSAGE_SANS_ENTREPOT, icon=":material/database:")
        st.stop()
    except Exception:
        log.exception("data version")
        st.error("L'entrepôt de données est illisible pour le moment. Réessayez dans un instant.")
        st.stop()
    masques.prechauffer(version)   # the public tables of a new version, in the background
    return version


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


def regles() -> dict[str, str]:
    """The warehouse's legal rules ({cle: valeur}), to fill the registry's `{cle}` placeholders."""
    return queries.regles(queries.version_actuelle())


def libelle_indicateur(code: str) -> str:
    """An indicator's label for metrics, charts and selectors (rules filled in)."""
    ind = indicateurs.indicateur(code)
    return indicateurs.texte(ind.libelle, regles() if "{" in ind.libelle else {})


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
