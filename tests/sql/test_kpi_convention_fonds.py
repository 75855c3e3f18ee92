"""kpi_convention, kpi_fonds, int_attribution, int_aides and the legal rules on the hand-built warehouse.

SMIC in force (data/rules/smic_mensuel.csv): 2010-09-01 -> 1 343,77 ; 2019-06-20 -> 1 521,22 ;
2022-06-10 -> 1 645,58 ; 2023-01-15 and 2023-03-01 -> 1 709,28.
F1's dotations: C1 300 000 + 100 000, C2 100 000 -> parts 0.8 / 0.2.
"""
from __future__ import annotations

import datetime as dt

from tests.fixtures.entrepot import lignes
from tests.sql.conftest import assert_row

D = dt.date.fromisoformat

C1 = dict(
    id_convention="C1", raison_sociale="Alpha Industrie", departement="13", date_signature=D("2019-06-20"),
    emplois_supprimes=100, objectif_emplois=100, smic_mensuel=1521.22,
    contribution_minimale=304244.0,               # 2 x 1 521,22 x 100
    montant_engage=700000.0, conforme_minimum=True,
    montant_attribue=174000.0,                    # A1 50 000 + A2 20 000 + 0.8 x (A3 100 000 + A4 30 000)
    emplois_crees_attribues=24.8,                 # 8 + 0 + 0.8 x 15 + 0.8 x 6
    taux_recreation=0.248, taux_atteinte_objectif=0.248, taux_consommation=174000 / 700000,
    id_restructuration="R1", siren="552100554", type_procedure="PSE", date_notification=D("2019-03-15"),
    code_commune="13055", code_ze="9312", libelle_ze="Marseille", modalite="MIXTE", operateur="SIDE",
    statut="EN_COURS", duree_mois=36, taux_smic=3.0, commentaire=None, date_smic=D("2019-06-20"),
    contribution_penalite=608488.0,               # 4 x 1 521,22 x 100
    emplois_prevus_attribues=30.0,                # 10 + 0 + 0.8 x 20 + 0.8 x 5
    nb_aides_attribuees=4, duree_sup_max=False, signature_tardive=False,
    sup_penalite=True,                            # 700 000 > 608 488
    nb_signalements=3)                            # R1, dotation C1|F1, suivi A1
C2 = dict(
    id_convention="C2", raison_sociale="Beta Chimie", departement="84", date_signature=D("2023-01-15"),
    emplois_supprimes=50, objectif_emplois=40, smic_mensuel=1709.28,
    contribution_minimale=170928.0,               # 2 x 1 709,28 x 50
    montant_engage=170927.5, conforme_minimum=True,   # 50 cents short, within the 1 € tolerance
    montant_attribue=26000.0,                     # 0.2 x (100 000 + 30 000)
    emplois_crees_attribues=4.2,                  # 0.2 x (15 + 6)
    taux_recreation=4.2 / 50, taux_atteinte_objectif=4.2 / 40, taux_consommation=26000 / 170927.5,
    id_restructuration="R2", siren="542065479", type_procedure="RCC", date_notification=D("2022-06-10"),
    code_commune="84007", code_ze="0053", libelle_ze="Avignon", modalite="MUTUALISEE", operateur=None,
    statut="PROLONGEE", duree_mois=48, taux_smic=2.0, commentaire=None, date_smic=D("2023-01-15"),
    contribution_penalite=341856.0, emplois_prevus_attribues=5.0, nb_aides_attribuees=2,
    duree_sup_max=True,                           # 48 > 36
    signature_tardive=True,                       # deadline 2022-12-10
    sup_penalite=False, nb_signalements=2)
C3 = dict(
    id_convention="C3", raison_sociale="Gamma Textile", departement="30", date_signature=D("2023-03-01"),
    emplois_supprimes=0, objectif_emplois=0, smic_mensuel=1709.28, contribution_minimale=0.0,
    montant_engage=0.0, conforme_minimum=True, montant_attribue=0.0, emplois_crees_attribues=0.0,
    taux_recreation=None, taux_atteinte_objectif=None, taux_consommation=None,   # zero denominators
    id_restructuration="R3", siren="775670417", type_procedure="PSE", date_notification=D("2023-02-01"),
    code_commune="30351", code_ze="0053", libelle_ze="Avignon", modalite="TRESOR", operateur=None,
    statut="CLOSE", duree_mois=24, taux_smic=None, commentaire=None, date_smic=D("2023-03-01"),
    contribution_penalite=0.0, emplois_prevus_attribues=0.0, nb_aides_attribuees=0,
    duree_sup_max=False, signature_tardive=False, sup_penalite=False, nb_signalements=0)
