"""The registry of indicators: each measure the observatory shows, defined once.

For every column a view, a table, a chart, a map, a metric, the COPIL PDF, its workbook or the
open-data files show: its French label, its kind (which decides the format: "1 100", "12 500 €",
"60 %", "×2,4"), its help text and, for computed ones, where its formula is defined (one SQL
macro each, `sql/macros/<code>.sql`). Three wordings may exist because the places differ in room:
`libelle` (metrics, charts, maps), `entete` (table headers in the app, shorter where needed) and
`document` (the PDF and the workbook, fuller). Labels and help texts may name a legal value as
`{cle}` of `ref_regle` (`{duree_max_mois}`, `{multiple_minimum}`…): `texte(modele, regles)` fills
them from the warehouse's rules, so changing a rule changes every text that shows it.

Kinds: entier, decimal, euros, taux (a fraction, shown in %), multiple (×), annee, date, booleen,
texte. `compact` asks metrics to show euros compactly (1,3 M€).
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Indicateur:
    code: str
    libelle: str
    genre: str
    aide: str | None = None
    entete: str | None = None
    document: str | None = None
    formule: str | None = None      # the SQL file defining it, for computed ratios
    compact: bool = False
    court: str | None = None        # header of a narrow column (the COPIL brief's tables)

    @property
    def titre_tableau(self) -> str:
        return self.entete or self.libelle

    @property
    def titre_court(self) -> str:
        return self.court or self.entete or self.libelle

    @property
    def titre_document(self) -> str:
        return self.document or self.libelle


def _i(code, libelle, genre, aide=None, **autres) -> tuple[str, Indicateur]:
    return code, Indicateur(code, libelle, genre, aide, **autres)


INDICATEURS: dict[str, Indicateur] = dict([
    # Jobs
    _i("emplois_supprimes", "Emplois supprimés", "entier", "Restructurations notifiées sur la période",
       court="Empl. suppr."),
    _i("emplois_prevus", "Emplois prévus", "entier", "Emplois que les aides prévoient de créer"),
    _i("emplois_crees", "Emplois créés", "entier", "Dernier constat de chaque aide"),
    _i("emplois_crees_attribues", "Emplois créés attribués", "entier",
       "Emplois attribués à la convention (aides directes et part des fonds)", court="Empl. créés"),
    _i("objectif_emplois", "Objectif d'emplois", "entier", court="Objectif"),
    # Euros
    _i("montant_revitalisation", "Euros de revitalisation", "euros", "Montants des aides",
       entete="Revitalisation", document="Montant de revitalisation", compact=True),
    _i("cofinancement_public", "Cofinancement public", "euros"),
    _i("cofinancement_prive", "Cofinancement privé", "euros"),
    _i("cofinancements", "Cofinancements", "euros"),
    _i("montant_engage", "Montant engagé", "euros", court="Engagé"),
    _i("montant_attribue", "Montant attribué", "euros", "Euros des aides attribuées à la convention",
       entete="Attribué"),
    _i("contribution_minimale", "Minimum légal", "euros",
       "{multiple_minimum} SMIC mensuels par emploi supprimé (L1233-86)", document="Contribution minimale légale"),
    _i("dotations", "Dotations reçues", "euros", "Versements des conventions au fonds", entete="Dotations",
       document="Dotations"),
    _i("smic_mensuel", "SMIC mensuel retenu", "decimal"),
    # Counts
    _i("nb_beneficiaires", "Entreprises aidées", "entier", "SIREN distincts", court="Entreprises"),
    _i("nb_aides", "Aides", "entier"),
    _i("nb_conventions", "Conventions signées", "entier", entete="Conventions"),
    _i("nb_signalements", "Signalements", "entier"),
    # Ratios (formula: one SQL macro each)
    _i("effet_levier", "Effet de levier", "multiple", "(revitalisation + cofinancements) / revitalisation",
       formule="sql/macros/effet_levier.sql", court="Levier"),
    _i("euros_par_emploi", "Euros par emploi créé", "euros", "Revitalisation / emplois créés",
       document="Euros par emploi", formule="sql/macros/euros_par_emploi.sql", court="€ par emploi"),
    _i("taux_recreation", "Taux de recréation", "taux", "Emplois créés / emplois supprimés",
       formule="sql/macros/taux_recreation.sql", court="Recréation"),
    _i("taux_realisation", "Taux de réalisation", "taux", "Emplois créés / emplois prévus",
       formule="sql/macros/taux_realisation.sql"),
    _i("taux_atteinte_objectif", "Atteinte de l'objectif", "taux", "Emplois créés attribués / objectif d'emplois",
       document="Taux d'atteinte de l'objectif", formule="sql/macros/taux_atteinte_objectif.sql"),
    _i("taux_consommation", "Consommation", "taux", "Euros attribués / montant engagé",
       document="Taux de consommation", formule="sql/macros/taux_consommation.sql", court="Consom."),
    # Compliance with the law (rules of ref_regle)
    _i("conforme_minimum", "Minimum légal respecté", "booleen", document="Conforme au minimum"),
    _i("sous_minimum", "Sous le minimum légal", "booleen"),
    _i("duree_sup_max", "Durée > {duree_max_mois} mois", "booleen"),
    _i("signature_tardive", "Signature tardive", "booleen",
       "Plus de {delai_signature_mois} mois après la notification"),
    _i("sup_penalite", "Au-delà de {multiple_penalite} SMIC", "booleen", "Montant supérieur au versement au Trésor"),
    # Time
    _i("annee", "Année", "annee"),
])

_PLACE = re.compile(r"\{(\w+)\}")


def indicateur(code: str) -> Indicateur:
    """The registry's entry for `code` (KeyError names the unknown code)."""
    try:
        return INDICATEURS[code]
    except KeyError:
        raise KeyError(f"indicateur inconnu : {code}") from None


def valeur_regle(valeur) -> str:
    """A rule's value as French text: 2.0 → '2', 1.5 → '1,5', 'signature' unchanged."""
    try:
        nombre = float(str(valeur).replace(",", "."))
    except ValueError:
        return str(valeur)
    return str(int(nombre)) if nombre == int(nombre) else f"{nombre}".replace(".", ",")


def texte(modele: str | None, regles: dict | None) -> str | None:
    """`modele` with each `{cle}` replaced by that rule's value (from ref_regle)."""
    if modele is None or "{" not in modele:
        return modele
    regles = regles or {}

    def remplacer(m: re.Match) -> str:
        if m.group(1) not in regles:
            raise KeyError(f"règle absente de ref_regle : {m.group(1)}")
        return valeur_regle(regles[m.group(1)])

    return _PLACE.sub(remplacer, modele)
