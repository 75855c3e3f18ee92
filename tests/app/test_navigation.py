"""The menu lists every page of ecrans/, and a page whose file is missing stops the app loudly."""
import ast
import shutil

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


def test_page_absente_erreur_visible(tmp_path, monkeypatch, petit_entrepot, copy_of):
    shutil.copy2(APP, tmp_path / "app.py")
    shutil.copytree(RACINE / "ecrans", tmp_path / "ecrans")
    (tmp_path / "ecrans" / "fonds.py").unlink()
    monkeypatch.setenv("OBSERVATOIRE_DB", str(copy_of(petit_entrepot)))
    at = AppTest.from_file(str(tmp_path / "app.py"), default_timeout=60).run()
    assert at.exception, "une page absente doit arrêter l'application, pas disparaître du menu"
    assert at.exception[0].proto.type == "streamlit.errors.StreamlitPageNotFoundError"
