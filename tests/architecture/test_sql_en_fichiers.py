"""Write-side SQL lives in files too: no statement is written in a Python string of core/ or pipelines/.

The writers run `sql/ecriture/*.sql` by name (`core.sql.sql_ecriture`), values bound; a table name
from the data contract fills a `{table}` placeholder, checked to be a plain identifier.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from core.sql import correspondance, declared_params, identifiants, sql_ecriture

RACINE = Path(__file__).resolve().parents[2]
INSTRUCTION = re.compile(r"^\s*(SELECT|INSERT|DELETE|UPDATE|CREATE|DROP|ALTER|WITH|BEGIN|COMMIT|ROLLBACK|"
                         r"CHECKPOINT)\b")   # the project writes SQL keywords in capitals


def _chaines(chemin: Path) -> list[tuple[int, str]]:
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    morceaux = []
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Constant) and isinstance(noeud.value, str):
            morceaux.append((noeud.lineno, noeud.value))
        elif isinstance(noeud, ast.JoinedStr):
            texte = "".join(v.value for v in noeud.values if isinstance(v, ast.Constant))
            morceaux.append((noeud.lineno, texte))
    return morceaux


def test_aucune_instruction_sql_dans_une_chaine_python():
    trouvees = [f"{chemin.relative_to(RACINE)}:{ligne}: {texte[:60]!r}"
                for dossier in ("core", "pipelines") for chemin in sorted((RACINE / dossier).rglob("*.py"))
                for ligne, texte in _chaines(chemin) if INSTRUCTION.match(texte)]
    assert not trouvees, trouvees


def test_les_fichiers_d_ecriture_lient_leurs_valeurs():
    fichiers = sorted((RACINE / "sql" / "ecriture").glob("*.sql"))
    assert len(fichiers) >= 20
    assert declared_params("lot_journal") == {"batch_id", "source", "fichiers", "empreinte", "nb_charges",
                                              "nb_rejetes", "nb_signales", "detail", "debut", "fin"}
    assert sql_ecriture("lot_inserer_lignes", table="aides", colonnes=["id_aide", "ligne"]).splitlines()[-1] \
        == "INSERT INTO aides (id_aide, ligne) SELECT id_aide, ligne FROM _lot_valid"


@pytest.mark.parametrize("nom", ["aides; DROP TABLE aides", "Aides", "a b", "x'", "1table", ""])
def test_un_nom_de_table_n_est_jamais_du_texte_libre(nom):
    with pytest.raises(ValueError):
        identifiants(nom)
    with pytest.raises(ValueError):
        sql_ecriture("reference_vider", table=nom)
    with pytest.raises(ValueError):
        correspondance("aides", [nom])
