"""The fields of the open-data files (data.gouv.fr): names, Table Schema types and French
descriptions, said once for the CSV/Parquet writer, `schema.json` and the README."""
from __future__ import annotations

# (name, Table Schema type, description)
CODES = {
    "zones_emploi": [("code_ze", "string", "Code INSEE de la zone d'emploi 2020"),
                     ("libelle", "string", "Nom de la zone d'emploi")],
    "departements": [("code_departement", "string", "Code du département"),
                     ("libelle", "string", "Nom du département"),
                     ("code_region", "string", "Code de la région du département")],
    "regions": [("code_region", "string", "Code de la région"),
                ("libelle", "string", "Nom de la région")],
    "national": [("code", "string", "FR (France entière)"),
                 ("libelle", "string", "France")],
    "series_departements": [("code_departement", "string", "Code du département"),
                            ("libelle", "string", "Nom du département"),
                            ("annee", "integer", "Année (notification des licenciements, décision des "
                                                 "aides, signature des conventions)")],
}
MESURES = [
    ("emplois_supprimes", "integer", "Emplois supprimés par les restructurations dont le site est dans "
                                     "le territoire (publiés tels quels : licenciements annoncés publiquement)"),
    ("emplois_prevus", "number", "Emplois prévus par les aides (secret statistique)"),
    ("emplois_crees", "number", "Emplois créés, dernier constat de suivi de chaque aide (secret statistique)"),
    ("montant_revitalisation", "number", "Euros de revitalisation des aides (secret statistique)"),
    ("cofinancement_public", "number", "Cofinancements publics des aides, euros (secret statistique)"),
    ("cofinancement_prive", "number", "Cofinancements privés des aides, euros (secret statistique)"),
    ("nb_beneficiaires", "integer", "Entreprises bénéficiaires distinctes (SIREN) (secret statistique)"),
    ("nb_aides", "integer", "Nombre d'aides (secret statistique)"),
    ("effet_levier", "number", "(revitalisation + cofinancements) / revitalisation (secret statistique)"),
    ("euros_par_emploi", "number", "Euros de revitalisation par emploi créé (secret statistique)"),
    ("taux_recreation", "number", "Emplois créés / emplois supprimés, fraction (secret statistique)"),
    ("taux_realisation", "number", "Emplois créés / emplois prévus, fraction (secret statistique)"),
    ("nb_conventions", "integer", "Conventions de revitalisation signées (publiées telles quelles)"),
]
SECRET = ("secret", "string", "Secret statistique de la ligne : « primaire » (moins de 3 entreprises "
                              "ou une entreprise au-delà de 85 %), « secondaire » (masquée pour qu'une "
                              "case primaire ne puisse pas être recalculée) ou vide (publiée)")
CLES = {"zones_emploi": ["code_ze"], "departements": ["code_departement"], "regions": ["code_region"],
        "national": ["code"], "series_departements": ["code_departement", "annee"]}
TITRES = {
    "zones_emploi": "Indicateurs par zone d'emploi 2020",
    "departements": "Indicateurs par département",
    "regions": "Indicateurs par région",
    "national": "Indicateurs France entière",
    "series_departements": "Séries annuelles par département",
}


def champs(fichier: str) -> list[tuple[str, str, str]]:
    return [*CODES[fichier], *MESURES, SECRET]


def table_schema(fichier: str) -> dict:
    """The Table Schema (frictionless) of one file."""
    fields = []
    for nom, type_, description in champs(fichier):
        f = {"name": nom, "type": type_, "description": description}
        if nom == "secret":
            f["constraints"] = {"enum": ["primaire", "secondaire"]}
        fields.append(f)
    return {"fields": fields, "primaryKey": CLES[fichier], "missingValues": [""]}
