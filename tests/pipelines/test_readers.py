"""Reading batches: every file is written by the test in tmp_path, in the shapes users produce."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl
import pytest
import xlsxwriter

from pipelines.readers import LotRefuse, RawTable, empreinte_lot, lire_lot

FONDS_HEADER = "id_fonds;nom;departement;gestionnaire;date_creation"
CONV_HEADER = ["id_convention", "id_restructuration", "date_signature", "departement", "montant_engage",
               "modalite"]
AIDES_HEADER = ["id_aide", "id_convention", "nom_beneficiaire", "code_commune", "type_aide",
                "date_decision", "montant_revitalisation", "emplois_prevus"]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def only(batch: Path) -> RawTable:
    tables = lire_lot(batch)
    assert len(tables) == 1
    return tables[0]


def refusal(batch: Path) -> str:
    with pytest.raises(LotRefuse) as exc:
        lire_lot(batch)
    return str(exc.value)


def rows(table: RawTable, *cols: str) -> list[tuple]:
    return table.frame.select(*cols, "_ligne").rows()


# --- CSV: separators, quoting, encodings -----------------------------------------------------------

def test_semicolon_csv_with_french_decimals(tmp_path):
    write(tmp_path / "conventions.csv",
          ";".join(CONV_HEADER) + "\n"
          "C1;R1;12/04/2023;59;1 325 000,50;DIRECTE\n"
          "C2;R1;2023-05-02;2A;15000;MIXTE\n")
    t = only(tmp_path)
    assert t.dataset == "conventions" and t.fichier == "conventions.csv"
    assert rows(t, "id_convention", "montant_engage", "departement") == [
        ("C1", "1 325 000,50", "59", 2), ("C2", "15000", "2A", 3)]
    assert all(dtype == pl.Utf8 for name, dtype in t.frame.schema.items() if name != "_ligne")
    assert t.frame.schema["_ligne"] == pl.Int64


def test_comma_csv_with_quoted_fields(tmp_path):
    write(tmp_path / "fonds.csv",
          "id_fonds,nom,departement,gestionnaire\n"
          'F1,"Fonds Nord, Pas-de-Calais",59,"Opérateur ""Revita"""\n'
          'F2,"Multi\nligne",62,Alpha\n'
          "F3,Fonds 3,01,Beta\n")
    t = only(tmp_path)
    assert rows(t, "id_fonds", "nom", "gestionnaire") == [
        ("F1", "Fonds Nord, Pas-de-Calais", 'Opérateur "Revita"', 2),
        ("F2", "Multi\nligne", "Alpha", 3),   # one record = one spreadsheet row
        ("F3", "Fonds 3", "Beta", 4)]
    assert "date_creation" not in t.frame.columns  # optional column absent: not invented


def test_separator_is_sniffed_on_the_header_not_on_a_title_line(tmp_path):
    """A title full of commas must not make a ';' file look comma-separated."""
    write(tmp_path / "fonds.csv",
          "Fonds, état au 31/12/2023, source DDETS, version 2\n"
          + FONDS_HEADER + "\nF1;Fonds, revitalisation;59;Alpha;\n")
    t = only(tmp_path)
    assert rows(t, "id_fonds", "nom") == [("F1", "Fonds, revitalisation", 3)]


