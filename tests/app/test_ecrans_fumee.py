"""Smoke test of every page: each one renders on a real warehouse with no exception and no error
box, and every statement it sends to DuckDB goes through the single read door (core.query).

Each page is opened directly (a link /carte), so what is recorded is that page's reads only; the
accessibility statement is a static text and reads nothing."""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.ecran import APP

ECRANS = sorted(p.name for p in (APP.parent / "ecrans").glob("*.py"))
SANS_DONNEES = {"accessibilite.py"}


@pytest.fixture
def espion_lectures(monkeypatch):
    """Records the file that called core.entrepot.execute for every statement run."""
    from core import entrepot, query

    appels: list[str] = []
    origine = entrepot.execute

    def espion(*args, **kwargs):
        appels.append(Path(inspect.stack()[1].filename).name)
        return origine(*args, **kwargs)

    monkeypatch.setattr(entrepot, "execute", espion)
    query.vider_cache()
    yield appels
    query.vider_cache()


@pytest.mark.parametrize("ecran", ECRANS)
@pytest.mark.parametrize("entrepot", ["petit_entrepot", "empty_warehouse"])
def test_chaque_ecran_s_affiche_et_lit_par_la_porte(ecran, entrepot, request, monkeypatch, copy_of, espion_lectures):
    monkeypatch.setenv("OBSERVATOIRE_DB", str(copy_of(request.getfixturevalue(entrepot))))
    at = AppTest.from_file(str(APP), default_timeout=60).switch_page(f"ecrans/{ecran}").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    if ecran in SANS_DONNEES:
        assert espion_lectures == [], "une page qui lit l'entrepôt sort de SANS_DONNEES"
        return
    assert espion_lectures, "la page n'a rien lu"
    assert set(espion_lectures) == {"query.py"}, espion_lectures
