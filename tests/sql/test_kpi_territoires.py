"""kpi_zone_emploi, kpi_departement, kpi_region, kpi_national on the hand-built warehouse (conftest).

Every column of every row with activity is checked against figures worked out by hand from the
scenario in conftest.py; every other territory must be present with zeros and null rates.
"""
from __future__ import annotations

from pipelines.schema import refresh_derived
from tests.fixtures.entrepot import lignes
from tests.sql.conftest import assert_row

ZERO = dict(emplois_supprimes=0, emplois_prevus=0.0, emplois_crees=0.0, montant_revitalisation=0.0,
            cofinancement_public=0.0, cofinancement_prive=0.0, nb_beneficiaires=0, nb_aides=0,
            effet_levier=None, euros_par_emploi=None, taux_recreation=None, taux_realisation=None,
            nb_conventions=0, montant_engage=0.0, nb_signalements=0)

# Aids A1 (Aubagne) + A4 (Marseille 1er -> Marseille); R1; C1; flags R1, dotation C1|F1, suivi A1, suivi A4.
MARSEILLE = dict(emplois_supprimes=100, emplois_prevus=15.0, emplois_crees=14.0,
                 montant_revitalisation=80000.0, cofinancement_public=10000.0, cofinancement_prive=40000.0,
                 nb_beneficiaires=1, nb_aides=2, effet_levier=130000 / 80000, euros_par_emploi=80000 / 14,
                 taux_recreation=0.14, taux_realisation=14 / 15, nb_conventions=1, montant_engage=700000.0,
                 nb_signalements=4)
# Zone 0053 Avignon (84 + 30): aids A2, A3, A5; R2 (50) + R3 (0); C2 + C3; flags C2 x2, A3.
AVIGNON = dict(emplois_supprimes=50, emplois_prevus=22.0, emplois_crees=17.0,
               montant_revitalisation=130000.0, cofinancement_public=55000.0, cofinancement_prive=150000.0,
               nb_beneficiaires=2, nb_aides=3, effet_levier=335000 / 130000, euros_par_emploi=130000 / 17,
               taux_recreation=17 / 50, taux_realisation=17 / 22, nb_conventions=2, montant_engage=170927.5,
               nb_signalements=3)
# Paris: R4 (10 jobs cut), C4, no aid: rates with a zero denominator are null, recreation is 0.
PARIS = dict(ZERO, emplois_supprimes=10, taux_recreation=0.0, nb_conventions=1, montant_engage=20000.0)


def by_code(rows, key):
    return {r[key]: r for r in rows}


def test_every_zone_with_hand_figures(wh):
    rows = by_code(lignes(wh, "SELECT * FROM kpi_zone_emploi"), "code_ze")
    assert len(rows) == 306
    assert_row(rows["9312"], dict(MARSEILLE, code_ze="9312", libelle="Marseille", code_departement="13",
                                  code_region="93", outre_mer=False))
    assert_row(rows["0053"], dict(AVIGNON, code_ze="0053", libelle="Avignon", code_departement="84",
                                  code_region="93", outre_mer=False))
    assert_row(rows["1109"], dict(PARIS, code_ze="1109", libelle="Paris", code_departement="75",
                                  code_region="11", outre_mer=False))
    for code, row in rows.items():
        if code not in ("9312", "0053", "1109"):
            assert {k: row[k] for k in ZERO} == ZERO, code
    overseas = [r for r in rows.values() if r["outre_mer"]]
    assert len(overseas) == 306 - 287


