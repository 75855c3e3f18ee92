"""Write the batch the way DDETS teams' files look: French CSV flavours and Excel workbooks.

Each dataset gets the format a team would plausibly hold, so the sample exercises the readers:
restructurations.csv (`;`, UTF-8 with BOM, French headers, dd/mm/yyyy, "1 200"),
conventions.xlsx and fonds.xlsx (French headers, real Excel dates), dotations.csv (`;`,
Windows-1252, "1 325 000,50" with no-break spaces), aides.csv (`;`, UTF-8, narrow no-break
spaces), suivi_emplois.csv (`,`, ISO dates), comites.csv (`;`, UTF-8 with BOM, French headers, dd/mm/yyyy). Output is byte-for-byte deterministic: fixed
workbook properties, sorted rows, "\n" line ends.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import xlsxwriter

from pipelines.contract import BY_NAME

PROPRIETES_XLSX = {"title": "Lot d'exemple — données synthétiques", "author": "Observatoire de la revitalisation",
                   "comments": "Données d'exemple générées (pipelines.sample.generate) : pas une statistique officielle.",
                   "created": dt.datetime(2026, 11, 15, 0, 0, 0)}
# French headers a team would type; the ingestion matches them to the contract's names.
ENTETES = {
    "restructurations": ("Id restructuration", "SIREN", "Raison sociale", "Groupe", "Code commune",
                         "Date notification", "Type procédure", "Emplois supprimés"),
    "conventions": ("Id convention", "Id restructuration", "Date signature", "Durée en mois", "Département",
                    "Taux SMIC", "Montant engagé (€)", "Modalité", "Opérateur", "Objectif emplois", "Statut",
                    "Commentaire"),
    "fonds": ("Id fonds", "Nom", "Département", "Gestionnaire", "Date création", "Commentaire"),
    "comites": ("Id comité", "Id convention", "Id fonds", "Date du comité", "Type de comité", "Commentaire"),
}
FORMATS = {  # dataset: (extension, separator, encoding, thousands separator, date format)
    "restructurations": ("csv", ";", "utf-8-sig", " ", "%d/%m/%Y"),
    "conventions": ("xlsx", None, None, None, None),
    "fonds": ("xlsx", None, None, None, None),
    "dotations": ("csv", ";", "cp1252", "\u00a0", "%d/%m/%Y"),
    "aides": ("csv", ";", "utf-8", "\u202f", "%Y-%m-%d"),
    "suivi_emplois": ("csv", ",", "utf-8", "", "%Y-%m-%d"),
    "comites": ("csv", ";", "utf-8-sig", "", "%d/%m/%Y"),
}


def nombre_fr(x, milliers: str, decimales: int) -> str:
    """1325000.5 -> '1 325 000,50' (with the given thousands separator)."""
    texte = f"{x:,.{decimales}f}"
    return texte.replace(",", "\u0000").replace(".", ",").replace("\u0000", milliers)


def _cellule(kind: str, v, milliers: str, fmt_date: str) -> str:
    if v is None:
        return ""
    if kind == "date":
        return v.strftime(fmt_date)
    if kind == "euros":
        return nombre_fr(v, milliers, 2)
    if kind == "int":
        return nombre_fr(v, milliers, 0) if milliers else str(v)
    if kind == "decimal":
        return f"{v:.2f}".replace(".", ",")
    return str(v)


def ecrire_csv(dataset: str, rows: list[dict], path: Path) -> None:
    _, sep, encoding, milliers, fmt_date = FORMATS[dataset]
    cols = BY_NAME[dataset].columns
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(ENTETES.get(dataset, [c.name for c in cols]))
    for r in rows:
        w.writerow([_cellule(c.kind, r.get(c.name), milliers, fmt_date) for c in cols])
    path.write_bytes(buf.getvalue().encode(encoding))


def ecrire_xlsx(dataset: str, rows: list[dict], path: Path) -> None:
    cols = BY_NAME[dataset].columns
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_urls": False})
    wb.set_properties(PROPRIETES_XLSX)
    ws = wb.add_worksheet(dataset)
    gras = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    fmt = {"date": wb.add_format({"num_format": "dd/mm/yyyy"}),
           "euros": wb.add_format({"num_format": "#,##0.00 €"}),
           "decimal": wb.add_format({"num_format": "0.00"}), "int": wb.add_format({"num_format": "0"})}
    for j, titre in enumerate(ENTETES[dataset]):
        ws.write_string(0, j, titre, gras)
        ws.set_column(j, j, 14 if j < len(ENTETES[dataset]) - 1 else 60)
    ws.freeze_panes(1, 0)
    for i, r in enumerate(rows, 1):
        for j, c in enumerate(cols):
            v = r.get(c.name)
            if v is None:
                continue
            if c.kind == "date":
                ws.write_datetime(i, j, dt.datetime(v.year, v.month, v.day), fmt["date"])
            elif c.kind in ("euros", "decimal", "int"):
                ws.write_number(i, j, v, fmt[c.kind])
            else:
                ws.write_string(i, j, str(v))
    wb.close()


def ecrire_lot(rows: dict[str, list[dict]], dossier: Path) -> list[Path]:
    dossier.mkdir(parents=True, exist_ok=True)
    ecrits = []
    for dataset, (ext, *_ ) in FORMATS.items():
        path = dossier / f"{dataset}.{ext}"
        (ecrire_xlsx if ext == "xlsx" else ecrire_csv)(dataset, rows[dataset], path)
        ecrits.append(path)
    return ecrits
