"""Reading batches: every file is written by the test in tmp_path, in the shapes users produce."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl
import pytest
import xlsxwriter

from pipelines.readers import BatchRefused, RawTable, batch_fingerprint, read_batch

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
    tables = read_batch(batch)
    assert len(tables) == 1
    return tables[0]


def refusal(batch: Path) -> str:
    with pytest.raises(BatchRefused) as exc:
        read_batch(batch)
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
                                 "restructurations, conventions, fonds, dotations, aides, suivi_emplois")


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
    tables = read_batch(tmp_path)
    assert [(t.dataset, t.fichier) for t in tables] == [
        ("restructurations", "restructurations.csv"), ("fonds", "Fonds.csv"),
        ("suivi_emplois", "suivi-emplois.csv")]


def test_progress_reports_each_file_with_its_row_count(tmp_path):
    write(tmp_path / "fonds.csv", FONDS_HEADER + "\n" + "".join(f"F{i};N;59;A;\n" for i in range(1200)))
    messages = []
    read_batch(tmp_path, progress=messages.append)
    assert messages == ["Lecture de fonds.csv (1 200 lignes)…"]


def test_batch_fingerprint(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write(a / "fonds.csv", FONDS_HEADER + "\nF1;N;59;A;\n")
    write(b / "fonds.csv", FONDS_HEADER + "\nF1;N;59;A;\n")
    write(b / "~$fonds.xlsx", "lock")
    fp = batch_fingerprint(a)
    assert len(fp) == 64 and fp == batch_fingerprint(b)     # same files; temp files ignored
    write(b / "aides.csv", ";".join(AIDES_HEADER) + "\n")
    assert batch_fingerprint(b) != fp                          # a file added
    (b / "aides.csv").unlink()
    write(b / "fonds.csv", FONDS_HEADER + "\nF1;N;62;A;\n")
    assert batch_fingerprint(b) != fp                          # a byte changed
    (b / "fonds.csv").rename(b / "Fonds.csv")
    write(b / "Fonds.csv", FONDS_HEADER + "\nF1;N;59;A;\n")
    assert batch_fingerprint(b) != fp                          # renamed