def test_utf8_bom_does_not_hide_the_first_header(tmp_path):
    write(tmp_path / "fonds.csv", FONDS_HEADER + "\nF1;Fonds Été;59;Alpha;2020-01-01\n", "utf-8-sig")
    assert (tmp_path / "fonds.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    t = only(tmp_path)
    assert rows(t, "id_fonds", "nom", "date_creation") == [("F1", "Fonds Été", "2020-01-01", 2)]


def test_windows_1252_keeps_accents_euro_oe_apostrophe_and_nbsp(tmp_path):
    text = (FONDS_HEADER.replace("nom", "Nom") + "\n"
            "F1;Fonds d’Œuvre 1\xa0000 € é;59;Opérateur;\n")
    write(tmp_path / "fonds.csv", text, "cp1252")
    with pytest.raises(UnicodeDecodeError):
        (tmp_path / "fonds.csv").read_bytes().decode("utf-8")
    t = only(tmp_path)
    assert t.frame["nom"].to_list() == ["Fonds d’Œuvre 1\xa0000 € é"]
    assert t.frame["gestionnaire"].to_list() == ["Opérateur"]


def test_utf8_narrow_no_break_spaces_survive_inside_and_are_stripped_around(tmp_path):
    write(tmp_path / "conventions.csv",
          ";".join(CONV_HEADER) + "\nC1;R1;2023-04-12;59;\u202f1\u202f325\u202f000,50\xa0€\u202f;DIRECTE\n")
    t = only(tmp_path)
    assert t.frame["montant_engage"].to_list() == ["1\u202f325\u202f000,50\xa0€"]
    assert t.raw["montant_engage"].to_list() == ["\u202f1\u202f325\u202f000,50\xa0€\u202f"]


def test_excel_unicode_text_utf16_tab_separated(tmp_path):
    """Excel's "Texte Unicode" export: UTF-16 with BOM, tab-separated."""
    write(tmp_path / "fonds.csv", FONDS_HEADER.replace(";", "\t") + "\nF1\tFonds Œ €\t59\tA\t\n", "utf-16")
    assert rows(only(tmp_path), "id_fonds", "nom") == [("F1", "Fonds Œ €", 2)]


def test_carriage_return_line_endings(tmp_path):
    write(tmp_path / "fonds.csv", FONDS_HEADER + "\r\nF1;N;59;A;\r\n\r\nF2;M;62;B;\r\n")
    assert rows(only(tmp_path), "id_fonds") == [("F1", 2), ("F2", 4)]
    write(tmp_path / "fonds.csv", FONDS_HEADER + "\rF1;N;59;A;\rF2;M;62;B;\r")   # old Mac
    assert rows(only(tmp_path), "id_fonds") == [("F1", 2), ("F2", 3)]


def test_unclosed_quote_is_refused_with_its_row(tmp_path):
    write(tmp_path / "fonds.csv", FONDS_HEADER + '\nF1;N;59;A;\nF2;"Fonds 2;62;B;\n'
          + "".join(f"F{i};N;59;A;\n" for i in range(3, 10)))
    assert refusal(tmp_path) == ('fichier « fonds.csv » illisible : guillemet (") ouvert et jamais refermé '
                                 "à la ligne 3 ; le reste du fichier tient dans une seule cellule")


def test_undecodable_text_is_refused(tmp_path):
    # 0x81 and 0x8D are undefined in Windows-1252 and invalid as UTF-8
    (tmp_path / "fonds.csv").write_bytes(FONDS_HEADER.encode() + b"\nF1;\x81\x8d;59;A;\n")
    assert refusal(tmp_path) == ("fichier « fonds.csv » illisible : ce n'est pas un texte CSV "
                                 "(encodages acceptés : UTF-8 ou Windows-1252)")


def test_binary_junk_named_csv_is_refused(tmp_path):
    (tmp_path / "aides.csv").write_bytes(bytes(range(256)) * 8)
    assert "fichier « aides.csv » illisible" in refusal(tmp_path)


# --- empty files, header-only files, title rows, numbering -----------------------------------------

@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \r\n", b";;;\n;;\n"])
def test_empty_file_is_refused(tmp_path, content):
    (tmp_path / "aides.csv").write_bytes(content)
    assert refusal(tmp_path) == "le fichier « aides.csv » est vide"


def test_header_only_file_is_valid_with_zero_rows(tmp_path):
    write(tmp_path / "aides.csv", ";".join(AIDES_HEADER) + "\n")
    t = only(tmp_path)
    assert t.frame.height == 0 and t.raw.height == 0
    assert t.frame.columns == AIDES_HEADER + ["_ligne"]


def test_title_rows_and_empty_rows_keep_the_users_row_numbers(tmp_path):
    write(tmp_path / "fonds.csv",
          "Fonds mutualisés du Nord\n"             # row 1: title
          "Export du 02/01/2024;;;;\n"             # row 2: subtitle
          ";;;;\n"                                 # row 3: empty
          + FONDS_HEADER + "\n"                    # row 4: header
          "F1;Fonds 1;59;A;\n"                     # row 5
          ";;;;\n"                                 # row 6: empty, skipped
          "\n"                                     # row 7: empty, skipped
          "F2;Fonds 2;62;B;2021-03-04\n")          # row 8
    t = only(tmp_path)
    assert rows(t, "id_fonds", "date_creation") == [("F1", None, 5), ("F2", "2021-03-04", 8)]
    assert t.raw.height == 2


def test_cells_are_stripped_and_empty_cells_are_null(tmp_path):
    write(tmp_path / "fonds.csv", FONDS_HEADER + "\n  F1 ;Fonds 1;   ;A;  \n")
    t = only(tmp_path)
    assert t.frame.row(0) == ("F1", "Fonds 1", None, "A", None, 2)
    assert t.raw.row(0) == ("  F1 ", "Fonds 1", None, "A", None)


def test_trailing_empty_columns_ignored_and_extra_columns_reported(tmp_path):
    write(tmp_path / "fonds.csv",
          FONDS_HEADER + ";Observations;;;\n"
          "F1;Fonds 1;59;A;;à revoir;;;\n"
          "F2;Fonds 2;62;B;;;;;\n")
    t = only(tmp_path)
    assert t.extra_columns == ["Observations"]
    assert t.raw.columns == FONDS_HEADER.split(";") + ["Observations"]
    assert t.raw["Observations"].to_list() == ["à revoir", None]
    assert "Observations" not in t.frame.columns


def test_cells_beyond_the_header_are_kept_in_raw(tmp_path):
    write(tmp_path / "fonds.csv", FONDS_HEADER + "\nF1;Fonds 1;59;A;;oubli\n")
    t = only(tmp_path)
    assert t.extra_columns == ["colonne_6"]
    assert t.raw["colonne_6"].to_list() == ["oubli"]


def test_raw_keeps_original_headers(tmp_path):
    write(tmp_path / "conventions.csv",
          "Identifiant de la convention;id_restructuration;Date de signature;Département;"
          "Montant engagé (€);Modalité\nC1;R1;2023-04-12;59;100;DIRECTE\n")
    t = only(tmp_path)
    assert t.frame.columns == CONV_HEADER + ["_ligne"]
    assert t.raw.columns == ["Identifiant de la convention", "id_restructuration", "Date de signature",
                             "Département", "Montant engagé (€)", "Modalité"]
    assert t.extra_columns == []


# --- refusals ------------------------------------------------------------------------------------

def test_missing_path_is_refused(tmp_path):
    assert refusal(tmp_path / "absent") == f"le lot « {tmp_path / 'absent'} » est introuvable"


def test_folder_without_data_files_is_refused(tmp_path):
    write(tmp_path / "LISEZMOI.md", "rien")
    write(tmp_path / ".aides.csv", ";".join(AIDES_HEADER) + "\n")
    assert refusal(tmp_path) == (f"le dossier « {tmp_path.name} » ne contient aucun fichier de données "
                                 "(.csv, .xlsx ou .parquet)")


def test_unknown_dataset_is_refused(tmp_path):
    write(tmp_path / "fonds.csv", FONDS_HEADER + "\n")
    write(tmp_path / "budget.csv", "a;b\n1;2\n")
    assert refusal(tmp_path) == ("fichier « budget.csv » : jeu de données inconnu ; attendus : "
                                 "restructurations, conventions, fonds, dotations, aides, suivi_emplois, comites")


def test_missing_required_column_is_refused_with_the_headers_read(tmp_path):
    write(tmp_path / "conventions.csv",
          "id_convention;id_restructuration;date_signature;departement;Montant (k€);modalite\n"
          "C1;R1;2023-04-12;59;100;DIRECTE\n")
    assert refusal(tmp_path) == (
        "fichier « conventions.csv » : colonne obligatoire « montant_engage » absente (en-têtes lus : "
        "id_convention, id_restructuration, date_signature, departement, Montant (k€), modalite)")


def test_several_missing_required_columns_are_all_named(tmp_path):
    write(tmp_path / "suivi_emplois.csv", "id_aide;commentaire\nA1;x\n")
    assert refusal(tmp_path) == (
        "fichier « suivi_emplois.csv » : colonnes obligatoires « date_constat », « emplois_crees » "
        "absentes (en-têtes lus : id_aide, commentaire)")


def test_header_not_found_is_refused(tmp_path):
    write(tmp_path / "dotations.csv", "a;b;c\n1;2;3\n")
    assert refusal(tmp_path) == (
        "fichier « dotations.csv » : ligne d'en-têtes introuvable dans les 30 premières lignes "
        "(colonnes attendues : id_convention, id_fonds, montant, date_versement)")


def test_header_below_row_30_is_not_searched(tmp_path):
    write(tmp_path / "fonds.csv", "titre\n" * 30 + FONDS_HEADER + "\nF1;N;59;A;\n")
    assert "ligne d'en-têtes introuvable" in refusal(tmp_path)
    write(tmp_path / "fonds.csv", "titre\n" * 29 + FONDS_HEADER + "\nF1;N;59;A;\n")
    assert rows(only(tmp_path), "id_fonds") == [("F1", 31)]


def test_a_column_given_twice_is_refused(tmp_path):
    write(tmp_path / "fonds.csv", FONDS_HEADER + ";Nom\nF1;N;59;A;;M\n")
    assert refusal(tmp_path) == ("fichier « fonds.csv » : la colonne « nom » apparaît plusieurs fois "
                                 "(en-têtes « nom » et « Nom » sur la ligne 1)")


def test_same_dataset_twice_is_refused(tmp_path):
    write(tmp_path / "aides.csv", ";".join(AIDES_HEADER) + "\n")
    wb = openpyxl.Workbook()
    wb.active.append(AIDES_HEADER)
    wb.save(tmp_path / "Aide.xlsx")
    assert refusal(tmp_path) == ("les fichiers « Aide.xlsx » et « aides.csv » contiennent tous deux le jeu "
                                 "de données « aides » ; un lot n'en contient qu'un par jeu")


def test_old_excel_format_named_like_a_dataset_is_refused(tmp_path):
    (tmp_path / "aides.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert refusal(tmp_path) == ("fichier « aides.xls » : format non pris en charge ; "
                                 "enregistrez-le en .xlsx ou en .csv")


# --- folders: order, hidden files, fingerprint, progress ------------------------------------------

def test_tables_come_in_load_order_and_temp_files_are_ignored(tmp_path):
    write(tmp_path / "suivi-emplois.csv", "id_aide;date_constat;emplois_crees\nA1;2024-01-01;3\n")
    write(tmp_path / "Fonds.csv", FONDS_HEADER + "\n")
    write(tmp_path / "restructurations.csv",
          "id_restructuration;siren;raison_sociale;code_commune;date_notification;type_procedure;"
          "emplois_supprimes\n")
    (tmp_path / "~$Fonds.xlsx").write_bytes(b"lock file, not a workbook")
    write(tmp_path / ".DS_Store", "junk")
    tables = lire_lot(tmp_path)
    assert [(t.dataset, t.fichier) for t in tables] == [
        ("restructurations", "restructurations.csv"), ("fonds", "Fonds.csv"),
        ("suivi_emplois", "suivi-emplois.csv")]


def test_progress_reports_each_file_with_its_row_count(tmp_path):
    write(tmp_path / "fonds.csv", FONDS_HEADER + "\n" + "".join(f"F{i};N;59;A;\n" for i in range(1200)))
    messages = []
    lire_lot(tmp_path, progress=messages.append)
    assert messages == ["Lecture de fonds.csv (1 200 lignes)…"]


def test_batch_fingerprint(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write(a / "fonds.csv", FONDS_HEADER + "\nF1;N;59;A;\n")
    write(b / "fonds.csv", FONDS_HEADER + "\nF1;N;59;A;\n")
    write(b / "~$fonds.xlsx", "lock")
    fp = empreinte_lot(a)
    assert len(fp) == 64 and fp == empreinte_lot(b)     # same files; temp files ignored
    write(b / "aides.csv", ";".join(AIDES_HEADER) + "\n")
    assert empreinte_lot(b) != fp                          # a file added
    (b / "aides.csv").unlink()
    write(b / "fonds.csv", FONDS_HEADER + "\nF1;N;62;A;\n")
    assert empreinte_lot(b) != fp                          # a byte changed
    (b / "fonds.csv").rename(b / "Fonds.csv")
    write(b / "Fonds.csv", FONDS_HEADER + "\nF1;N;59;A;\n")
    assert empreinte_lot(b) != fp                          # renamed
    with pytest.raises(LotRefuse):
        empreinte_lot(tmp_path / "absent")


def test_a_single_csv_file_is_a_batch_of_one(tmp_path):
    f = write(tmp_path / "fonds.csv", FONDS_HEADER + "\nF1;N;59;A;\n")
    assert [(t.dataset, t.fichier) for t in lire_lot(f)] == [("fonds", "fonds.csv")]


# --- XLSX -------------------------------------------------------------------------------------------

def workbook(path: Path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, grid in sheets.items():
        ws = wb.create_sheet(title)
        for row in grid:
            ws.append(row)
        if title in hidden:
            ws.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def test_workbook_batch_reads_one_sheet_per_dataset_with_excel_types_as_text(tmp_path):
    lot = workbook(tmp_path / "lot.xlsx", {
        "Notice": [["Comment remplir ce classeur"]],
        "Aides": [AIDES_HEADER + ["Validée"],
                  ["A1", "C1", " Boulangerie ", 59350, "PRET", dt.datetime(2023, 4, 12), 15000.0, 3, True],
                  ["A2", "C1", "Atelier", "59350", "SUBVENTION", dt.date(2023, 5, 2), 1325000.5, 2.0, False],
                  ["A3", "C1", "Forge", "59350", "PRET", dt.datetime(2023, 5, 2, 10, 30), 0.1, 1, None]],
        "Conventions": [CONV_HEADER, ["C1", "R1", dt.datetime(2022, 1, 31), "59", 250000, "DIRECTE"]],
        "listes": [["PRET", "SUBVENTION"]],
    }, hidden=("listes",))
    tables = lire_lot(lot)
    assert [(t.dataset, t.fichier) for t in tables] == [
        ("conventions", "lot.xlsx › Conventions"), ("aides", "lot.xlsx › Aides")]
    aides = tables[1]
    assert aides.frame.select("nom_beneficiaire", "code_commune", "date_decision", "montant_revitalisation",
                              "emplois_prevus", "_ligne").rows() == [
        ("Boulangerie", "59350", "2023-04-12", "15000", "3", 2),
        ("Atelier", "59350", "2023-05-02", "1325000.5", "2", 3),
        ("Forge", "59350", "2023-05-02 10:30:00", "0.1", "1", 4)]
    assert aides.extra_columns == ["Validée"]
    assert aides.raw["Validée"].to_list() == ["VRAI", "FAUX", None]
    assert tables[0].frame["montant_engage"].to_list() == ["250000"]


def test_workbook_progress_messages(tmp_path):
    lot = workbook(tmp_path / "lot.xlsx", {"Fonds": [FONDS_HEADER.split(";"), ["F1", "N", "59", "A"]],
                                           "Aides": [AIDES_HEADER]})
    messages = []
    lire_lot(lot, progress=messages.append)
    assert messages == ["Ouverture de lot.xlsx…", "Lecture de lot.xlsx › Fonds (1 ligne)…",
                        "Lecture de lot.xlsx › Aides (0 ligne)…"]


def test_workbook_with_an_unknown_visible_sheet_is_refused(tmp_path):
    lot = workbook(tmp_path / "lot.xlsx", {"Aides": [AIDES_HEADER], "Budget 2024": [["x"]]})
    assert refusal(lot) == ("fichier « lot.xlsx › Budget 2024 » : jeu de données inconnu ; attendus : "
                            "restructurations, conventions, fonds, dotations, aides, suivi_emplois, comites")


def test_workbook_without_dataset_sheets_is_refused(tmp_path):
    lot = workbook(tmp_path / "lot.xlsx", {"Notice": [["rien"]]})
    assert refusal(lot).startswith("le classeur « lot.xlsx » ne contient aucune feuille de données")


def test_xlsx_in_a_folder_is_named_by_its_stem(tmp_path):
    workbook(tmp_path / "conventions.xlsx", {"Feuil1": [CONV_HEADER, ["C1", "R1", "2023-04-12", "59", 5, "MIXTE"]]})
    workbook(tmp_path / "aides.xlsx", {"Notes": [["à lire"]], "Aides": [AIDES_HEADER]})
    tables = lire_lot(tmp_path)
    assert [(t.dataset, t.fichier, t.frame.height) for t in tables] == [
        ("conventions", "conventions.xlsx", 1), ("aides", "aides.xlsx › Aides", 0)]


def test_xlsx_in_a_folder_with_an_unknown_stem_but_dataset_sheets_is_a_workbook(tmp_path):
    workbook(tmp_path / "export DDETS.xlsx", {"Fonds": [FONDS_HEADER.split(";"), ["F1", "N", "59", "A"]]})
    assert [(t.dataset, t.fichier) for t in lire_lot(tmp_path)] == [("fonds", "export DDETS.xlsx › Fonds")]
    workbook(tmp_path / "export DDETS.xlsx", {"Feuil1": [["x"]]})
    assert refusal(tmp_path).startswith("fichier « export DDETS.xlsx » : jeu de données inconnu")


def test_xlsx_title_rows_and_empty_rows_keep_excel_row_numbers(tmp_path):
    path = workbook(tmp_path / "fonds.xlsx", {"Fonds": [
        ["Fonds mutualisés — état au 31/12/2023"], [], [],
        FONDS_HEADER.split(";"),                      # row 4
        ["F1", "Fonds 1", "59", "A", None],           # row 5
        [None, None, None],                           # row 6: empty
        ["F2", "Fonds 2", "62", "B", dt.datetime(2021, 3, 4)]]})  # row 7
    ws_rows = rows(only(path.parent), "id_fonds", "date_creation")
    assert ws_rows == [("F1", None, 5), ("F2", "2021-03-04", 7)]


def test_xlsx_header_on_a_later_row_without_title_cells(tmp_path):
    """Rows 1-2 hold nothing at all (not even empty cells in the XML): numbering still starts at 1."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for j, name in enumerate(FONDS_HEADER.split(";"), start=2):   # header on row 3, from column B
        ws.cell(row=3, column=j, value=name)
        ws.cell(row=4, column=j, value=f"v{j}")
    wb.save(tmp_path / "fonds.xlsx")
    t = only(tmp_path)
    assert rows(t, "id_fonds", "date_creation") == [("v2", "v6", 4)]
    assert t.raw.columns == FONDS_HEADER.split(";")   # the empty column A is not a column


def test_merged_cells_fill_their_range_in_the_data_area(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Aides"
    ws.append(["Aides accordées en 2023"])           # row 1: title merged over A1:H1
    ws.merge_cells("A1:H1")
    ws.append(AIDES_HEADER)                           # row 2
    ws.append(["A1", "C1", "Boulangerie", "59350", "PRET", "2023-04-12", 1000, 1])   # row 3
    ws.append(["A2", None, "Atelier", "59350", "PRET", "2023-04-13", 2000, 2])       # row 4
    ws.append(["A3", None, "Forge", "59350", "PRET", "2023-04-14", 3000, 3])         # row 5
    ws.append(["A4", "C2", "Garage", "59000", "PRET", "2023-04-15", 4000, 0])        # row 6
    ws.merge_cells("B3:B5")                           # one convention for three aids
    ws.merge_cells("C6:D6")                           # a name merged across two columns
    wb.save(tmp_path / "aides.xlsx")
    t = only(tmp_path)
    assert rows(t, "id_convention", "code_commune") == [
        ("C1", "59350", 3), ("C1", "59350", 4), ("C1", "59350", 5), ("C2", "Garage", 6)]
    assert t.raw["id_convention"].to_list() == ["C1", "C1", "C1", "C2"]


def test_merged_range_touching_the_header_is_not_copied_into_data(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(FONDS_HEADER.split(";"))
    ws.append(["F1", "N", "59", "A", None])
    ws.merge_cells("E1:E2")                            # header cell stretched down by the layout
    wb.save(tmp_path / "fonds.xlsx")
    assert only(tmp_path).frame["date_creation"].to_list() == [None]


def test_formula_without_cached_value_gives_its_text(tmp_path):
    wb = openpyxl.Workbook()   # openpyxl writes formulas without any cached value
    ws = wb.active
    ws.append(CONV_HEADER)
    ws.append(["C1", "R1", "2023-04-12", "59", "=SUM(H2:I2)", "DIRECTE", None, 100, 200])
    wb.save(tmp_path / "conventions.xlsx")
    assert only(tmp_path).frame["montant_engage"].to_list() == ["=SUM(H2:I2)"]


def test_formula_with_cached_value_gives_the_value(tmp_path):
    wb = xlsxwriter.Workbook(tmp_path / "conventions.xlsx")   # as Excel does, caches the result
    ws = wb.add_worksheet("Conventions")
    ws.write_row(0, 0, CONV_HEADER)
    ws.write_row(1, 0, ["C1", "R1", "2023-04-12", "59"])
    ws.write_formula(1, 4, "=H2+I2", None, 300)
    ws.write_formula(1, 6, "=1/3", None, 1 / 3)
    ws.write(1, 5, "DIRECTE")
    wb.close()
    t = only(tmp_path)
    assert t.frame["montant_engage"].to_list() == ["300"]
    assert t.raw.row(0)[6] == repr(1 / 3)


def test_corrupt_xlsx_is_refused(tmp_path):
    (tmp_path / "aides.xlsx").write_bytes(b"PK\x03\x04 this is not really a zip" * 10)
    assert refusal(tmp_path) == ("fichier « aides.xlsx » illisible : ce n'est pas un classeur Excel .xlsx "
                                 "valide (BadZipFile)")


def test_csv_renamed_as_xlsx_is_refused(tmp_path):
    write(tmp_path / "aides.xlsx", ";".join(AIDES_HEADER) + "\n")
    assert refusal(tmp_path).startswith("fichier « aides.xlsx » illisible")


@pytest.mark.parametrize("content", ["zero", "no_cells"])
def test_empty_xlsx_is_refused(tmp_path, content):
    if content == "zero":
        (tmp_path / "aides.xlsx").write_bytes(b"")
    else:
        workbook(tmp_path / "aides.xlsx", {"Aides": []})
    assert refusal(tmp_path) == "le fichier « aides.xlsx » est vide"


def test_xlsx_missing_required_column_is_refused(tmp_path):
    workbook(tmp_path / "lot.xlsx", {"Dotations": [["id_convention", "id_fonds", "montant (€)"]]})
    assert refusal(tmp_path / "lot.xlsx") == (
        "fichier « lot.xlsx › Dotations » : colonne obligatoire « date_versement » absente "
        "(en-têtes lus : id_convention, id_fonds, montant (€))")


# --- Parquet ----------------------------------------------------------------------------------------

def test_parquet_columns_become_text(tmp_path):
    pl.DataFrame({
        "id_convention": ["C1", "C2"],
        "id_fonds": ["F1", None],
        "montant": [15000.0, 1325000.5],
        "date_versement": [dt.date(2023, 4, 12), dt.date(2024, 1, 2)],
        "rang": [1, 2],
        "saisi_le": [dt.datetime(2023, 4, 12), dt.datetime(2023, 4, 12, 8, 5)],
    }).write_parquet(tmp_path / "dotations.parquet")
    t = only(tmp_path)
    assert t.fichier == "dotations.parquet"
    assert t.frame.rows() == [("C1", "F1", "15000", "2023-04-12", 2),
                              ("C2", None, "1325000.5", "2024-01-02", 3)]
    assert t.extra_columns == ["rang", "saisi_le"]
    assert t.raw.select("rang", "saisi_le").rows() == [("1", "2023-04-12"), ("2", "2023-04-12 08:05:00")]


def test_parquet_missing_column_and_corrupt_file_are_refused(tmp_path):
    pl.DataFrame({"id_fonds": ["F1"]}).write_parquet(tmp_path / "fonds.parquet")
    assert refusal(tmp_path).startswith("fichier « fonds.parquet » : colonnes obligatoires « nom »")
    (tmp_path / "fonds.parquet").write_bytes(b"PAR1 not really parquet PAR1")
    assert refusal(tmp_path) == ("fichier « fonds.parquet » illisible : ce n'est pas un fichier Parquet "
                                 "valide (ComputeError)")
