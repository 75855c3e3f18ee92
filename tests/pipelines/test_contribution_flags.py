"""The committed amount checked against the dated monthly SMIC at ingestion (L1233-86).

Worked by hand: R-9 cuts 100 jobs; signed on 15/03/2024 the SMIC in force is 1 766,92 € (from
01/01/2024), so 2 × SMIC × 100 = 353 384 €.
"""
from __future__ import annotations

import duckdb
import pytest

from tests.fixtures.entrepot import lire, load_into
from tests.fixtures.lots import ecrire_csv

RESTRUCTURATION = ["id_restructuration;siren;raison_sociale;code_commune;date_notification;type_procedure;"
                   "emplois_supprimes", "R-9;552100554;Usine Neuf;59350;10/01/2024;PSE;100"]
HEADER = "id_convention;id_restructuration;date_signature;departement;taux_smic;montant_engage;modalite"


@pytest.fixture
def wh(empty_warehouse, copy_of):
    return copy_of(empty_warehouse)


_load = load_into


def test_declared_multiple_must_match_the_amount(wh, tmp_path):
    ecrire_csv(tmp_path / "lot", "restructurations.csv", RESTRUCTURATION)
    ecrire_csv(tmp_path / "lot", "conventions.csv", [
        HEADER,
        "C-OK;R-9;15/03/2024;59;2,5;441 730;directe",       # 441 730 / 176 692 = 2,5 × : consistent
        "C-FAUX;R-9;15/03/2024;59;2,5;123 684,40;directe",  # 0,7 × declared as 2,5 ×
        "C-BAS;R-9;15/03/2024;59;;300 000;directe",         # no multiple declared, 1,7 × < 2 ×
        "C-LIBRE;R-9;15/03/2024;59;;400 000;directe",       # no multiple declared, 2,26 × : fine
    ])
    report = _load(wh, tmp_path / "lot")
    assert report.nb_rejetes == 0
    flags = lire(wh, "SELECT cle, code, colonne, message FROM signalements "
                      "WHERE code IN ('TAUX_SMIC_INCOHERENT', 'MONTANT_SOUS_MINIMUM') ORDER BY cle")
    assert [(c, code, col) for c, code, col, _ in flags] == [
        ("C-BAS", "MONTANT_SOUS_MINIMUM", "montant_engage"),
        ("C-FAUX", "TAUX_SMIC_INCOHERENT", "taux_smic")]
    assert flags[1][3] == ("taux déclaré de 2,5 × SMIC, mais le montant engagé correspond à 0,7 × SMIC mensuel "
                           "(1 766,92 € au 01/01/2024) par emploi supprimé : vérifier le taux ou le montant")
    assert "1,7 × SMIC mensuel (1 766,92 € au 01/01/2024)" in flags[0][3]
    assert "sous le minimum légal de 2 × SMIC (L1233-86)" in flags[0][3]


def test_smic_date_setting_notification(wh, tmp_path):
    # Notified 10/10/2023 (SMIC 1 747,20 € since 01/05/2023), signed 15/03/2024 (1 766,92 €).
    # 349 440 € = 2 × 1 747,20 × 100: consistent with 2 × at notification, 1,98 × at signature.
    con = duckdb.connect(str(wh))
    con.execute("UPDATE ref_regle SET valeur = 'notification' WHERE cle = 'date_reference_smic'")
    con.close()
    ecrire_csv(tmp_path / "lot", "restructurations.csv",
              [RESTRUCTURATION[0], "R-9;552100554;Usine Neuf;59350;10/10/2023;PSE;100"])
    ecrire_csv(tmp_path / "lot", "conventions.csv", [HEADER, "C-N;R-9;15/03/2024;59;;349 440;directe"])
    _load(wh, tmp_path / "lot")
    assert lire(wh, "SELECT code FROM signalements WHERE cle = 'C-N'") == []
