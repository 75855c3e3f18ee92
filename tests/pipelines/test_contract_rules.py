"""Every column rule of the data contract v1, one row per rule, on a valid base row per dataset.

The table below is written by hand from ../shared/docs/data-contract.md (not generated from
pipelines/contract.py), so a rule dropped from the contract module or from the validators fails
here: each bad value must reject its row with the French sentence a DDETS officer reads, and
each accepted form must load with the stored value shown.
"""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from core.regles import regles_par_defaut
from pipelines.communes import CommuneResolver
from pipelines.validate import Context, validate_dataset
from tests.pipelines.test_validate import raw_table

BASE = {
    "restructurations": dict(id_restructuration="R-1", siren="552100554", raison_sociale="Alpha",
                             code_commune="54528", date_notification="15/01/2022", type_procedure="PSE",
                             emplois_supprimes="120"),
    "conventions": dict(id_convention="C-9", id_restructuration="R-0", date_signature="10/05/2022",
                        departement="54", montant_engage="1000", modalite="DIRECTE"),
    "fonds": dict(id_fonds="F-9", nom="Fonds", departement="54", gestionnaire="Initiative"),
    "dotations": dict(id_convention="C-0", id_fonds="F-0", montant="10", date_versement="2023-01-01"),
    "aides": dict(id_aide="A-9", id_fonds="F-0", nom_beneficiaire="Beta", code_commune="54528",
                  type_aide="PRET", date_decision="2023-01-01", montant_revitalisation="1000",
                  emplois_prevus="2"),
    "suivi_emplois": dict(id_aide="A-0", date_constat="2023-06-30", emplois_crees="1"),
    "comites": dict(id_comite="CS-9", id_convention="C-0", date_comite="12/04/2023", type_comite="ANNUEL"),
}

