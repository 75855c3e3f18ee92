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
from pathlib import Path

import streamlit as st

from observatoire import db, queries
from observatoire.config import SAMPLE_DIR

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
    except db.WarehouseMissing:
        st.warning(MESSAGE_SANS_ENTREPOT, icon=":material/database:")
        st.stop()
    except Exception:  # noqa: BLE001 - never a traceback in the app
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
    except Exception:  # noqa: BLE001
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


def graphique(fig, cle: str, **options):
    """Show a Plotly figure: every chart and map of the app goes through here, so each one gets
    French separators and fonts (charts.francais). Returns st.plotly_chart's selection event."""
    from observatoire import charts

    return st.plotly_chart(charts.francais(fig), key=cle, **options)


@contextlib.contextmanager
def protege(quoi: str = "cette page"):
    """Run a page body; an unexpected error becomes a French message (details in the server log)."""
    try:
        yield
    except db.WarehouseMissing:
        st.warning(MESSAGE_SANS_ENTREPOT, icon=":material/database:")
    except Exception:  # noqa: BLE001 - never a traceback in the app
        log.exception("erreur d'affichage de %s", quoi)
        st.error(f"Une erreur empêche d'afficher {quoi}. Les données ne sont pas modifiées ; "
                 "réessayez ou signalez-le à l'équipe de l'observatoire.", icon=":material/error:")


def _nombre(label: str, aide: str | None = None):
    return st.column_config.NumberColumn(label, format="localized", step=1, help=aide)


def _euros(label: str, aide: str | None = None):
    return st.column_config.NumberColumn(label, format="euro", step=1, help=aide)


def _taux(label: str, aide: str | None = None):
    return st.column_config.NumberColumn(label, format="percent", help=aide)


# French header and display format of every indicator column the views expose.
COLONNES = {
    "libelle": st.column_config.TextColumn("Territoire"),
    "code_region": st.column_config.TextColumn("Code région"),
    "code_departement": st.column_config.TextColumn("Département"),
    "code_ze": st.column_config.TextColumn("Zone d'emploi"),
    "modalite": st.column_config.TextColumn("Catégorie"),
    "emplois_supprimes": _nombre("Emplois supprimés"),
    "emplois_prevus": _nombre("Emplois prévus"),
    "emplois_crees": _nombre("Emplois créés"),
    "montant_revitalisation": _euros("Revitalisation (€)"),
    "cofinancement_public": _euros("Cofinancement public (€)"),
    "cofinancement_prive": _euros("Cofinancement privé (€)"),
    "cofinancements": _euros("Cofinancements (€)"),
    "nb_beneficiaires": _nombre("Entreprises aidées", "SIREN distincts"),
    "nb_aides": _nombre("Aides"),
    "nb_conventions": _nombre("Conventions"),
    "montant_engage": _euros("Montant engagé (€)"),
    "effet_levier": st.column_config.NumberColumn(
        "Effet de levier", format="localized", step=0.1, help="(revitalisation + cofinancements) / revitalisation"),
    "euros_par_emploi": _euros("€ par emploi créé"),
    "taux_recreation": _taux("Taux de recréation", "emplois créés / emplois supprimés"),
    "taux_realisation": _taux("Taux de réalisation", "emplois créés / emplois prévus"),
    "annee": st.column_config.NumberColumn("Année", format="%d"),
}


def libelle_colonne(nom: str) -> str:
    config = COLONNES.get(nom)
    return (config.get("label") if isinstance(config, dict) else None) or nom


def tableau(df, colonnes: list[str], nom_export: str, config: dict | None = None,
            hauteur: int | str = "auto", cle: str | None = None) -> None:
    """A table of `colonnes` (French headers and formats), then its CSV and XLSX downloads.

    The downloads carry the same columns under the same French headers.
    """
    from observatoire import downloads  # local: downloads imports streamlit widgets

    presentes = [c for c in colonnes if c in df.columns]
    vue = df.select(presentes)
    reglages = {c: COLONNES[c] for c in presentes if c in COLONNES}
    reglages.update(config or {})
    st.dataframe(vue, column_config=reglages, hide_index=True, height=hauteur, width="stretch")
    entetes = {c: (reglages[c].get("label") if c in reglages else None) or c for c in presentes}
    downloads.boutons(vue.rename(entetes), nom_export, cle)
