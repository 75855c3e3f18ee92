"""The synthetic body has the national shape the issue asks for (volumes, IRES bands, SMIC
multiples, leverage, realisation, statuses, geography), read from the generated rows."""
from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict

import pytest

from pipelines.sample.distributions import BANDES_MONTANT, BANDES_OBJECTIF, DATE_ARRETE, Geographie, Smic, plus_mois


@pytest.fixture(scope="module")
def lot(lignes_echantillon):
    return lignes_echantillon   # generer_lignes(), once per process (tests/sample/conftest.py)


@pytest.fixture(scope="module")
def geo():
    return Geographie()


def _synthetiques(lot):
    return [c for c in lot["conventions"] if c["id_convention"][2:4] in ("20",)]


def test_conventions_per_year_near_the_national_count(lot):
    par_an = Counter(c["date_signature"].year for c in lot["conventions"])
    assert set(par_an) == set(range(2002, 2027))
    assert all(95 <= par_an[a] <= 160 for a in range(2004, 2026)), par_an
    assert 2_800 <= sum(par_an.values()) <= 3_200
    # The Cour des comptes counted 1,402 conventions signed 2002-2014.
    assert 1_300 <= sum(n for a, n in par_an.items() if a <= 2014) <= 1_500
    assert max(c["date_signature"] for c in lot["conventions"]) <= DATE_ARRETE


def _part(valeurs, lo, hi):
    return sum(lo <= v < hi for v in valeurs) / len(valeurs)


def test_amounts_and_job_targets_follow_the_ires_bands(lot):
    restr = {r["id_restructuration"]: r for r in lot["restructurations"]}
    conv = _synthetiques(lot)
    objectifs = [c["objectif_emplois"] or restr[c["id_restructuration"]]["emplois_supprimes"] for c in conv]
    montants = [c["montant_engage"] for c in conv]
    for valeurs, bandes in ((objectifs, BANDES_OBJECTIF), (montants, BANDES_MONTANT)):
        total = sum(p for *_, p in bandes)
        for lo, hi, part in bandes:
            assert abs(_part(valeurs, lo, hi) - part / total) < 0.04, (lo, hi, _part(valeurs, lo, hi), part)


def test_contributions_are_smic_multiples_with_rare_flags(lot):
    smic = Smic()
    restr = {r["id_restructuration"]: r for r in lot["restructurations"]}
    conv = lot["conventions"]
    for c in conv:
        supprimes = restr[c["id_restructuration"]]["emplois_supprimes"]
        recalcule = c["montant_engage"] / (smic.au(c["date_signature"]) * supprimes)
        assert abs(recalcule - c["taux_smic"]) <= 0.005 + 1e-9, c["id_convention"]
        if c["taux_smic"] >= 2:                      # displayed multiple and legal floor agree
            assert c["montant_engage"] >= 2 * smic.au(c["date_signature"]) * supprimes - 1
    n = len(conv)
    for condition in (lambda c: c["taux_smic"] < 2, lambda c: c["taux_smic"] > 4,
                      lambda c: (c["duree_mois"] or 36) > 36):
        assert 0.005 * n <= sum(map(condition, conv)) <= 0.05 * n
    assert 0.3 <= sum(c["taux_smic"] == 2.0 for c in conv) / n <= 0.5   # the legal minimum is common


def test_statuses_agree_with_dates(lot):
    for c in _synthetiques(lot):
        fin = plus_mois(c["date_signature"], c["duree_mois"] or 36)
        if c["statut"] in ("CLOSE", "RESILIEE"):
            assert fin <= DATE_ARRETE
        else:
            assert fin > DATE_ARRETE
    statuts = Counter(c["statut"] for c in lot["conventions"])
    assert statuts["CLOSE"] > statuts["EN_COURS"] > statuts["PROLONGEE"] > 0 and statuts["RESILIEE"] > 0


def test_pooled_funds_in_a_few_dozen_departements_fed_by_several_conventions(lot):
    fonds = {f["id_fonds"]: f for f in lot["fonds"]}
    assert 25 <= len({f["departement"] for f in fonds.values()}) <= 45
    apporteurs = defaultdict(set)
    for d in lot["dotations"]:
        assert d["date_versement"] >= (fonds[d["id_fonds"]]["date_creation"] or dt.date(2002, 1, 1))
        apporteurs[d["id_fonds"]].add(d["id_convention"])
    assert statistics.median(len(v) for v in apporteurs.values()) >= 3
    conv = {c["id_convention"]: c for c in lot["conventions"]}
    verse = defaultdict(float)
    for d in lot["dotations"]:
        verse[d["id_convention"]] += d["montant"]
    assert all(v <= conv[c]["montant_engage"] + 0.01 for c, v in verse.items())
    assert {conv[c]["modalite"] for c in verse} == {"MUTUALISEE", "MIXTE"}


