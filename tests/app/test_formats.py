"""French formats: hand-written expectations for every formatter, including missing values."""
import datetime as dt
import math

from observatoire import formats as f

NNBSP, NBSP = "\u202f", "\u00a0"


def test_nombres():
    assert f.nombre(1100) == f"1{NNBSP}100"
    assert f.nombre(1234567) == f"1{NNBSP}234{NNBSP}567"
    assert f.nombre(999) == "999"
    assert f.nombre(-1500) == f"-1{NNBSP}500"
    assert f.nombre(2.456, 1) == "2,5"
    assert f.nombre(-0.01) == "0"


def test_euros_et_compacts():
    assert f.euros(12500) == f"12{NNBSP}500{NBSP}€"
    assert f.euros_compacts(1_325_000) == f"1,3{NBSP}M€"
    assert f.euros_compacts(2_000_000) == f"2{NBSP}M€"
    assert f.euros_compacts(850_000) == f"850{NBSP}k€"
    assert f.euros_compacts(2.4e9) == f"2,4{NBSP}Md€"
    assert f.euros_compacts(900) == f"900{NBSP}€"
    assert f.euros_compacts(125_400_000) == f"125{NBSP}M€"


def test_taux_et_multiples():
    assert f.pourcentage(0.6) == f"60{NBSP}%"
    assert f.pourcentage(1.234, 1) == f"123,4{NBSP}%"
    assert f.multiple(1.545454) == "×1,5"


def test_dates():
    assert f.date_fr(dt.date(2023, 4, 12)) == "12/04/2023"
    assert f.date_fr("2023-04-12") == "12/04/2023"


def test_manquants():
    for fn in (f.nombre, f.euros, f.euros_compacts, f.pourcentage, f.multiple, f.date_fr):
        assert fn(None) == "–"
    assert f.pourcentage(math.nan) == "–"
    assert f.libelle(None, f.LIBELLES_STATUT) == "–"
    assert f.libelle("CLOSE", f.LIBELLES_STATUT) == "Close"
    assert f.libelle("INCONNU", f.LIBELLES_STATUT) == "INCONNU"
