"""The pages at the public level (AppTest, app in public mode) on the hand-built secrecy
warehouse: every masked cell shows « s », and no masked figure appears anywhere in the page —
metrics, texts, tables, charts and the map."""
from __future__ import annotations

import json
import math
import shutil

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from core import diffusion
from core.perimetre import PUBLIC
from core.query import query, vider_cache
from observatoire import formats
from tests.app.conftest import APP

SANS_FILTRE = {k: None for k in diffusion.FILTRES}
CLES = {"zone_emploi": ("q_zones_emploi", {}, "code_ze"), "region": ("q_regions", {}, "code_region"),
        "departement": ("q_departements", {"code_region": None, "code_departement": None}, "code_departement"),
        "national": ("q_national", {}, None)}


@pytest.fixture
def public(entrepot_secret, tmp_path, monkeypatch):
    db = tmp_path / "secret.duckdb"
    shutil.copy2(entrepot_secret, db)
    monkeypatch.setenv("OBSERVATOIRE_DB", str(db))
    monkeypatch.setenv("OBSERVATOIRE_ACCES_PUBLIC", "1")
    vider_cache()
    yield db
    vider_cache()


def _montants(db, niveau: str, statut_voulu: set[str]) -> set[float]:
    """Revitalisation euros (unmasked, read without périmètre) of the cells of one level whose
    status is in `statut_voulu`."""
    nom, extra, cle = CLES[niveau]
    kpi = query(nom, {**SANS_FILTRE, **extra}, db=db)
    cellules = diffusion.tableau(SANS_FILTRE, db=db).cellules.filter(
        (pl.col("niveau") == niveau) & ~pl.col("croise") & pl.col("statut").is_in(list(statut_voulu)))
    codes = set(cellules["code"])
    if cle is None:
        return set(kpi["montant_revitalisation"]) if codes else set()
    return set(kpi.filter(pl.col(cle).is_in(list(codes)))["montant_revitalisation"])


def _nombres(obj, out: set[float]) -> None:
    if isinstance(obj, bool):
        return
    if isinstance(obj, (int, float)):
        if not math.isnan(obj):
            out.add(float(obj))
    elif isinstance(obj, dict):
        for v in obj.values():
            _nombres(v, out)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            _nombres(v, out)


def _page(at) -> tuple[str, set[float]]:
    """All the text of the page and every number of its tables and charts."""
    textes, nombres = [], set()
    for m in at.metric:
        textes += [m.label, m.value, m.proto.help]
    for groupe in (at.markdown, at.caption, at.info, at.subheader, at.header, at.title):
        textes += [e.value for e in groupe]
    for df in at.dataframe:
        v = df.value
        textes += [str(x) for x in v.astype(str).to_numpy().ravel()]
        _nombres(v.select_dtypes("number").to_numpy().ravel().tolist(), nombres)
    for graphe in at.get("plotly_chart"):
        spec = json.loads(graphe.proto.spec)
        _nombres([t.get(k) for t in spec.get("data", []) for k in ("x", "y", "z")], nombres)
        textes.append(json.dumps([t.get("customdata") for t in spec.get("data", [])] +
                                 [t.get("text") for t in spec.get("data", [])], ensure_ascii=False))
    return "\n".join(str(t) for t in textes if t), nombres


def _aucun_chiffre_masque(texte: str, nombres: set[float], interdits: set[float]) -> None:
    assert interdits
    for v in interdits:
        assert v not in nombres, v
        for forme in {formats.euros(v), formats.euros_compacts(v), formats.nombre(v)}:
            assert forme not in texte, (v, forme)


def test_vue_nationale_publique(public):
    at = AppTest.from_file(str(APP), default_timeout=120).switch_page("ecrans/nationale.py").run()
    assert not at.exception, [e.message for e in at.exception]
    texte, nombres = _page(at)
    masques = _montants(public, "region", {"primaire", "secondaire"}) | \
        _montants(public, "national", {"primaire", "secondaire"})
    publies = _montants(public, "region", {"publie"}) | _montants(public, "national", {"publie"})
    _aucun_chiffre_masque(texte, nombres, masques - publies - {0.0})
    assert "secret statistique" in texte
    regions = next(d.value for d in at.dataframe if "secret" in d.value.columns and "libelle" in d.value.columns)
    occitanie = regions[regions["libelle"] == "Occitanie"].iloc[0]
    assert occitanie["secret"] == "s" and math.isnan(occitanie["montant_revitalisation"])
    assert occitanie["emplois_supprimes"] == 0          # jobs cut are published as is
    assert regions[regions["libelle"] == "Corse"].iloc[0]["nb_aides"] == 0   # no activity: zeros


@pytest.mark.parametrize("niveau", ["zone_emploi", "departement"])
def test_carte_publique(public, niveau):
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"niveau": niveau, "indicateur": "montant_revitalisation"})
    at.switch_page("ecrans/carte.py").run()
    assert not at.exception, [e.message for e in at.exception]
    texte, nombres = _page(at)
    masques = _montants(public, niveau, {"primaire", "secondaire"})
    _aucun_chiffre_masque(texte, nombres, masques - _montants(public, niveau, {"publie"}) - {0.0})
    carte = json.loads(at.get("plotly_chart")[0].proto.spec)
    secret = [t for t in carte["data"] if t.get("name") == "s : secret statistique"]
    assert secret and secret[0]["showlegend"]
    codes = set(diffusion.statuts(niveau, SANS_FILTRE, perimetre=PUBLIC, db=public)["code"])
    assert set(secret[0]["locations"]) == codes


def test_territoire_public_departement_masque(public):
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"departement": "05"})
    at.switch_page("ecrans/territoire.py").run()
    assert not at.exception, [e.message for e in at.exception]
    valeurs = {m.label: m.value for m in at.metric}
    assert valeurs["Euros de revitalisation"] == "s" and valeurs["Emplois créés"] == "s"
    assert valeurs["Emplois supprimés"] == "0"
    aide = next(m.proto.help for m in at.metric if m.label == "Emplois créés")
    assert "secret statistique" in aide and "loi n° 51-711" in aide
    texte, nombres = _page(at)
    _aucun_chiffre_masque(texte, nombres, {80_000.0, 45_000.0, 35_000.0})   # 05 and its two firms