C4 = dict(
    id_convention="C4", raison_sociale="Delta Services", departement="75", date_signature=D("2010-09-01"),
    emplois_supprimes=10, objectif_emplois=10, smic_mensuel=1343.77,
    contribution_minimale=26875.4,                # 2 x 1 343,77 x 10
    montant_engage=20000.0, conforme_minimum=False, montant_attribue=0.0, emplois_crees_attribues=0.0,
    taux_recreation=0.0, taux_atteinte_objectif=0.0, taux_consommation=0.0,
    id_restructuration="R4", siren="572015246", type_procedure="AUTRE", date_notification=D("2010-05-03"),
    code_commune="75056", code_ze="1109", libelle_ze="Paris", modalite="DIRECTE", operateur="Katalyse",
    statut="CLOSE", duree_mois=36, taux_smic=1.5, commentaire="réduction accordée",
    date_smic=D("2010-09-01"), contribution_penalite=53750.8, emplois_prevus_attribues=0.0,
    nb_aides_attribuees=0, duree_sup_max=False, signature_tardive=False, sup_penalite=False,
    nb_signalements=0)

F1 = dict(
    id_fonds="F1", nom="Fonds Provence", departement="13", dotations=500000.0,
    montant_revitalisation=130000.0, emplois_crees=21, nb_beneficiaires=2,
    effet_levier=330000 / 130000, euros_par_emploi=130000 / 21, code_region="93",
    gestionnaire="Airbus Développement", date_creation=D("2019-01-01"),
    commentaire="1 325 millions d'euros publiés", nb_conventions=2, nb_aides=2,
    cofinancement_public=50000.0, cofinancement_prive=150000.0, emplois_prevus=25,
    taux_realisation=21 / 25, taux_consommation=0.26, nb_signalements=3)   # dotation, A3, suivi A4
F2 = dict(
    id_fonds="F2", nom="Fonds Gard", departement="30", dotations=0.0, montant_revitalisation=10000.0,
    emplois_crees=2, nb_beneficiaires=1, effet_levier=1.5, euros_par_emploi=5000.0, code_region="76",
    gestionnaire="ADIE", date_creation=None, commentaire=None, nb_conventions=0, nb_aides=1,
    cofinancement_public=5000.0, cofinancement_prive=0.0, emplois_prevus=2, taux_realisation=1.0,
    taux_consommation=None, nb_signalements=1)


def test_kpi_convention_every_column(wh):
    rows = {r["id_convention"]: r for r in lignes(wh, "SELECT * FROM kpi_convention")}
    assert sorted(rows) == ["C1", "C2", "C3", "C4"]
    for expected in (C1, C2, C3, C4):
        assert_row(rows[expected["id_convention"]], expected)


def test_kpi_convention_contract_columns_come_first(wh):
    cols = wh.sql("SELECT * FROM kpi_convention").columns
    assert cols[:15] == ["id_convention", "raison_sociale", "departement", "date_signature",
                         "emplois_supprimes", "objectif_emplois", "smic_mensuel", "contribution_minimale",
                         "montant_engage", "conforme_minimum", "montant_attribue",
                         "emplois_crees_attribues", "taux_recreation", "taux_atteinte_objectif",
                         "taux_consommation"]


def test_kpi_fonds_every_column(wh):
    rows = {r["id_fonds"]: r for r in lignes(wh, "SELECT * FROM kpi_fonds")}
    assert sorted(rows) == ["F1", "F2"]
    assert_row(rows["F1"], F1)
    assert_row(rows["F2"], F2)


def test_attribution_parts(wh):
    rows = lignes(wh, "SELECT * FROM int_attribution ORDER BY id_aide, id_convention")
    got = [(r["id_aide"], r["id_convention"], r["id_fonds"], round(r["part"], 12)) for r in rows]
    # A5's fund F2 received no dotation: A5 belongs to no convention.
    assert got == [("A1", "C1", None, 1.0), ("A2", "C1", None, 1.0), ("A3", "C1", "F1", 0.8),
                   ("A3", "C2", "F1", 0.2), ("A4", "C1", "F1", 0.8), ("A4", "C2", "F1", 0.2)]