MISSING = "valeur obligatoire manquante"
REJECTED = [
    # restructurations
    ("restructurations", "id_restructuration", None, MISSING),
    ("restructurations", "siren", None, MISSING),
    ("restructurations", "siren", "552100555", "« 552100555 » n'est pas un SIREN valide (clé de contrôle incorrecte)"),
    ("restructurations", "siren", "55210055", "« 55210055 » n'est pas un SIREN valide (9 chiffres attendus)"),
    ("restructurations", "raison_sociale", None, MISSING),
    ("restructurations", "code_commune", None, MISSING),
    ("restructurations", "code_commune", "Toul", "« Toul » n'est pas un code commune INSEE"),
    ("restructurations", "date_notification", None, MISSING),
    ("restructurations", "date_notification", "16/01/2002", "« 16/01/2002 » : antérieure au 17/01/2002"),
    ("restructurations", "type_procedure", None, MISSING),
    ("restructurations", "type_procedure", "LICENCIEMENT", "« LICENCIEMENT » n'est pas une valeur admise (PSE, RCC, AUTRE)"),
    ("restructurations", "emplois_supprimes", None, MISSING),
    ("restructurations", "emplois_supprimes", "-1", "« -1 » : nombre négatif"),
    ("restructurations", "emplois_supprimes", "12,5", "« 12,5 » n'est pas un nombre entier (pas de décimales)"),
    # conventions
    ("conventions", "id_convention", None, MISSING),
    ("conventions", "id_restructuration", None, MISSING),
    ("conventions", "id_restructuration", "R-404", "la restructuration R-404 est inconnue"),
    ("conventions", "date_signature", None, MISSING),
    ("conventions", "date_signature", "14/01/2022", "« 14/01/2022 » : antérieure à la notification"),
    ("conventions", "duree_mois", "0", "« 0 » : inférieur au minimum admis (1)"),
    ("conventions", "duree_mois", "121", "« 121 » : supérieur au maximum admis (120)"),
    ("conventions", "departement", None, MISSING),
    ("conventions", "departement", "20", "« 20 » n'est pas un code de département"),
    ("conventions", "departement", "975", "« 975 » n'est pas un code de département"),
    ("conventions", "taux_smic", "deux", "« deux » n'est pas un nombre"),
    ("conventions", "taux_smic", "-1", "« -1 » : nombre négatif"),
    ("conventions", "montant_engage", None, MISSING),
    ("conventions", "montant_engage", "-1", "« -1 » : montant négatif"),
    ("conventions", "modalite", None, MISSING),
    ("conventions", "modalite", "Magique", "« Magique » n'est pas une valeur admise (DIRECTE, MUTUALISEE, MIXTE, TRESOR)"),
    ("conventions", "objectif_emplois", "-5", "« -5 » : nombre négatif"),
    ("conventions", "statut", "FINIE", "« FINIE » n'est pas une valeur admise (EN_COURS, CLOSE, PROLONGEE, RESILIEE)"),
    # fonds
    ("fonds", "id_fonds", None, MISSING),
    ("fonds", "nom", None, MISSING),
    ("fonds", "departement", None, MISSING),
    ("fonds", "departement", "100", "« 100 » n'est pas un code de département"),
    ("fonds", "gestionnaire", None, MISSING),
    ("fonds", "date_creation", "32/01/2020", "« 32/01/2020 » n'est pas une date valide"),
    # dotations
    ("dotations", "id_convention", None, MISSING),
    ("dotations", "id_convention", "C-404", "la convention C-404 est inconnue"),
    ("dotations", "id_fonds", None, MISSING),
    ("dotations", "id_fonds", "F-404", "le fonds F-404 est inconnu"),
    ("dotations", "montant", None, MISSING),
    ("dotations", "montant", "0 €", "« 0 € » : le montant doit être supérieur à 0"),
    ("dotations", "montant", "-10", "« -10 » : montant négatif"),
    ("dotations", "date_versement", None, MISSING),
    # aides
    ("aides", "id_aide", None, MISSING),
    ("aides", "id_fonds", None, "indiquez la convention (aide directe) ou le fonds"),
    ("aides", "id_fonds", "F-404", "le fonds F-404 est inconnu"),
    ("aides", "siren_beneficiaire", "123456789", "« 123456789 » n'est pas un SIREN valide (clé de contrôle incorrecte)"),
    ("aides", "nom_beneficiaire", None, MISSING),
    ("aides", "code_commune", None, MISSING),
    ("aides", "code_commune", "54999", "« 54999 » n'est pas un code commune INSEE connu"),
    ("aides", "code_naf", "62-01", "« 62-01 » n'est pas un code NAF rév. 2 (format 62.01Z attendu)"),
    ("aides", "type_aide", None, MISSING),
    ("aides", "type_aide", "DON", "« DON » n'est pas une valeur admise (PRET, PRET_HONNEUR, SUBVENTION"),
    ("aides", "date_decision", None, MISSING),
    ("aides", "date_decision", "avril 2023", "« avril 2023 » n'est pas une date"),
    ("aides", "montant_revitalisation", None, MISSING),
    ("aides", "montant_revitalisation", "12 k€", "« 12 k€ » n'est pas un montant en euros"),
    ("aides", "cofinancement_public", "-1", "« -1 » : montant négatif"),
    ("aides", "cofinancement_prive", "-1", "« -1 » : montant négatif"),
    ("aides", "emplois_prevus", None, MISSING),
    ("aides", "emplois_prevus", "-2", "« -2 » : nombre négatif"),
    # suivi_emplois
    ("suivi_emplois", "id_aide", None, MISSING),
    ("suivi_emplois", "id_aide", "A-404", "l'aide A-404 est inconnue"),
    ("suivi_emplois", "date_constat", None, MISSING),
    ("suivi_emplois", "date_constat", "31/12/2022", "« 31/12/2022 » : antérieure à la décision de l'aide A-0 (01/01/2023)"),
    ("suivi_emplois", "emplois_crees", None, MISSING),
    ("suivi_emplois", "emplois_crees", "-1", "« -1 » : nombre négatif"),
    # comites (v2)
    ("comites", "id_comite", None, MISSING),
    ("comites", "id_convention", None, "indiquez la convention ou le fonds dont le comité assure le suivi"),
    ("comites", "id_convention", "C-404", "la convention C-404 est inconnue"),
    ("comites", "date_comite", None, MISSING),
    ("comites", "date_comite", "31/12/2099", "« 31/12/2099 » : date dans le futur (après le jour du chargement"),
    ("comites", "date_comite", "31/02/2024", "« 31/02/2024 » n'est pas une date valide"),
    ("comites", "type_comite", None, MISSING),
    ("comites", "type_comite", "MENSUEL", "« MENSUEL » n'est pas une valeur admise (ANNUEL, FINAL, AUTRE)"),
]

