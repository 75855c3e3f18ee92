"""The data contract v1 as data: datasets, columns, types and rules (../shared/docs/data-contract.md).

Readers, validators, the sample generator, the template workbook and the docs all read this
one description, so a column is named and typed in exactly one place.
"""
from __future__ import annotations

from dataclasses import dataclass, field

DEPARTEMENTS = tuple(
    [f"{i:02d}" for i in range(1, 96) if i != 20] + ["2A", "2B"]
    + ["971", "972", "973", "974", "976"]
)
TYPES_PROCEDURE = ("PSE", "RCC", "AUTRE")
MODALITES = ("DIRECTE", "MUTUALISEE", "MIXTE", "TRESOR")
STATUTS = ("EN_COURS", "CLOSE", "PROLONGEE", "RESILIEE")
TYPES_AIDE = ("PRET", "PRET_HONNEUR", "SUBVENTION", "GARANTIE", "ACCOMPAGNEMENT",
              "ACTION_COLLECTIVE", "FORMATION")
DATE_MIN_NOTIFICATION = "2002-01-17"  # loi de modernisation sociale


@dataclass(frozen=True)
class Column:
    name: str
    kind: str              # text, siren, commune, date, procedure_enum..., int, euros, decimal, departement, naf, enum
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    strictly_positive: bool = False
    default: object = None  # constant default, or "=other_column" style handled by validators
    label: str = ""         # French description for docs and the template workbook
    not_future: bool = False  # a date after the day of the load is an error


@dataclass(frozen=True)
class Dataset:
    name: str
    key: tuple[str, ...]                 # identity of a row: same key in a later batch replaces it
    columns: tuple[Column, ...]
    references: tuple[tuple[str, str, str], ...] = field(default=())  # (column, dataset, column)
    label: str = ""

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


RESTRUCTURATIONS = Dataset(
    "restructurations", ("id_restructuration",), (
        Column("id_restructuration", "text", True, label="Identifiant de la restructuration"),
        Column("siren", "siren", True, label="SIREN de l'entreprise (9 chiffres, clé de Luhn)"),
        Column("raison_sociale", "text", True, label="Raison sociale"),
        Column("groupe", "text", label="Groupe"),
        Column("code_commune", "commune", True, label="Code INSEE de la commune du site"),
        Column("date_notification", "date", True, not_future=True, label="Date de notification (≥ 17/01/2002)"),
        Column("type_procedure", "enum", True, choices=TYPES_PROCEDURE, label="PSE, RCC ou AUTRE"),
        Column("emplois_supprimes", "int", True, minimum=0, label="Emplois supprimés"),
    ), label="Restructurations (licenciements à l'origine de l'obligation)")

CONVENTIONS = Dataset(
    "conventions", ("id_convention",), (
        Column("id_convention", "text", True, label="Identifiant de la convention"),
        Column("id_restructuration", "text", True, label="Restructuration concernée"),
        Column("date_signature", "date", True, not_future=True, label="Date de signature (≥ notification)"),
        Column("duree_mois", "int", minimum=1, maximum=120, default=36, label="Durée en mois (36 par défaut)"),
        Column("departement", "departement", True, label="Département (01…95, 2A, 2B, 971…976)"),
        Column("taux_smic", "decimal", minimum=0, label="Multiple du SMIC mensuel par emploi supprimé"),
        Column("montant_engage", "euros", True, minimum=0, label="Contribution totale engagée (€)"),
        Column("modalite", "enum", True, choices=MODALITES, label="DIRECTE, MUTUALISEE, MIXTE ou TRESOR"),
        Column("operateur", "text", label="Opérateur (prestataire)"),
        Column("objectif_emplois", "int", minimum=0, default="=emplois_supprimes",
               label="Objectif d'emplois (défaut : emplois supprimés)"),
        Column("statut", "enum", choices=STATUTS, default="EN_COURS", label="EN_COURS, CLOSE, PROLONGEE ou RESILIEE"),
        Column("commentaire", "text", label="Commentaire libre (extension v1.1)"),
    ), references=(("id_restructuration", "restructurations", "id_restructuration"),),
    label="Conventions de revitalisation")

FONDS = Dataset(
    "fonds", ("id_fonds",), (
        Column("id_fonds", "text", True, label="Identifiant du fonds"),
        Column("nom", "text", True, label="Nom du fonds"),
        Column("departement", "departement", True, label="Département"),
        Column("gestionnaire", "text", True, label="Gestionnaire (opérateur)"),
        Column("date_creation", "date", label="Date de création"),
        Column("commentaire", "text", label="Commentaire libre, ex. ambiguïté d'un chiffre publié (extension v1.1)"),
    ), label="Fonds mutualisés départementaux")

DOTATIONS = Dataset(
    "dotations", ("id_convention", "id_fonds", "date_versement"), (
        Column("id_convention", "text", True, label="Convention qui verse"),
        Column("id_fonds", "text", True, label="Fonds qui reçoit"),
        Column("montant", "euros", True, minimum=0, strictly_positive=True, label="Montant versé (€, > 0)"),
        Column("date_versement", "date", True, not_future=True, label="Date du versement"),
    ), references=(("id_convention", "conventions", "id_convention"), ("id_fonds", "fonds", "id_fonds")),
    label="Dotations des conventions aux fonds")

AIDES = Dataset(
    "aides", ("id_aide",), (
        Column("id_aide", "text", True, label="Identifiant de l'aide"),
        Column("id_convention", "text", label="Convention (si aide directe)"),
        Column("id_fonds", "text", label="Fonds (si aide d'un fonds mutualisé)"),
        Column("siren_beneficiaire", "siren", label="SIREN du bénéficiaire (sauf action collective)"),
        Column("nom_beneficiaire", "text", True, label="Nom du bénéficiaire ou de l'action"),
        Column("code_commune", "commune", True, label="Commune où les emplois sont créés"),
        Column("code_naf", "naf", label="Code NAF rév. 2 (ex. 62.01Z)"),
        Column("type_aide", "enum", True, choices=TYPES_AIDE, label="Instrument"),
        Column("date_decision", "date", True, not_future=True, label="Date de décision"),
        Column("montant_revitalisation", "euros", True, minimum=0, label="Montant de revitalisation (€)"),
        Column("cofinancement_public", "euros", minimum=0, default=0, label="Cofinancement public (€)"),
        Column("cofinancement_prive", "euros", minimum=0, default=0, label="Cofinancement privé (€)"),
        Column("emplois_prevus", "int", True, minimum=0, label="Emplois prévus"),
    ), references=(("id_convention", "conventions", "id_convention"), ("id_fonds", "fonds", "id_fonds")),
    label="Aides (projets, entreprises, actions collectives)")

SUIVI_EMPLOIS = Dataset(
    "suivi_emplois", ("id_aide", "date_constat"), (
        Column("id_aide", "text", True, label="Aide suivie"),
        Column("date_constat", "date", True, not_future=True, label="Date du constat (≥ décision)"),
        Column("emplois_crees", "int", True, minimum=0,
               label="Emplois créés cumulés à cette date (CDI ou CDD > 6 mois)"),
    ), references=(("id_aide", "aides", "id_aide"),),
    label="Suivi des emplois créés")

# Load order: a dataset only references datasets before it.
DATASETS: tuple[Dataset, ...] = (RESTRUCTURATIONS, CONVENTIONS, FONDS, DOTATIONS, AIDES, SUIVI_EMPLOIS)
BY_NAME = {d.name: d for d in DATASETS}
