"""The bundled sample's rows, generated once per test run for the tests that read them.

`lignes_echantillon` is `generer_lignes()` at scale 1 with the default seed: the rows whose files
are data/sample (test_generate writes them and compares the bytes) and whose shape
test_distributions checks. The first process to need them generates them and leaves a pickle
in the folder the xdist workers share (`tests.fixtures.entrepot.une_fois`); the other reads it
(0,2 s instead of a generation). The rows are shared: tests only read them.
"""
from __future__ import annotations

import pickle

import pytest

from tests.fixtures.entrepot import une_fois


def _generer(chemin) -> None:
    from pipelines.sample.generate import generer_lignes

    chemin.write_bytes(pickle.dumps(generer_lignes(), protocol=pickle.HIGHEST_PROTOCOL))


@pytest.fixture(scope="session")
def lignes_echantillon(tmp_path_factory) -> dict[str, list[dict]]:
    return pickle.loads(une_fois(tmp_path_factory, "lignes_echantillon.pickle", _generer).read_bytes())
