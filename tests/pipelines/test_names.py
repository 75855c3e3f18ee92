"""Name matching: what users type for files, sheets and headers -> the contract's names."""
from __future__ import annotations

import pytest

from pipelines.names import canonical_name, match_column, match_dataset


@pytest.mark.parametrize("raw, expected", [
    ("Emplois supprimés", "emplois_supprimes"),
    ("Suivi-Emplois", "suivi_emplois"),
    ("  Date d’engagement ", "date_d_engagement"),
    ("Date d'engagement", "date_d_engagement"),
    ("N°. SIREN", "n_siren"),
    ("Cœur--de  ville", "coeur_de_ville"),
    ("MONTANT\u202fENGAGÉ", "montant_engage"),
    ("__", ""),
])
def test_canonical_name(raw, expected):
    assert canonical_name(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("restructurations", "restructurations"),
    ("Restructuration", "restructurations"),
    ("aide", "aides"),
    ("Fonds", "fonds"),
    ("fond", "fonds"),
    ("dotation", "dotations"),
    ("suivi emploi", "suivi_emplois"),
    ("SUIVI_EMPLOIS", "suivi_emplois"),
    ("Suivi des emplois", "suivi_emplois"),
    ("Conventions", "conventions"),
    ("01 - Conventions", "conventions"),
    ("budget", None),
    ("suivi", None),
    ("", None),
])
def test_match_dataset(raw, expected):
    assert match_dataset(raw) == expected


@pytest.mark.parametrize("header, dataset, expected", [
    ("emplois_supprimes", "restructurations", "emplois_supprimes"),
    ("Emplois supprimés", "restructurations", "emplois_supprimes"),
    ("Emploi supprimé", "restructurations", "emplois_supprimes"),
    ("Date de notification", "restructurations", "date_notification"),
    ("SIREN", "restructurations", "siren"),
    ("Montant engagé (€)", "conventions", "montant_engage"),
    ("Montant engagé (en euros)", "conventions", "montant_engage"),
    ("Montant engagé €", "conventions", "montant_engage"),
    ("Montants engagés", "conventions", "montant_engage"),
    ("Durée (mois)", "conventions", "duree_mois"),
    ("Durée en mois", "conventions", "duree_mois"),
    ("Identifiant de l'aide", "aides", "id_aide"),
    ("Nom du bénéficiaire", "aides", "nom_beneficiaire"),
    ("Cofinancements privés (€)", "aides", "cofinancement_prive"),
    ("Montant de revitalisation (€)", "aides", "montant_revitalisation"),
    ("Id fonds", "aides", "id_fonds"),
    ("Emplois créés", "suivi_emplois", "emplois_crees"),
    # the template workbook's French label is accepted too
    ("Code INSEE de la commune du site", "restructurations", "code_commune"),
    # usual other spellings
    ("Code INSEE", "aides", "code_commune"),
    ("Commune (code INSEE)", "aides", "code_commune"),
    ("SIREN", "aides", "siren_beneficiaire"),
    ("Code APE", "aides", "code_naf"),
    ("Dépt", "fonds", "departement"),
    # a column of another dataset, or nothing known
    ("montant_engage", "aides", None),
    ("Observations", "aides", None),
    ("", "aides", None),
])
def test_match_column(header, dataset, expected):
    assert match_column(header, dataset) == expected


@pytest.mark.parametrize("header", [
    "Montant engagé (k€)", "Montant engagé (K€)", "Montant engagé (M€)", "Montant engagé (keur)",
    "Montant engagé (en milliers d'euros)", "Montant engagé en milliers d'euros",
])
def test_scaled_money_units_match_nothing(header):
    """Thousands of euros read as euros would be 1 000 times off: such a header must not match."""
    assert match_column(header, "conventions") is None


def test_match_column_accepts_a_dataset_spelled_loosely():
    assert match_column("Emplois créés", "Suivi des emplois") == "emplois_crees"
    assert match_column("Emplois créés", "inconnu") is None