def test_every_departement_with_hand_figures(wh):
    rows = by_code(lignes(wh, "SELECT * FROM kpi_departement"), "code_departement")
    assert len(rows) == 101
    assert_row(rows["13"], dict(MARSEILLE, code_departement="13", libelle="Bouches-du-Rhône",
                                code_region="93", outre_mer=False))
    # Vaucluse: A2 + A5, R2, C2, flags C2 x2.
    assert_row(rows["84"], dict(code_departement="84", libelle="Vaucluse", code_region="93", outre_mer=False,
                                emplois_supprimes=50, emplois_prevus=2.0, emplois_crees=2.0,
                                montant_revitalisation=30000.0, cofinancement_public=5000.0,
                                cofinancement_prive=0.0, nb_beneficiaires=1, nb_aides=2,
                                effet_levier=35000 / 30000, euros_par_emploi=15000.0, taux_recreation=0.04,
                                taux_realisation=1.0, nb_conventions=1, montant_engage=170927.5,
                                nb_signalements=2))
    # Gard: A3 only, R3 with 0 jobs cut (recreation rate null), C3 (0 €), flags A3 and fund F2.
    assert_row(rows["30"], dict(code_departement="30", libelle="Gard", code_region="76", outre_mer=False,
                                emplois_supprimes=0, emplois_prevus=20.0, emplois_crees=15.0,
                                montant_revitalisation=100000.0, cofinancement_public=50000.0,
                                cofinancement_prive=150000.0, nb_beneficiaires=1, nb_aides=1,
                                effet_levier=3.0, euros_par_emploi=100000 / 15, taux_recreation=None,
                                taux_realisation=0.75, nb_conventions=1, montant_engage=0.0,
                                nb_signalements=2))
    assert_row(rows["75"], dict(PARIS, code_departement="75", libelle="Paris", code_region="11",
                                outre_mer=False))
    for code, row in rows.items():
        if code not in ("13", "84", "30", "75"):
            assert {k: row[k] for k in ZERO} == ZERO, code


def test_every_region_with_hand_figures(wh):
    rows = by_code(lignes(wh, "SELECT * FROM kpi_region"), "code_region")
    assert len(rows) == 18
    # PACA: A1, A2, A4, A5; R1 + R2; C1 + C2; 6 flags.
    assert_row(rows["93"], dict(code_region="93", libelle="Provence-Alpes-Côte d'Azur", outre_mer=False,
                                emplois_supprimes=150, emplois_prevus=17.0, emplois_crees=16.0,
                                montant_revitalisation=110000.0, cofinancement_public=15000.0,
                                cofinancement_prive=40000.0, nb_beneficiaires=2, nb_aides=4,
                                effet_levier=1.5, euros_par_emploi=6875.0, taux_recreation=16 / 150,
                                taux_realisation=16 / 17, nb_conventions=2, montant_engage=870927.5,
                                nb_signalements=6))
    assert_row(rows["76"], dict(code_region="76", libelle="Occitanie", outre_mer=False,
                                emplois_supprimes=0, emplois_prevus=20.0, emplois_crees=15.0,
                                montant_revitalisation=100000.0, cofinancement_public=50000.0,
                                cofinancement_prive=150000.0, nb_beneficiaires=1, nb_aides=1,
                                effet_levier=3.0, euros_par_emploi=100000 / 15, taux_recreation=None,
                                taux_realisation=0.75, nb_conventions=1, montant_engage=0.0,
                                nb_signalements=2))
    assert_row(rows["11"], dict(PARIS, code_region="11", libelle="Île-de-France", outre_mer=False))
    for code, row in rows.items():
        if code not in ("93", "76", "11"):
            assert {k: row[k] for k in ZERO} == ZERO, code


def test_national_with_hand_figures(wh):
    rows = lignes(wh, "SELECT * FROM kpi_national")
    assert len(rows) == 1
    assert_row(rows[0], dict(libelle="France", emplois_supprimes=160, emplois_prevus=37.0, emplois_crees=31.0,
                             montant_revitalisation=210000.0, cofinancement_public=65000.0,
                             cofinancement_prive=190000.0, nb_beneficiaires=3, nb_aides=5,
                             effet_levier=465000 / 210000, euros_par_emploi=210000 / 31,
                             taux_recreation=31 / 160, taux_realisation=31 / 37, nb_conventions=4,
                             montant_engage=890927.5, nb_signalements=8))


def test_empty_warehouse_keeps_every_territory(wh_private):
    for table in ("signalements", "suivi_emplois", "aides", "dotations", "fonds", "conventions",
                  "restructurations"):
        wh_private.execute(f"DELETE FROM {table}")
    refresh_derived(wh_private)   # data changed outside charger_lot: recompute the derived tables
    for view, n in (("kpi_zone_emploi", 306), ("kpi_departement", 101), ("kpi_region", 18),
                    ("kpi_national", 1)):
        rows = lignes(wh_private, f"SELECT * FROM {view}")
        assert len(rows) == n
        assert all({k: r[k] for k in ZERO} == ZERO for r in rows), view
