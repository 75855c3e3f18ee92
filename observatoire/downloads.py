"""Download buttons for any table: CSV for French Excel (`;`, UTF-8 with BOM) and XLSX.

`boutons(df, "conventions_13")` puts the two buttons under a table. The bytes are built by
the pure functions `csv_bytes` / `xlsx_bytes` (tested directly, reusable by exports). CSV uses
a decimal comma so that a double-click in French Excel gives numbers, not text.
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


def _pour_export(df: pl.DataFrame) -> pl.DataFrame:
    """Nested or object columns become text; everything else keeps its type."""
    casts = [pl.col(c).cast(pl.String) for c, t in df.schema.items()
             if t.is_nested() or t == pl.Object]
    return df.with_columns(casts) if casts else df


def csv_bytes(df: pl.DataFrame) -> bytes:
    """`;`-separated, decimal comma, UTF-8 with BOM, dates as ISO (Excel reads them)."""
    texte = _pour_export(df).write_csv(separator=";", decimal_comma=True)
    return ("\ufeff" + texte).encode("utf-8")


def xlsx_bytes(df: pl.DataFrame, feuille: str = "donnees") -> bytes:
    """One-sheet workbook with a header row, column widths fitted by xlsxwriter."""
    tampon = io.BytesIO()
    _pour_export(df).write_excel(tampon, worksheet=feuille[:31], autofit=True)
    return tampon.getvalue()


def boutons(df: pl.DataFrame, nom: str, cle: str | None = None) -> None:
    """CSV and XLSX download buttons for `df` (no rerun on click)."""
    stem = nom_fichier(nom)
    cle = cle or stem
    rangee = st.container(horizontal=True)
    rangee.download_button("CSV", csv_bytes(df), f"{stem}.csv", "text/csv",
                           key=f"csv_{cle}", on_click="ignore", icon=":material/download:",
                           help="Télécharger ce tableau en CSV (séparateur ;)")
    rangee.download_button("Excel", xlsx_bytes(df), f"{stem}.xlsx", MIME_XLSX,
                           key=f"xlsx_{cle}", on_click="ignore", icon=":material/download:",
                           help="Télécharger ce tableau au format Excel (.xlsx)")
