"""Row rules of the contract on hand-built RawTables (no files, no warehouse writes)."""
from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

from core.regles import regles_par_defaut
from pipelines.communes import CommuneResolver
from pipelines.contract import BY_NAME
from pipelines.readers import RawTable
from pipelines.validate import Context, validate_dataset


@pytest.fixture(scope="module")
def resolver():
    return CommuneResolver.from_files()


def raw_table(dataset: str, rows: list[dict], fichier: str | None = None, first_line: int = 2) -> RawTable:
    """A RawTable as the reader gives it: contract columns as text, user line numbers, raw headers."""
    cols = [c.name for c in BY_NAME[dataset].columns if any(c.name in r for r in rows)]
    frame = pl.DataFrame({c: [r.get(c) for r in rows] for c in cols}, schema={c: pl.Utf8 for c in cols})
    frame = frame.with_columns(pl.Series("_ligne", range(first_line, first_line + len(rows)), dtype=pl.Int64))
    raw = pl.DataFrame({c.upper(): [r.get(c) for r in rows] for c in cols}, schema={c.upper(): pl.Utf8 for c in cols})
    return RawTable(dataset, fichier or f"{dataset}.csv", frame, [], raw)


def context(**existing) -> Context:
    return Context(existing=existing, rules=regles_par_defaut())


RESTR = dict(id_restructuration="R-1", siren="552100554", raison_sociale="Alpha", code_commune="13001",
             date_notification="15/01/2022", type_procedure="PSE", emplois_supprimes="120")
CONV = dict(id_convention="C-1", id_restructuration="R-1", date_signature="10/05/2022", departement="13",
            montant_engage="1000", modalite="DIRECTE")


def messages(v) -> dict[int, str]:
    return dict(zip(v.rejected["ligne"].to_list(), v.rejected["message"].to_list()))


def test_required_columns_and_contract_minimum_date(resolver):
    v = validate_dataset([raw_table("restructurations", [
        RESTR, {**RESTR, "id_restructuration": "R-2", "raison_sociale": None, "date_notification": "16/01/2002"},
        {**RESTR, "id_restructuration": "R-3", "date_notification": "17/01/2002"}])], context(), resolver)
    assert v.valid["id_restructuration"].to_list() == ["R-1", "R-3"]
    assert messages(v) == {3: "colonne raison_sociale : valeur obligatoire manquante ; colonne date_notification : "
                              "« 16/01/2002 » : antérieure au 17/01/2002 (loi de modernisation sociale)"}
    row = v.rejected.row(0, named=True)
    assert (row["colonne"], row["valeur"], row["cle"]) == ("raison_sociale", None, "R-2")
    assert json.loads(row["donnees_brutes"])["DATE_NOTIFICATION"] == "16/01/2002"   # original headers


def test_convention_defaults_from_restructuring_in_warehouse(resolver):
    existing = pl.DataFrame({"id_restructuration": ["R-1"], "date_notification": [dt.date(2022, 1, 15)],
                             "emplois_supprimes": [120]})
    v = validate_dataset([raw_table("conventions", [CONV, {**CONV, "id_convention": "C-2", "objectif_emplois": "80",
                                                           "duree_mois": "24", "statut": "Prolongée"}])],
                         context(restructurations=existing), resolver)
    assert v.rejected.height == 0
    assert v.valid.select("duree_mois", "objectif_emplois", "statut").rows() == [(36, 120, "EN_COURS"),
                                                                                (24, 80, "PROLONGEE")]


def test_convention_ranges_and_signature_before_notification(resolver):
    ctx = context()
    validate_dataset([raw_table("restructurations", [RESTR])], ctx, resolver)
    v = validate_dataset([raw_table("conventions", [
        {**CONV, "duree_mois": "0"}, {**CONV, "id_convention": "C-2", "duree_mois": "121"},
        {**CONV, "id_convention": "C-3", "date_signature": "14/01/2022"},
        {**CONV, "id_convention": "C-4", "duree_mois": "120", "date_signature": "15/01/2022"}])], ctx, resolver)
    assert messages(v) == {
        2: "colonne duree_mois : « 0 » : inférieur au minimum admis (1)",
        3: "colonne duree_mois : « 121 » : supérieur au maximum admis (120)",
        4: "colonne date_signature : « 14/01/2022 » : antérieure à la notification de la restructuration R-1 "
           "(15/01/2022)"}
    assert v.valid["id_convention"].to_list() == ["C-4"]
    assert set(v.signalements["code"]) == {"DUREE_SUP_36"}


