"""One definition per thing: the registry of indicators and the legal values.

Every ratio column of the views has one SQL macro (its registry `formule`), every `{cle}` a
registry text names is a rule of data/rules/regles.csv, and no page, PDF or workbook text writes a
legal value (2 SMIC, 4 SMIC, 36 mois, 6 mois) by hand: those come from ref_regle. No page writes an
indicator's label by hand either: metrics, tables and charts take it from the registry.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from core.indicateurs import INDICATEURS, texte
from core.regles import lire_regles_csv

RACINE = Path(__file__).resolve().parents[2]
CODE_APPLI = [*sorted((RACINE / "ecrans").glob("*.py")), *sorted((RACINE / "observatoire").rglob("*.py"))]
VALEUR_LEGALE = re.compile(r"\b(\d+)\s*(×\s*)?(SMIC|mois)\b")


def test_chaque_formule_est_une_macro_sql():
    for ind in INDICATEURS.values():
        if ind.formule:
            fichier = RACINE / ind.formule
            assert fichier.is_file(), ind.formule
            assert re.search(rf"CREATE OR REPLACE MACRO {ind.code}\(", fichier.read_text()), ind.formule


def test_les_ratios_ne_sont_ecrits_qu_une_fois_en_sql():
    """Outside its macro, no SQL file divides by NULLIF to compute a registry ratio."""
    for chemin in (RACINE / "sql").rglob("*.sql"):
        t = chemin.read_text(encoding="utf-8")
        for code in ("effet_levier", "euros_par_emploi", "taux_recreation", "taux_realisation",
                     "taux_atteinte_objectif", "taux_consommation"):
            if chemin.stem == code:
                continue
            assert not re.search(rf"NULLIF\([^)]*\)\s*AS {code}\b", t, re.IGNORECASE), (chemin.name, code)


def test_les_textes_du_registre_nomment_des_regles_existantes():
    regles = {cle: valeur for cle, valeur, _l, _a in lire_regles_csv()}
    for ind in INDICATEURS.values():
        for modele in (ind.libelle, ind.entete, ind.document, ind.aide):
            texte(modele, regles)   # raises KeyError on an unknown rule


def test_une_regle_changee_change_le_texte():
    assert texte("Durée > {duree_max_mois} mois", {"duree_max_mois": "48"}) == "Durée > 48 mois"
    assert texte("{multiple_minimum} SMIC", {"multiple_minimum": "1.5"}) == "1,5 SMIC"


def test_aucune_valeur_legale_ecrite_a_la_main():
    fautes = []
    for chemin in CODE_APPLI:
        for n, ligne in enumerate(chemin.read_text(encoding="utf-8").splitlines(), 1):
            code = ligne.split("#")[0]
            for m in VALEUR_LEGALE.finditer(code):
                valeur, unite = m.group(1), m.group(3)
                if (unite == "SMIC" and valeur in ("2", "4")) or (unite == "mois" and valeur in ("6", "36")):
                    if "CDD de plus de 6 mois" in code:   # the definition of a created job, not a rule
                        continue
                    fautes.append(f"{chemin.relative_to(RACINE)}:{n}: {m.group(0)}")
    assert not fautes, fautes


# The COPIL brief's text and charts (its workbook's columns come from the registry through
# `colonnes`; its other strings are sheet names, which may be words of the registry).
COPIL = [RACINE / "observatoire" / "copil" / n for n in ("pdf.py", "pdf_echeances.py", "figures.py", "collect.py")]


def test_aucune_page_n_ecrit_un_libelle_d_indicateur():
    """A page (ecrans/) or the COPIL brief that shows an indicator names it through the registry
    (layout.libelle_indicateur, tableaux.libelle_colonne, Indicateur.titre_court…), never as a
    string of its own: one wording per place."""
    libelles = {t for i in INDICATEURS.values() for t in (i.libelle, i.entete, i.document, i.court) if t}
    ecrits = [f"{p.name}:{n.lineno} {n.value!r}" for p in [*sorted((RACINE / "ecrans").glob("*.py")), *COPIL]
              for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
              if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in libelles]
    assert not ecrits, ecrits
