"""The template workbook users download and fill: `data/template/modele_lot_revitalisation.xlsx`.

    python -m pipelines.template [--out PATH]

One sheet per dataset with the contract's headers (a note on each header cell, drop-down lists
for the enumerations) and one example row that loads cleanly into an empty warehouse, plus a
"Lisez-moi" sheet describing every column from `contract.Column.label`. Built from the
contract, so it cannot drift from what the ingestion accepts; the readers skip the
"Lisez-moi" sheet, so the filled workbook can be loaded as it is.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import xlsxwriter

from core.config import DATA_DIR
from pipelines.contract import DATASETS

TEMPLATE_PATH = DATA_DIR / "template" / "modele_lot_revitalisation.xlsx"

EXAMPLES: dict[str, dict[str, object]] = {
    "restructurations": dict(id_restructuration="R-2024-001", siren="552100554",
                             raison_sociale="Industries Exemple SA", groupe="Groupe Exemple",
                             code_commune="13001", date_notification=dt.date(2024, 1, 15),
                             type_procedure="PSE", emplois_supprimes=120),
    "conventions": dict(id_convention="C-2024-001", id_restructuration="R-2024-001",
                        date_signature=dt.date(2024, 6, 10), duree_mois=36, departement="13", taux_smic=2.5,
                        montant_engage=530000, modalite="MUTUALISEE", operateur="Opérateur Exemple",
                        objectif_emplois=120, statut="EN_COURS"),
    "fonds": dict(id_fonds="F-13-EX", nom="Fonds de revitalisation des Bouches-du-Rhône (exemple)",
                  departement="13", gestionnaire="Gestionnaire Exemple", date_creation=dt.date(2019, 1, 1)),
    "dotations": dict(id_convention="C-2024-001", id_fonds="F-13-EX", montant=300000,
                      date_versement=dt.date(2024, 9, 1)),
    "aides": dict(id_aide="A-2024-001", id_fonds="F-13-EX", siren_beneficiaire="380129866",
                  nom_beneficiaire="Atelier Exemple", code_commune="13055", code_naf="62.01Z",
                  type_aide="PRET_HONNEUR", date_decision=dt.date(2024, 10, 1), montant_revitalisation=15000,
                  cofinancement_public=5000, cofinancement_prive=30000, emplois_prevus=5),
    "suivi_emplois": dict(id_aide="A-2024-001", date_constat=dt.date(2025, 6, 30), emplois_crees=3),
    "comites": dict(id_comite="CS-2025-001", id_convention="C-2024-001", date_comite=dt.date(2025, 6, 12),
                    type_comite="ANNUEL", commentaire="Premier comité de suivi annuel"),
}

FORMATS = {"text": "texte", "commune": "code INSEE (5 caractères, ex. 13055, 2A004)",
           "date": "date (JJ/MM/AAAA)", "int": "nombre entier", "euros": "montant en euros (ex. 1 325 000,50)",
           "decimal": "nombre décimal (ex. 2,5)", "siren": "9 chiffres", "naf": "code NAF rév. 2 (ex. 62.01Z)",
           "departement": "code département (01…95, 2A, 2B, 971…976)", "enum": "une valeur de la liste"}


def build_template(path: Path = TEMPLATE_PATH) -> Path:
    """Write the template workbook at `path` and return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"title": "Modèle de lot — observatoire de la revitalisation",
                         "created": dt.datetime(2025, 1, 1)})   # fixed: the same contract gives the same file
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = book.add_format({"num_format": "@"})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    money = book.add_format({"num_format": "# ##0.00"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    _readme(book, head, wrap)
    for ds in DATASETS:
        sheet = book.add_worksheet(ds.name)
        example = EXAMPLES[ds.name]
        for j, col in enumerate(ds.columns):
            sheet.write_string(0, j, col.name, head)
            sheet.write_comment(0, j, f"{col.label}\n{'Obligatoire' if col.required else 'Facultatif'} — "
                                      f"{FORMATS[col.kind]}", {"x_scale": 2})
            width = max(14, len(col.name) + 2)
            if col.kind == "date":
                sheet.set_column(j, j, width, date)
            elif col.kind == "euros":
                sheet.set_column(j, j, width, money)
            elif col.kind in ("siren", "commune", "departement", "naf", "text", "enum"):
                sheet.set_column(j, j, width, text)
            else:
                sheet.set_column(j, j, width)
            if col.choices:
                sheet.data_validation(1, j, 10000, j, {"validate": "list", "source": list(col.choices)})
            value = example.get(col.name)
            if isinstance(value, dt.date):
                sheet.write_datetime(1, j, dt.datetime.combine(value, dt.time()), date)
            elif isinstance(value, (int, float)):
                sheet.write_number(1, j, value)
            elif value is not None:
                sheet.write_string(1, j, str(value), text)
        sheet.freeze_panes(1, 0)
    book.close()
    return path


def _readme(book, head, wrap) -> None:
    sheet = book.add_worksheet("Lisez-moi")
    sheet.set_column(0, 1, 22)
    sheet.set_column(2, 2, 14)
    sheet.set_column(3, 3, 60, wrap)
    sheet.set_column(4, 4, 40, wrap)
    sheet.write(0, 0, "Modèle de lot pour l'observatoire de la revitalisation des bassins d'emploi", head)
    sheet.write(1, 0, "Remplissez une feuille par jeu de données (la ligne d'exemple peut être remplacée). "
                      "Les feuilles vides ou absentes sont ignorées ; voir docs/formats-entree.md.")
    row = 3
    for j, title in enumerate(("Feuille", "Colonne", "Obligatoire", "Description", "Format")):
        sheet.write(row, j, title, head)
    for ds in DATASETS:
        for col in ds.columns:
            row += 1
            kind = FORMATS[col.kind] + (f" : {', '.join(col.choices)}" if col.choices else "")
            if col.default is not None:
                kind += f" ; défaut : {str(col.default).lstrip('=')}"
            sheet.write_row(row, 0, [ds.name, col.name, "oui" if col.required else "non", col.label, kind])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.template",
                                     description="Écrit le classeur modèle d'un lot à remplir.")
    parser.add_argument("--out", default=str(TEMPLATE_PATH), help="fichier .xlsx à écrire")
    args = parser.parse_args(argv)
    print(f"Modèle écrit : {build_template(Path(args.out))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
