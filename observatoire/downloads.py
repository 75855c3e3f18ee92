"""Download buttons for any table: CSV for French Excel (`;`, UTF-8 with BOM) and XLSX.

`boutons(df, "conventions_13")` puts the two buttons under a table. The bytes are built by
the pure functions `csv_bytes` / `xlsx_bytes` (reusable by exports) when a button is clicked, not
on every run of the page. CSV uses
a decimal comma so that a double-click in French Excel gives numbers, not text.

Formula injection (OWASP "CSV Injection"): a text cell starting with `=`, `+`, `-`, `@`, a tab
or a carriage return would be run as a formula by Excel (`=HYPERLINK("http://…")` in a company
name). Every text cell of every CSV and XLSX export gets a leading `'` in that case, so it shows
as text; numeric columns (negative numbers included) are never touched and stay numbers. A
download of firm-level rows is written to the journal (who, what, how many rows).
"""
from __future__ import annotations

import io
import re
import unicodedata

import polars as pl
import streamlit as st

MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def nom_fichier(nom: str) -> str:
    """A safe file stem: "Conventions – Bouches-du-Rhône" → "conventions_bouches-du-rhone"."""
    sans_accents = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]+", "_", sans_accents.lower()).strip("_") or "export"


DEBUTS_DANGEREUX = ("=", "+", "-", "@", "\t", "\r")
# Columns (before French renaming) whose presence makes a table firm-level, for the journal.
COLONNES_ENTREPRISE = frozenset({"raison_sociale", "nom_beneficiaire", "siren", "siren_beneficiaire",
                                 "id_convention", "id_aide", "donnees_brutes", "valeur"})


def neutraliser(df: pl.DataFrame) -> pl.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""
    textes = [c for c, t in df.schema.items() if t in (pl.String, pl.Categorical, pl.Enum)]
    if not textes:
        return df
    motif = "^[" + "".join("\\" + d if d in "-^\\]" else d for d in DEBUTS_DANGEREUX) + "]"
    return df.with_columns([
        pl.when(pl.col(c).cast(pl.String).str.contains(motif)).then(pl.lit("'") + pl.col(c).cast(pl.String))
        .otherwise(pl.col(c).cast(pl.String)).alias(c) for c in textes])


def _pour_export(df: pl.DataFrame) -> pl.DataFrame:
    """Nested or object columns become text, then dangerous text cells are neutralised; numbers,
    dates and booleans keep their type."""
    casts = [pl.col(c).cast(pl.String) for c, t in df.schema.items()
             if t.is_nested() or t == pl.Object]
    return neutraliser(df.with_columns(casts) if casts else df)


def csv_bytes(df: pl.DataFrame) -> bytes:
    """`;`-separated, decimal comma, UTF-8 with BOM, dates as ISO (Excel reads them)."""
    texte = _pour_export(df).write_csv(separator=";", decimal_comma=True)
    return ("\ufeff" + texte).encode("utf-8")


def xlsx_bytes(df: pl.DataFrame, feuille: str = "donnees") -> bytes:
    """One-sheet workbook with a header row, column widths fitted by xlsxwriter."""
    tampon = io.BytesIO()
    _pour_export(df).write_excel(tampon, worksheet=feuille[:31], autofit=True)
    return tampon.getvalue()


def _journalise(fabrique, fichier: str, lignes: int):
    """`fabrique` (the file's bytes) that first writes the download to the journal, under the
    périmètre of the page's run that drew the button. Streamlit builds a deferred file when the
    person clicks, in a thread outside any page run; a file built during a page run (a test
    harness running every button's callable) is nobody's download and is not written."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    from core import journal
    from observatoire.acces import perimetre_courant

    perimetre = perimetre_courant()

    def contenu() -> bytes:
        if get_script_run_ctx(suppress_warning=True) is None:
            journal.noter("telechargement", perimetre, f"{fichier} ({lignes} lignes)")
        return fabrique()
    return contenu


def boutons(df: pl.DataFrame, nom: str, cle: str | None = None, entreprise: bool = False) -> None:
    """CSV and XLSX download buttons for `df`; with `entreprise` (firm-level rows) each download is
    written to the journal when its file is built. The bytes are built when the button is clicked
    (Streamlit runs the callable given as `data`, outside the page run), not on every run of the
    page: `df` is already the table shown, so nothing is read then. A click never reruns the page:
    when it did (to write the journal), the rerun drew the button again and Streamlit revoked the
    file's callable before the browser asked for it, and the file never came (2 clicks in about 16
    in a browser test)."""
    stem = nom_fichier(nom)
    cle = cle or stem
    rangee = st.container(horizontal=True)
    for libelle, contenu, ext, mime, aide in (
            ("CSV", lambda: csv_bytes(df), "csv", "text/csv", "Télécharger ce tableau en CSV (séparateur ;)"),
            ("Excel", lambda: xlsx_bytes(df), "xlsx", MIME_XLSX, "Télécharger ce tableau au format Excel (.xlsx)")):
        if entreprise:
            contenu = _journalise(contenu, f"{stem}.{ext}", df.height)
        rangee.download_button(libelle, contenu, f"{stem}.{ext}", mime, key=f"{ext}_{cle}", on_click="ignore",
                               icon=":material/download:", help=aide)