def test_int_aides_every_column_of_two_aids(wh):
    rows = {r["id_aide"]: r for r in lignes(wh, "SELECT * FROM int_aides")}
    assert len(rows) == 5
    # A3: latest follow-up by date (2023-06-30: 15) although inserted before 2022-06-30.
    assert_row(rows["A3"], dict(
        id_aide="A3", id_convention=None, id_fonds="F1", siren_beneficiaire="200000002",
        nom_beneficiaire="Boulangerie Beta", code_commune="30351", code_ze="0053", code_departement="30",
        code_region="76", code_naf="10.71C", section_naf="C", type_aide="PRET",
        date_decision=D("2021-02-01"), annee=2021, montant_revitalisation=100000.0,
        cofinancement_public=50000.0, cofinancement_prive=150000.0, emplois_prevus=20, emplois_crees=15,
        date_dernier_constat=D("2023-06-30"), nb_constats=3, operateur="Airbus Développement",
        id_restructuration=None, type_procedure=None))
    # A2: no follow-up -> 0 jobs; no NAF -> no section; direct aid -> convention's operator and procedure.
    assert_row(rows["A2"], dict(
        id_aide="A2", id_convention="C1", id_fonds=None, siren_beneficiaire=None,
        nom_beneficiaire="Forum emploi", code_commune="84007", code_ze="0053", code_departement="84",
        code_region="93", code_naf=None, section_naf=None, type_aide="ACTION_COLLECTIVE",
        date_decision=D("2020-03-01"), annee=2020, montant_revitalisation=20000.0,
        cofinancement_public=0.0, cofinancement_prive=0.0, emplois_prevus=0, emplois_crees=0,
        date_dernier_constat=None, nb_constats=0, operateur="SIDE", id_restructuration="R1",
        type_procedure="PSE"))
    assert {k: rows[k]["section_naf"] for k in rows} == {"A1": "J", "A2": None, "A3": "C", "A4": "G",
                                                         "A5": "A"}
    # The arrondissement code typed by the user (13201) was resolved to Marseille before loading.
    assert (rows["A4"]["code_commune"], rows["A4"]["code_ze"]) == ("13055", "9312")


def test_smic_date_setting_notification(wh_private):
    wh_private.execute("UPDATE ref_regle SET valeur = 'notification' WHERE cle = 'date_reference_smic'")
    rows = {r["id_convention"]: r for r in lignes(
        wh_private, "SELECT id_convention, date_smic, smic_mensuel, contribution_minimale, conforme_minimum "
                    "FROM kpi_convention")}
    # C2 notified 2022-06-10: SMIC 1 645,58 -> minimum 2 x 1 645,58 x 50 = 164 558.
    assert rows["C2"] == dict(id_convention="C2", date_smic=D("2022-06-10"), smic_mensuel=1645.58,
                              contribution_minimale=164558.0, conforme_minimum=True)
    assert rows["C4"]["date_smic"] == D("2010-05-03") and rows["C4"]["smic_mensuel"] == 1343.77


def test_rules_are_read_from_ref_regle(wh_private):
    wh_private.execute("UPDATE ref_regle SET valeur = '0' WHERE cle = 'tolerance_conformite_euros'")
    wh_private.execute("UPDATE ref_regle SET valeur = '3' WHERE cle = 'multiple_penalite'")
    wh_private.execute("UPDATE ref_regle SET valeur = '48' WHERE cle = 'duree_max_mois'")
    wh_private.execute("UPDATE ref_regle SET valeur = '8' WHERE cle = 'delai_signature_mois'")
    rows = {r["id_convention"]: r for r in lignes(wh_private, "SELECT * FROM kpi_convention")}
    assert rows["C2"]["conforme_minimum"] is False          # 170 927,50 < 170 928 without tolerance
    assert rows["C2"]["contribution_penalite"] == 256392.0   # 3 x 1 709,28 x 50
    assert rows["C2"]["duree_sup_max"] is False             # 48 is not above 48
    assert rows["C2"]["signature_tardive"] is False         # deadline now 2023-02-10
    assert rows["C1"]["sup_penalite"] is True               # 700 000 > 456 366
    wh_private.execute("UPDATE ref_regle SET valeur = '1' WHERE cle = 'multiple_minimum'")
    c4 = lignes(wh_private, "SELECT * FROM kpi_convention WHERE id_convention = 'C4'")[0]
    assert c4["contribution_minimale"] == 13437.7 and c4["conforme_minimum"] is True