ACCEPTED = [   # (dataset, column, value written by the user, column read back, value stored)
    ("restructurations", "siren", "552 100 554", "siren", "552100554"),
    ("restructurations", "code_commune", "13201", "code_commune", "13055"),        # Marseille 1er
    ("restructurations", "code_commune", "75111", "code_commune", "75056"),        # Paris 11e
    ("restructurations", "code_commune", "2a004", "code_commune", "2A004"),        # Ajaccio
    ("restructurations", "date_notification", "17/01/2002", "date_notification", dt.date(2002, 1, 17)),
    ("restructurations", "type_procedure", "rcc", "type_procedure", "RCC"),
    ("restructurations", "emplois_supprimes", "0", "emplois_supprimes", 0),
    ("conventions", "duree_mois", None, "duree_mois", 36),
    ("conventions", "duree_mois", "120", "duree_mois", 120),
    ("conventions", "objectif_emplois", None, "objectif_emplois", 826),   # the restructuring's jobs cut
    ("conventions", "statut", None, "statut", "EN_COURS"),
    ("conventions", "departement", "2a", "departement", "2A"),
    ("conventions", "departement", "1", "departement", "01"),
    ("conventions", "montant_engage", "1 325 000,50 €", "montant_engage", 1325000.50),
    ("conventions", "montant_engage", "0", "montant_engage", 0.0),
    ("conventions", "modalite", "Mutualisée", "modalite", "MUTUALISEE"),
    ("fonds", "date_creation", None, "date_creation", None),
    ("dotations", "montant", "0,01", "montant", 0.01),
    ("aides", "siren_beneficiaire", None, "siren_beneficiaire", None),
    ("aides", "code_naf", "6201Z", "code_naf", "62.01Z"),
    ("aides", "cofinancement_public", None, "cofinancement_public", 0.0),
    ("aides", "cofinancement_prive", None, "cofinancement_prive", 0.0),
    ("aides", "type_aide", "prêt d'honneur", "type_aide", "PRET_HONNEUR"),
    ("aides", "montant_revitalisation", "0", "montant_revitalisation", 0.0),
    ("suivi_emplois", "date_constat", "01/01/2023", "date_constat", dt.date(2023, 1, 1)),   # same day: allowed
    ("suivi_emplois", "emplois_crees", "0", "emplois_crees", 0),
    ("comites", "type_comite", "Final", "type_comite", "FINAL"),
    ("comites", "date_comite", "2023-04-12", "date_comite", dt.date(2023, 4, 12)),
    ("comites", "commentaire", None, "commentaire", None),
    ("comites", "id_fonds", None, "id_fonds", None),
]


@pytest.fixture(scope="module")
def resolver():
    return CommuneResolver.from_files()


def _context() -> Context:
    """Parents already in the warehouse: R-0 (826 jobs cut, notified 15/01/2022), C-0, F-0, A-0."""
    return Context(existing={
        "restructurations": pl.DataFrame({"id_restructuration": ["R-0"], "date_notification": [dt.date(2022, 1, 15)],
                                          "emplois_supprimes": [826]}),
        "conventions": pl.DataFrame({"id_convention": ["C-0"]}),
        "fonds": pl.DataFrame({"id_fonds": ["F-0"]}),
        "aides": pl.DataFrame({"id_aide": ["A-0"], "date_decision": [dt.date(2023, 1, 1)], "emplois_prevus": [5]}),
    }, rules=regles_par_defaut())


def _validate(dataset, column, value, resolver):
    row = {**BASE[dataset], column: value}
    return validate_dataset([raw_table(dataset, [row])], _context(), resolver)


@pytest.mark.parametrize("dataset", list(BASE))
def test_base_rows_are_valid(dataset, resolver):
    v = validate_dataset([raw_table(dataset, [BASE[dataset]])], _context(), resolver)
    assert (v.valid.height, v.rejected.height) == (1, 0), v.rejected["message"].to_list()


@pytest.mark.parametrize("dataset,column,value,expected", REJECTED,
                         ids=[f"{d}.{c}={v!r}" for d, c, v, _ in REJECTED])
def test_each_rule_rejects_its_row_with_a_french_sentence(dataset, column, value, expected, resolver):
    v = _validate(dataset, column, value, resolver)
    assert v.valid.height == 0
    row = v.rejected.row(0, named=True)
    named = "id_convention" if dataset == "aides" and column == "id_fonds" and value is None else column
    assert row["colonne"] == named      # an aid with neither parent is reported on id_convention
    assert row["message"].startswith(f"colonne {named} : {expected}"), row["message"]
    assert row["valeur"] == value
    assert (row["fichier"], row["ligne"]) == (f"{dataset}.csv", 2)


@pytest.mark.parametrize("dataset,column,value,read,stored", ACCEPTED,
                         ids=[f"{d}.{c}={v!r}" for d, c, v, _, _ in ACCEPTED])
def test_accepted_forms_and_defaults(dataset, column, value, read, stored, resolver):
    v = _validate(dataset, column, value, resolver)
    assert v.rejected.height == 0, v.rejected["message"].to_list()
    got = v.valid[read][0]
    assert (float(got) if isinstance(stored, float) and got is not None else got) == stored
