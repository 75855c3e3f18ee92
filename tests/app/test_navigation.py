"""The menu lists every page of ecrans/ under its file's name, and a page whose file is missing
stops the app loudly."""
import ast
import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.fixtures.ecran import APP

RACINE = APP.parent


def _chemins_du_menu() -> set[str]:
    arbre = ast.parse(APP.read_text(encoding="utf-8"))
    return {n.value for n in ast.walk(arbre)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith("ecrans/")}


def test_chaque_ecran_est_au_menu():
    fichiers = {f"ecrans/{p.name}" for p in (RACINE / "ecrans").glob("*.py")}
    assert fichiers == _chemins_du_menu()


def test_chaque_url_est_le_nom_du_fichier():
    """/carte is ecrans/carte.py: links keep working, and the app tests open a page directly by its
    file (tests/fixtures/ecran.py), which AppTest resolves by file name before the first run."""
    arbre = ast.parse(APP.read_text(encoding="utf-8"))
    constantes = {n.targets[0].id: n.value.value for n in arbre.body if isinstance(n, ast.Assign)
                  and isinstance(n.targets[0], ast.Name) and isinstance(n.value, ast.Constant)}
    entrees = [[constantes[e.id] if isinstance(e, ast.Name) else e.value for e in n.elts]
               for n in ast.walk(arbre) if isinstance(n, ast.Tuple) and len(n.elts) == 4
               and isinstance(n.elts[-1], ast.Constant)]
    assert {e[0] for e in entrees} == _chemins_du_menu()
    assert all(url == Path(chemin).stem for chemin, _titre, _icone, url in entrees), entrees


def test_page_absente_erreur_visible(tmp_path, monkeypatch, petit_entrepot, copy_of):
    shutil.copy2(APP, tmp_path / "app.py")
    shutil.copytree(RACINE / "ecrans", tmp_path / "ecrans")
    (tmp_path / "ecrans" / "fonds.py").unlink()
    monkeypatch.setenv("OBSERVATOIRE_DB", str(copy_of(petit_entrepot)))
    at = AppTest.from_file(str(tmp_path / "app.py"), default_timeout=60).run()
    assert at.exception, "une page absente doit arrêter l'application, pas disparaître du menu"
    assert at.exception[0].proto.type == "streamlit.errors.StreamlitPageNotFoundError"