def _crees(lot):
    dernier = {}
    for s in lot["suivi_emplois"]:                   # sorted by aid then date
        dernier[s["id_aide"]] = s["emplois_crees"]
    return dernier


def test_leverage_realisation_and_spread(lot):
    aides = lot["aides"]
    leviers = [(a["montant_revitalisation"] + a["cofinancement_public"] + a["cofinancement_prive"])
               / a["montant_revitalisation"] for a in aides if a["montant_revitalisation"] > 0]
    assert 1.5 <= statistics.median(leviers) <= 5
    crees = _crees(lot)
    assert 0.5 <= sum(crees.get(a["id_aide"], 0) for a in aides) / sum(a["emplois_prevus"] for a in aides) <= 0.8
    par_conv = defaultdict(lambda: [0, 0])
    for a in aides:
        if a["id_convention"] and a["id_convention"][2:4] == "20":
            par_conv[a["id_convention"]][0] += crees.get(a["id_aide"], 0)
            par_conv[a["id_convention"]][1] += a["emplois_prevus"]
    conv = {c["id_convention"]: c for c in lot["conventions"]}
    taux = [c / p for k, (c, p) in par_conv.items() if p and conv[k]["statut"] == "CLOSE"]
    assert sum(t < 0.35 for t in taux) / len(taux) > 0.04          # some far below
    assert sum(t >= 0.9 for t in taux) / len(taux) > 0.03          # some at or above plan
    assert 0.5 <= statistics.mean(taux) <= 0.8


def test_follow_ups_are_cumulative_and_recent_conventions_have_few(lot):
    precedent = {}
    for s in lot["suivi_emplois"]:
        assert s["emplois_crees"] >= precedent.get(s["id_aide"], 0)
        precedent[s["id_aide"]] = s["emplois_crees"]
    aides = {a["id_aide"]: a for a in lot["aides"]}
    for s in lot["suivi_emplois"]:
        assert aides[s["id_aide"]]["date_decision"] <= s["date_constat"] <= DATE_ARRETE
    conv = {c["id_convention"]: c for c in lot["conventions"]}
    recentes = [a for a in lot["aides"] if a["id_convention"] and conv[a["id_convention"]]["date_signature"].year >= 2025]
    suivies = set(precedent)
    assert recentes and sum(a["id_aide"] in suivies for a in recentes) / len(recentes) < 0.3
    anciennes = [a for a in lot["aides"] if a["id_convention"] and a["emplois_prevus"]
                 and 2010 <= conv[a["id_convention"]]["date_signature"].year <= 2020]
    assert sum(a["id_aide"] in suivies for a in anciennes) / len(anciennes) > 0.95


def test_sites_weighted_to_industrial_areas_and_aids_near_them(lot, geo):
    restr = {r["id_restructuration"]: r for r in lot["restructurations"]}
    conv = _synthetiques(lot)
    deps = Counter(c["departement"] for c in conv)
    pop = sum(geo.pop_dep.values())
    for d in ("59", "62", "57", "54", "27", "42"):
        assert deps[d] / len(conv) > 1.3 * geo.pop_dep[d] / pop, d
    alias = {"751": "75056", "132": "13055", "693": "69123"}

    def commune(code):
        code = alias.get(code[:3], code) if code[:3] in alias and code not in geo.communes else code
        return geo.communes.get(code) or geo.communes[{"50173": "50129", "50602": "50129",
                                                        "74268": "74010", "74093": "74010"}[code]]
    sites = {c["id_convention"]: commune(restr[c["id_restructuration"]]["code_commune"]) for c in conv}
    proches = [commune(a["code_commune"]).code_ze == sites[a["id_convention"]].code_ze
               for a in lot["aides"] if a["id_convention"] in sites]
    assert sum(proches) / len(proches) >= 0.6
    memes_dep = [commune(a["code_commune"]).departement == sites[a["id_convention"]].departement
                 for a in lot["aides"] if a["id_convention"] in sites]
    assert sum(memes_dep) / len(memes_dep) >= 0.85       # zones d'emploi cross département borders
    assert all(a["siren_beneficiaire"] is None for a in lot["aides"] if a["type_aide"] == "ACTION_COLLECTIVE")
    assert all(a["code_naf"] and a["code_naf"][2] == "." for a in lot["aides"] if a["siren_beneficiaire"])
