"""The filtered table macros (kpi_*_f, serie_annuelle_f, repartition_f) with bound parameters,
on the hand-built warehouse (scenario in conftest.py), against figures worked out by hand.
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.fixtures.entrepot import lignes
from tests.sql.conftest import assert_row

NATIONAL = "SELECT * FROM kpi_national_f(?, ?, ?, ?, ?)"


def national(con, *params):
    rows = lignes(con, NATIONAL, list(params))
    assert len(rows) == 1
    return rows[0]


def test_views_are_the_macros_without_filters(wh):
    for name, n in (("kpi_zone_emploi", 5), ("kpi_departement", 5), ("kpi_region", 5), ("kpi_national", 5),
                    ("kpi_convention", 4), ("kpi_fonds", 3)):
        view = wh.sql(f"SELECT * FROM {name}").fetchall()
        macro = wh.sql(f"SELECT * FROM {name}_f({', '.join(['?'] * n)})", params=[None] * n).fetchall()
        assert view == macro, name


def test_procedure_filter_weights_fund_aids_by_attributed_share(wh):
    # PSE: R1 (100) and R3 (0); C1 and C3; aids A1, A2 entirely, A3 and A4 for C1's 0.8 share;
    # A5 (fund without dotation) belongs to no convention, hence to no procedure.
    assert_row(national(wh, None, None, None, None, "PSE"), dict(
        libelle="France", emplois_supprimes=100, emplois_prevus=30.0, emplois_crees=24.8,
        montant_revitalisation=174000.0, cofinancement_public=50000.0, cofinancement_prive=160000.0,
        nb_beneficiaires=2, nb_aides=4, effet_levier=384000 / 174000, euros_par_emploi=174000 / 24.8,
        taux_recreation=0.248, taux_realisation=24.8 / 30, nb_conventions=2, montant_engage=700000.0,
        nb_signalements=8))
    zone = lignes(wh, "SELECT * FROM kpi_zone_emploi_f(?, ?, ?, ?, ?) WHERE code_ze = '0053'",
                   [None, None, None, None, "PSE"])[0]
    # Zone 0053 under PSE: R3 (0 jobs cut), C3 (0 €), A2 (x1) and A3 (x0.8).
    assert_row(zone, dict(
        code_ze="0053", libelle="Avignon", code_departement="84", code_region="93", outre_mer=False,
        emplois_supprimes=0, emplois_prevus=16.0, emplois_crees=12.0, montant_revitalisation=100000.0,
        cofinancement_public=40000.0, cofinancement_prive=120000.0, nb_beneficiaires=1, nb_aides=2,
        effet_levier=260000 / 100000, euros_par_emploi=100000 / 12, taux_recreation=None,
        taux_realisation=0.75, nb_conventions=1, montant_engage=0.0, nb_signalements=3))
    # The three procedure types add up to everything attributed to a convention (all but A5).
    parts = [national(wh, None, None, None, None, p) for p in ("PSE", "RCC", "AUTRE")]
    assert sum(p["emplois_supprimes"] for p in parts) == 160
    assert sum(p["montant_revitalisation"] for p in parts) == pytest.approx(210000 - 10000)
    assert sum(p["emplois_crees"] for p in parts) == pytest.approx(31 - 2)


def test_operator_filter(wh):
    # Airbus Développement manages F1: aids A3, A4; restructurings and conventions that paid into F1.
    assert_row(national(wh, None, None, "Airbus Développement", None, None), dict(
        libelle="France", emplois_supprimes=150, emplois_prevus=25.0, emplois_crees=21.0,
        montant_revitalisation=130000.0, cofinancement_public=50000.0, cofinancement_prive=150000.0,
        nb_beneficiaires=2, nb_aides=2, effet_levier=330000 / 130000, euros_par_emploi=130000 / 21,
        taux_recreation=21 / 150, taux_realisation=21 / 25, nb_conventions=2, montant_engage=870927.5,
        nb_signalements=8))
    # SIDE operates C1 directly: A1, A2, R1.
    assert_row(national(wh, None, None, "SIDE", None, None), dict(
        libelle="France", emplois_supprimes=100, emplois_prevus=10.0, emplois_crees=8.0,
        montant_revitalisation=70000.0, cofinancement_public=10000.0, cofinancement_prive=40000.0,
        nb_beneficiaires=1, nb_aides=2, effet_levier=120000 / 70000, euros_par_emploi=70000 / 8,
        taux_recreation=0.08, taux_realisation=0.8, nb_conventions=1, montant_engage=700000.0,
        nb_signalements=8))


def test_instrument_filter_leaves_jobs_cut_whole(wh):
    assert_row(national(wh, None, None, None, "SUBVENTION", None), dict(
        libelle="France", emplois_supprimes=160, emplois_prevus=12.0, emplois_crees=10.0,
        montant_revitalisation=60000.0, cofinancement_public=15000.0, cofinancement_prive=40000.0,
        nb_beneficiaires=2, nb_aides=2, effet_levier=115000 / 60000, euros_par_emploi=6000.0,
        taux_recreation=10 / 160, taux_realisation=10 / 12, nb_conventions=4, montant_engage=890927.5,
        nb_signalements=8))


def test_year_filters_use_each_dataset_date(wh):
    # 2022-2023: notifications R2, R3; decisions A4 (2023), A5 (2022); signatures C2, C3.
    assert_row(national(wh, 2022, 2023, None, None, None), dict(
        libelle="France", emplois_supprimes=50, emplois_prevus=7.0, emplois_crees=8.0,
        montant_revitalisation=40000.0, cofinancement_public=5000.0, cofinancement_prive=0.0,
        nb_beneficiaires=2, nb_aides=2, effet_levier=45000 / 40000, euros_par_emploi=5000.0,
        taux_recreation=8 / 50, taux_realisation=8 / 7, nb_conventions=2, montant_engage=170927.5,
        nb_signalements=8))
    regions = {r["code_region"]: r for r in lignes(wh, "SELECT * FROM kpi_region_f(?, ?, ?, ?, ?)",
                                                    [2022, 2023, None, None, None])}
    assert (regions["93"]["emplois_supprimes"], regions["93"]["emplois_crees"],
            regions["93"]["nb_conventions"]) == (50, 8.0, 1)
    assert (regions["76"]["emplois_supprimes"], regions["76"]["nb_aides"],
            regions["76"]["nb_conventions"]) == (0, 0, 1)
    deps = {r["code_departement"]: r for r in lignes(wh, "SELECT * FROM kpi_departement_f(?, ?, ?, ?, ?)",
                                                      [None, 2019, None, None, None])}
    assert (deps["13"]["emplois_crees"], deps["75"]["emplois_supprimes"], deps["84"]["nb_aides"]) == (8.0, 10, 0)


def test_kpi_convention_f(wh):
    q = "SELECT id_convention FROM kpi_convention_f(?, ?, ?, ?)"
    ids = lambda *p: [r[0] for r in wh.sql(q, params=list(p)).fetchall()]  # noqa: E731
    assert ids(2019, 2020, None, None) == ["C1"]
    assert ids(None, None, "Airbus Développement", None) == ["C1", "C2"]   # via dotations to F1
    assert ids(None, None, "Katalyse", None) == ["C4"]
    assert ids(None, None, None, "PSE") == ["C1", "C3"]
    assert ids(2023, None, None, "PSE") == ["C3"]
    assert ids(None, None, "inconnu", None) == []


def test_kpi_fonds_f(wh):
    rows = {r["id_fonds"]: r for r in lignes(wh, "SELECT * FROM kpi_fonds_f(?, ?, ?)", [2023, None, None])}
    # 2023 onwards: F1 received C2's 100 000 and decided A4; F2's A5 (2022) drops out.
    assert_row(rows["F1"], dict(
        id_fonds="F1", nom="Fonds Provence", departement="13", dotations=100000.0,
        montant_revitalisation=30000.0, emplois_crees=6, nb_beneficiaires=1, effet_levier=1.0,
        euros_par_emploi=5000.0, code_region="93", gestionnaire="Airbus Développement",
        date_creation=dt.date(2019, 1, 1), commentaire="1 325 millions d'euros publiés",
        nb_conventions=1, nb_aides=1, cofinancement_public=0.0, cofinancement_prive=0.0, emplois_prevus=5,
        taux_realisation=1.2, taux_consommation=0.3, nb_signalements=3))
    assert (rows["F2"]["nb_aides"], rows["F2"]["effet_levier"], rows["F2"]["euros_par_emploi"]) == (0, None, None)
    pret = {r["id_fonds"]: r for r in lignes(wh, "SELECT * FROM kpi_fonds_f(?, ?, ?)", [None, None, "PRET"])}
    assert (pret["F1"]["nb_aides"], pret["F1"]["montant_revitalisation"], pret["F1"]["dotations"]) == \
        (1, 100000.0, 500000.0)
    assert pret["F2"]["nb_aides"] == 0


SERIE = "SELECT * FROM serie_annuelle_f(?, ?, ?, ?, ?, ?, ?)"
ZERO_YEAR = dict(emplois_supprimes=0, emplois_prevus=0.0, emplois_crees=0.0, montant_revitalisation=0.0,
                 cofinancement_public=0.0, cofinancement_prive=0.0, nb_aides=0, nb_conventions=0,
                 montant_engage=0.0)


def test_serie_annuelle_national_every_year(wh):
    rows = lignes(wh, SERIE, ["national", None, None, None, None, None, None])
    assert [r["annee"] for r in rows] == list(range(2010, 2024))
    expected = {
        2010: dict(ZERO_YEAR, emplois_supprimes=10, nb_conventions=1, montant_engage=20000.0),
        2019: dict(ZERO_YEAR, emplois_supprimes=100, emplois_prevus=10.0, emplois_crees=8.0,
                   montant_revitalisation=50000.0, cofinancement_public=10000.0,
                   cofinancement_prive=40000.0, nb_aides=1, nb_conventions=1, montant_engage=700000.0),
        2020: dict(ZERO_YEAR, montant_revitalisation=20000.0, nb_aides=1),
        2021: dict(ZERO_YEAR, emplois_prevus=20.0, emplois_crees=15.0, montant_revitalisation=100000.0,
                   cofinancement_public=50000.0, cofinancement_prive=150000.0, nb_aides=1),
        2022: dict(ZERO_YEAR, emplois_supprimes=50, emplois_prevus=2.0, emplois_crees=2.0,
                   montant_revitalisation=10000.0, cofinancement_public=5000.0, nb_aides=1),
        2023: dict(ZERO_YEAR, emplois_prevus=5.0, emplois_crees=6.0, montant_revitalisation=30000.0,
                   nb_aides=1, nb_conventions=2, montant_engage=170927.5),
    }
    for row in rows:
        assert_row(row, dict(expected.get(row["annee"], ZERO_YEAR), annee=row["annee"]))


def test_serie_annuelle_territories_and_filters(wh):
    dep30 = lignes(wh, SERIE, ["departement", "30", None, None, None, None, None])
    assert [r["annee"] for r in dep30] == [2021, 2022, 2023]
    assert (dep30[0]["emplois_crees"], dep30[1] == dict(ZERO_YEAR, annee=2022), dep30[2]["nb_conventions"]) == \
        (15.0, True, 1)
    zone = lignes(wh, SERIE, ["zone_emploi", "0053", 2022, None, None, None, None])
    assert [(r["annee"], r["emplois_supprimes"], r["nb_aides"], r["nb_conventions"]) for r in zone] == \
        [(2022, 50, 1, 0), (2023, 0, 0, 2)]
    region = lignes(wh, SERIE, ["region", "93", None, None, "SIDE", None, None])
    assert [(r["annee"], r["emplois_supprimes"], r["montant_revitalisation"]) for r in region] == \
        [(2019, 100, 50000.0), (2020, 0, 20000.0)]
    assert lignes(wh, SERIE, ["commune", "13055", None, None, None, None, None]) == []
    assert lignes(wh, SERIE, ["region", None, None, None, None, None, None]) == []


REPARTITION = "SELECT * FROM repartition_f(?, ?, ?, ?, ?, ?, ?, ?)"


def test_repartition_by_instrument(wh):
    rows = lignes(wh, REPARTITION, ["type_aide", "national", None, None, None, None, None, None])
    assert [r["modalite"] for r in rows] == ["PRET", "SUBVENTION", "PRET_HONNEUR", "ACTION_COLLECTIVE"]
    assert_row(rows[0], dict(modalite="PRET", libelle="Prêt", nb_aides=1, nb_beneficiaires=1,
                             montant_revitalisation=100000.0, cofinancement_public=50000.0,
                             cofinancement_prive=150000.0, emplois_prevus=20.0, emplois_crees=15.0,
                             effet_levier=3.0, euros_par_emploi=100000 / 15))
    assert_row(rows[1], dict(modalite="SUBVENTION", libelle="Subvention", nb_aides=2, nb_beneficiaires=2,
                             montant_revitalisation=60000.0, cofinancement_public=15000.0,
                             cofinancement_prive=40000.0, emplois_prevus=12.0, emplois_crees=10.0,
                             effet_levier=115000 / 60000, euros_par_emploi=6000.0))
    assert_row(rows[3], dict(modalite="ACTION_COLLECTIVE", libelle="Action collective", nb_aides=1,
                             nb_beneficiaires=0, montant_revitalisation=20000.0, cofinancement_public=0.0,
                             cofinancement_prive=0.0, emplois_prevus=0.0, emplois_crees=0.0,
                             effet_levier=1.0, euros_par_emploi=None))


def test_repartition_by_naf_section_and_operator(wh):
    rows = lignes(wh, REPARTITION, ["section_naf", "region", "93", None, None, None, None, None])
    assert [(r["modalite"], r["libelle"], r["montant_revitalisation"]) for r in rows] == [
        ("J", "Information et communication", 50000.0),
        ("G", "Commerce ; réparation d'automobiles et de motocycles", 30000.0),
        ("NON_RENSEIGNE", "Non renseigné", 20000.0),
        ("A", "Agriculture, sylviculture et pêche", 10000.0)]
    ops = lignes(wh, REPARTITION, ["operateur", "national", None, None, None, None, None, "PSE"])
    assert_row(ops[0], dict(modalite="Airbus Développement", libelle="Airbus Développement", nb_aides=2,
                            nb_beneficiaires=2, montant_revitalisation=104000.0, cofinancement_public=40000.0,
                            cofinancement_prive=120000.0, emplois_prevus=20.0, emplois_crees=16.8,
                            effet_levier=264000 / 104000, euros_par_emploi=104000 / 16.8))
    assert [(r["modalite"], r["nb_aides"], r["emplois_crees"]) for r in ops[1:]] == [("SIDE", 2, 8.0)]
    assert lignes(wh, REPARTITION, ["taille", "national", None, None, None, None, None, None]) == []
