"""The protected tables are computed once per data version and filters: by the warm-up that a
new version starts, or by the first session that asks; the others wait for it."""
from __future__ import annotations

import threading
import time

import pytest

from core import diffusion, entrepot, secret

SANS_FILTRE = {k: None for k in diffusion.FILTRES}


@pytest.fixture
def calculs(monkeypatch):
    """Each computation of the five tables, with the thread that ran it (slowed down a little,
    so that concurrent requests do meet)."""
    faits: list[str] = []
    original = secret.proteger_ensemble

    def compte(*args, **kwargs):
        faits.append(threading.current_thread().name)
        time.sleep(0.3)
        return original(*args, **kwargs)

    monkeypatch.setattr(secret, "proteger_ensemble", compte)
    diffusion.vider_cache()
    yield faits
    diffusion.vider_cache()


def test_the_warm_up_computes_the_unfiltered_public_tables_in_the_background(entrepot_secret, calculs):
    version = entrepot.data_version(entrepot_secret)
    diffusion.prechauffer(version, db=entrepot_secret)
    diffusion.prechauffer(version, db=entrepot_secret)   # once per version
    fond = [t for t in threading.enumerate() if t.name == "secret-prechauffage"]
    assert len(fond) == 1
    fond[0].join(timeout=120)
    assert calculs == ["secret-prechauffage"]
    t = diffusion.tableau(SANS_FILTRE, db=entrepot_secret, version=version)   # the public view's
    assert calculs == ["secret-prechauffage"] and t.cellules.height > 0
    diffusion.tableau({**SANS_FILTRE, "annee_debut": 2022}, db=entrepot_secret, version=version)
    assert calculs == ["secret-prechauffage", "MainThread"]   # other filters: computed when asked


def test_sessions_asking_at_once_share_one_computation(entrepot_secret, calculs):
    version = entrepot.data_version(entrepot_secret)
    resultats: list = []
    sessions = [threading.Thread(target=lambda: resultats.append(
        diffusion.tableau(SANS_FILTRE, "type_aide", db=entrepot_secret, version=version)), name=f"session-{i}")
        for i in range(3)]
    for s in sessions:
        s.start()
    for s in sessions:
        s.join(timeout=120)
    assert len(calculs) == 1 and len(resultats) == 3
    assert all(r is resultats[0] for r in resultats)


def test_a_failed_computation_is_not_kept(entrepot_secret, monkeypatch):
    diffusion.vider_cache()
    original = secret.proteger_ensemble
    monkeypatch.setattr(secret, "proteger_ensemble", lambda *a, **k: (_ for _ in ()).throw(MemoryError("plein")))
    with pytest.raises(MemoryError):
        diffusion.tableau(SANS_FILTRE, db=entrepot_secret)
    monkeypatch.setattr(secret, "proteger_ensemble", original)
    assert diffusion.tableau(SANS_FILTRE, db=entrepot_secret).cellules.height > 0
    diffusion.vider_cache()
