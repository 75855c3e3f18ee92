"""The follow-up calendar on the app side: links, the deadlines table, and the iCalendar export.

Shared by the Échéances page and the Territoire / COPIL block (`bloc_departement`), so both show
the same columns.
`ics_bytes` writes the upcoming deadlines as an RFC 5545 calendar that Outlook and Thunderbird
import: one all-day VEVENT per deadline (DTSTART;VALUE=DATE, DTEND the next day), a stable UID
(the same deadline exported twice updates the event instead of duplicating it), DTSTAMP in UTC,
the French sentence as DESCRIPTION. `evenements` reads a calendar back (tests, checks).
No SQL and no rule here: the deadlines come from observatoire.queries.echeances.
"""
from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st
from icalendar import Calendar, Event

from observatoire import formats, layout, queries, tableaux

DOMAINE_UID = "observatoire-revitalisation.travail.gouv.fr"
PRODID = "-//Observatoire de la revitalisation des bassins d'emploi//Échéances//FR"

COLONNES = ["en_retard", "date_echeance", "libelle_type", "libelle", "departement", "lien"]
CONFIG = {
    "en_retard": tableaux.colonne("En retard", "booleen"),
    "date_echeance": tableaux.colonne("Échéance", "date"),
    "libelle_type": tableaux.colonne("Type"),
    "libelle": tableaux.colonne("Ce qui est attendu", width="large"),
    "departement": tableaux.colonne("Département"),
    "lien": tableaux.colonne("Ouvrir", "lien", "La convention, ou la restructuration sans convention",
                           display_text=r"=(.*)$"),
    "raison_sociale": tableaux.colonne("Entreprise"),
    "jours": tableaux.colonne("Jours restants", "entier", "Négatif : jours de retard"),
}


def avec_liens(echeances: pl.DataFrame) -> pl.DataFrame:
    """Add `lien`: the convention's page, or the restructuring on the Échéances page."""
    return echeances.with_columns(
        pl.when(pl.col("id_convention").is_not_null())
        .then(pl.lit("/conventions?convention=") + pl.col("id_convention"))
        .otherwise(pl.lit("/echeances?restructuration=") + pl.col("id_restructuration"))
        .alias("lien"))


def tableau(echeances: pl.DataFrame, nom_export: str, cle: str, hauteur: int | str = "auto") -> None:
    """The deadlines table (late first, as the query sorts) with its CSV and XLSX downloads."""
    tableaux.tableau(avec_liens(echeances), COLONNES + ["raison_sociale", "jours"], nom_export, CONFIG,
                   hauteur=hauteur, cle=cle)


def bloc_departement(version: str, code: str, jour: dt.date | None = None) -> None:
    """Territoire / COPIL: the département's late deadlines and those due within the horizon of
    ref_regle (horizon_fin_convention_mois), with a link to the Échéances page."""
    jour = jour or dt.date.today()
    horizon = int(queries.regles(version)["horizon_fin_convention_mois"])
    liste = queries.echeances(version, jour, code, None, None, horizon)
    retard = int(liste["en_retard"].sum())
    st.caption(f"Au {formats.date_fr(jour)} : {formats.nombre(retard)} échéance(s) en retard et "
               f"{formats.nombre(liste.height - retard)} dans les {horizon} prochains mois.")
    st.page_link("ecrans/echeances.py", label="Toutes les échéances du département", icon=":material/event:",
                 query_params={"departement": code})
    if liste.is_empty():
        layout.vide("Aucune échéance en retard ni prochaine dans ce département.")
    else:
        tableau(liste, f"echeances_{code}", "t_echeances", hauteur=320)


def _uid(ligne: dict) -> str:
    quoi = ligne.get("id_convention") or ligne.get("id_restructuration")
    return f"{ligne['type_echeance'].lower()}.{quoi}@{DOMAINE_UID}"


def ics_bytes(echeances: pl.DataFrame, horodatage: dt.datetime | None = None,
              nom: str = "Échéances de la revitalisation") -> bytes:
    """The rows of `echeances` (typically the upcoming ones) as an iCalendar file."""
    horodatage = horodatage or dt.datetime.now(dt.UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", nom)
    for ligne in echeances.iter_rows(named=True):
        jour = ligne["date_echeance"]
        ev = Event()
        ev.add("uid", _uid(ligne))
        ev.add("dtstamp", horodatage)
        ev.add("dtstart", jour)
        ev.add("dtend", jour + dt.timedelta(days=1))
        quoi = ligne.get("id_convention") or ligne.get("id_restructuration")
        ev.add("summary", f"{ligne['libelle_type']} : {ligne.get('raison_sociale') or quoi} ({quoi})")
        ev.add("description", ligne["libelle"])
        ev.add("categories", [ligne["libelle_type"]])
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal.to_ical()


def evenements(ics: bytes) -> list[dict]:
    """The VEVENTs of a calendar as dicts: uid, date (all-day start), fin, summary, description."""
    cal = Calendar.from_ical(ics)
    return [{"uid": str(ev["uid"]), "date": ev.decoded("dtstart"), "fin": ev.decoded("dtend"),
             "summary": str(ev["summary"]), "description": str(ev["description"]),
             "dtstamp": ev.decoded("dtstamp")} for ev in cal.walk("VEVENT")]