def test_aid_needs_exactly_one_of_convention_or_fund(resolver):
    ctx = context(conventions=pl.DataFrame({"id_convention": ["C-1"]}), fonds=pl.DataFrame({"id_fonds": ["F-1"]}))
    base = dict(id_aide="A-1", nom_beneficiaire="X", code_commune="2a004", type_aide="prêt",
                date_decision="2023-01-01", montant_revitalisation="1000", emplois_prevus="2")
    v = validate_dataset([raw_table("aides", [
        {**base, "id_convention": "C-1"}, {**base, "id_aide": "A-2", "id_fonds": "F-1"},
        {**base, "id_aide": "A-3"}, {**base, "id_aide": "A-4", "id_convention": "C-1", "id_fonds": "F-1"}])],
        ctx, resolver)
    assert v.valid.select("id_aide", "code_commune_saisi", "code_commune", "cofinancement_prive").rows() == [
        ("A-1", "2a004", "2A004", 0.0), ("A-2", "2a004", "2A004", 0.0)]
    assert messages(v) == {
        4: "colonne id_convention : indiquez la convention (aide directe) ou le fonds (aide d'un fonds mutualisé)",
        5: "colonne id_convention : une aide relève soit d'une convention, soit d'un fonds, pas des deux"}


def test_dotation_amount_strictly_positive(resolver):
    ctx = context(conventions=pl.DataFrame({"id_convention": ["C-1"]}), fonds=pl.DataFrame({"id_fonds": ["F-1"]}))
    v = validate_dataset([raw_table("dotations", [
        dict(id_convention="C-1", id_fonds="F-1", montant="0", date_versement="2023-01-01"),
        dict(id_convention="C-1", id_fonds="F-1", montant="10", date_versement="2023-02-01")])], ctx, resolver)
    assert messages(v) == {2: "colonne montant : « 0 » : le montant doit être supérieur à 0"}
    assert v.valid["cle"].to_list() == ["C-1|F-1|2023-02-01"]


def test_follow_up_composite_key_duplicates_and_date_rule(resolver):
    aides = pl.DataFrame({"id_aide": ["A-1"], "date_decision": [dt.date(2023, 1, 1)], "emplois_prevus": [5]})
    v = validate_dataset([raw_table("suivi_emplois", [
        dict(id_aide="A-1", date_constat="31/12/2023", emplois_crees="2"),
        dict(id_aide="A-1", date_constat="2023-12-31", emplois_crees="3"),   # same key written differently
        dict(id_aide="A-1", date_constat="31/12/2022", emplois_crees="1"),
        dict(id_aide="A-1", date_constat="30/06/2024", emplois_crees="4")])], context(aides=aides), resolver)
    assert messages(v) == {
        2: "colonne id_aide : clé en double dans le lot : même id_aide + date_constat qu'à la ligne 3",
        3: "colonne id_aide : clé en double dans le lot : même id_aide + date_constat qu'à la ligne 2",
        4: "colonne date_constat : « 31/12/2022 » : antérieure à la décision de l'aide A-1 (01/01/2023)"}
    assert v.valid["cle"].to_list() == ["A-1|2024-06-30"]
    assert v.signalements.height == 0


def test_quarantine_key_falls_back_to_raw_text(resolver):
    v = validate_dataset([raw_table("suivi_emplois", [dict(id_aide="A-9", date_constat="demain",
                                                           emplois_crees="1")])], context(), resolver)
    row = v.rejected.row(0, named=True)
    assert row["cle"] == "A-9|demain"
    assert row["message"] == ("colonne id_aide : l'aide A-9 est inconnue (ni dans ce lot, ni dans l'entrepôt) ; "
                              "colonne date_constat : « demain » n'est pas une date (format JJ/MM/AAAA attendu)")
