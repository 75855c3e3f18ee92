"""The follow-up calendar `echeances(date_ref)` on a hand-built batch loaded by the real ingestion.

The batch (tests/sql/lot_echeances/) is read here a second time with the csv module and the
deadlines are recomputed in plain Python from the issue's definitions (calendar months with
`calendar.monthrange`, exact fractions), then compared row by row with the macro for several
reference dates. The boundary days are also asserted by hand around D = 01/03/2025:
  R-SIG-A notified 01/09/2024: signature due 01/03/2025 exactly (6 months): not late on D, late on D+1
  R-SIG-B notified 31/08/2024: due 28/02/2025 (31 August + 6 months), late on D
  C-ANN-EXACT committee 01/03/2024, exactly 12 months before D: due on D, not late
  C-ANN-LATE  latest committee (AUTRE) 28/02/2024: due 28/02/2025, late
  C-12        signed 01/03/2024: enters COMITE_ANNUEL on D, not on D-1
  C-PROL      PROLONGEE, ends 01/09/2025 = D + 6 months: FIN_CONVENTION included; C-HORS (02/09/2025) not
  C-CLOSE     closed, no FINAL committee (two ANNUEL ones): BILAN_FINAL late; C-BILAN has one: nothing
  C-RESIL     resiliated: no deadline at all
  C-MUTU      pays into F-13 whose committees (ANNUEL, FINAL) do not count for the convention
  C-SOUS      30 % attributed past 2/3 of its duration: SOUS_CONSOMMATION; C-TIERS exactly 1/3: not
  C-DEUX-TIERS 731 days of 1 096 elapsed on D (> 2/3), 730 on D-1 (< 2/3)
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
from fractions import Fraction
from pathlib import Path

import duckdb
import pytest

from tests.fixtures.entrepot import load_into, une_fois

LOT = Path(__file__).resolve().parent / "lot_echeances"
D = dt.date(2025, 3, 1)
COLONNES = ("type_echeance", "id_restructuration", "id_convention", "id_fonds", "departement",
            "date_echeance", "en_retard")
ACTIFS = ("EN_COURS", "PROLONGEE")


@pytest.fixture(scope="module")
def chemin(empty_warehouse, tmp_path_factory) -> Path:
    """A warehouse from the real build, with the hand-built batch loaded by charger_lot (built once
    per run, une_fois; opened read-only)."""
    def construire(db: Path) -> None:
        db.write_bytes(empty_warehouse.read_bytes())
        rapport = load_into(db, LOT)
        assert rapport.nb_rejetes == 0, [e.message for e in rapport.errors]
    return une_fois(tmp_path_factory, "entrepot_echeances_sql.duckdb", construire)


@pytest.fixture(scope="module")
def entrepot(chemin):
    con = duckdb.connect(str(chemin), read_only=True)
    yield con
    con.close()


def macro(con, jour: dt.date) -> list[tuple]:
    return con.execute(f"SELECT {', '.join(COLONNES)} FROM echeances(?)", [jour]).fetchall()


# --- the independent computation ----------------------------------------------------------
def _lire(nom: str) -> list[dict]:
    with (LOT / nom).open(encoding="utf-8") as fh:
        return [{k: (v or None) for k, v in r.items()} for r in csv.DictReader(fh, delimiter=";")]


def _date(texte: str) -> dt.date:
    j, m, a = texte.split("/")
    return dt.date(int(a), int(m), int(j))


def plus_mois(jour: dt.date, n: int) -> dt.date:
    annee, mois = divmod(jour.month - 1 + n, 12)
    annee, mois = jour.year + annee, mois + 1
    return dt.date(annee, mois, min(jour.day, calendar.monthrange(annee, mois)[1]))


def attendu(jour: dt.date, regles: dict) -> list[tuple]:
    """The deadlines of the batch on `jour`, from the issue's definitions."""
    restr = _lire("restructurations.csv")
    conv = _lire("conventions.csv")
    comites = _lire("Comités.csv")
    aides = _lire("aides.csv")
    dots = _lire("dotations.csv")
    par_fonds = {}
    for d in dots:
        par_fonds[d["id_fonds"]] = par_fonds.get(d["id_fonds"], 0) + float(d["montant"])
    attribue = {c["id_convention"]: 0.0 for c in conv}
    for a in aides:
        m = float(a["montant_revitalisation"])
        if a["id_convention"]:
            attribue[a["id_convention"]] += m
        else:
            for d in dots:
                if d["id_fonds"] == a["id_fonds"]:
                    attribue[d["id_convention"]] += m * float(d["montant"]) / par_fonds[a["id_fonds"]]
    sig, per, horizon = regles["delai_signature_mois"], regles["periodicite_comite_mois"], regles["horizon"]
    part_duree, part_conso = regles["part_duree"], regles["part_conso"]
    lignes = []
    avec_convention = {c["id_restructuration"] for c in conv}
    for r in restr:
        if r["id_restructuration"] not in avec_convention:
            due = plus_mois(_date(r["date_notification"]), sig)
            lignes.append(("SIGNATURE_CONVENTION", r["id_restructuration"], None, None, r["code_commune"][:2], due))
    for c in conv:
        signature, duree = _date(c["date_signature"]), int(c["duree_mois"])
        fin = plus_mois(signature, duree)
        siens = [m for m in comites if m["Id convention"] == c["id_convention"]]
        dernier = max((_date(m["Date du comité"]) for m in siens), default=None)
        final = any(m["Type de comité"] == "FINAL" for m in siens)
        base = (c["id_restructuration"], c["id_convention"], None, c["departement"])
        actif = c["statut"] in ACTIFS
        if actif and plus_mois(signature, per) <= jour:
            lignes.append(("COMITE_ANNUEL", *base, plus_mois(dernier or signature, per)))
        if actif and fin <= plus_mois(jour, horizon):
            lignes.append(("FIN_CONVENTION", *base, fin))
        if c["statut"] != "RESILIEE" and fin < jour and not final:
            lignes.append(("BILAN_FINAL", *base, fin))
        ecoule = Fraction((jour - signature).days, (fin - signature).days)
        if actif and ecoule > part_duree and Fraction(attribue[c["id_convention"]]) < part_conso * Fraction(
                c["montant_engage"]):
            lignes.append(("SOUS_CONSOMMATION", *base, fin))
    return sorted((*ligne, jour > ligne[-1]) for ligne in lignes)


REGLES = {"delai_signature_mois": 6, "periodicite_comite_mois": 12, "horizon": 6,
          "part_duree": Fraction(2, 3), "part_conso": Fraction(1, 3)}


# --- tests --------------------------------------------------------------------------------
@pytest.mark.parametrize("jour", [D - dt.timedelta(days=1), D, D + dt.timedelta(days=1), dt.date(2023, 6, 30),
                                  dt.date(2025, 9, 1), dt.date(2026, 12, 1)], ids=str)
def test_macro_equals_the_independent_computation_row_by_row(entrepot, jour):
    assert sorted(macro(entrepot, jour)) == attendu(jour, REGLES)


def _ligne(con, jour, type_echeance, ident):
    rows = [r for r in macro(con, jour) if r[0] == type_echeance and ident in (r[1], r[2])]
    return rows[0] if len(rows) == 1 else rows


def test_signature_delay_exactly_six_months_and_31_august(entrepot):
    a = _ligne(entrepot, D, "SIGNATURE_CONVENTION", "R-SIG-A")
    assert a == ("SIGNATURE_CONVENTION", "R-SIG-A", None, None, "59", D, False)
    assert _ligne(entrepot, D + dt.timedelta(days=1), "SIGNATURE_CONVENTION", "R-SIG-A")[-1] is True
    b = _ligne(entrepot, D, "SIGNATURE_CONVENTION", "R-SIG-B")
    assert b[-2:] == (dt.date(2025, 2, 28), True)          # 31 August + 6 months rolls back to 28 February
    aout = _ligne(entrepot, D, "FIN_CONVENTION", "C-AOUT")   # 31/08/2022 + 30 months
    assert aout[-2:] == (dt.date(2025, 2, 28), True)


def test_committee_exactly_twelve_months_ago_and_latest_of_any_type(entrepot):
    assert _ligne(entrepot, D, "COMITE_ANNUEL", "C-ANN-EXACT")[-2:] == (D, False)
    assert _ligne(entrepot, D + dt.timedelta(days=1), "COMITE_ANNUEL", "C-ANN-EXACT")[-1] is True
    assert _ligne(entrepot, D, "COMITE_ANNUEL", "C-ANN-LATE")[-2:] == (dt.date(2025, 2, 28), True)
    assert _ligne(entrepot, D, "COMITE_ANNUEL", "C-12")[-2:] == (D, False)       # signed 12 months before D
    assert _ligne(entrepot, D - dt.timedelta(days=1), "COMITE_ANNUEL", "C-12") == []
    assert _ligne(entrepot, D, "COMITE_ANNUEL", "C-NEUF") == []


def test_end_within_the_horizon_closed_and_resiliated_conventions(entrepot):
    assert _ligne(entrepot, D, "FIN_CONVENTION", "C-PROL")[-2:] == (dt.date(2025, 9, 1), False)
    assert _ligne(entrepot, D, "FIN_CONVENTION", "C-HORS") == []
    types = {r[0] for r in macro(entrepot, D) if r[2] == "C-CLOSE"}
    assert types == {"BILAN_FINAL"}                          # closed: no committee or end deadline
    assert _ligne(entrepot, D, "BILAN_FINAL", "C-CLOSE")[-2:] == (dt.date(2023, 1, 15), True)
    assert not [r for r in macro(entrepot, dt.date(2026, 12, 1)) if r[2] in ("C-BILAN", "C-RESIL")]
    echue = {r[0]: r[-2:] for r in macro(entrepot, D) if r[2] == "C-ECHUE"}
    assert echue == {"COMITE_ANNUEL": (dt.date(2021, 10, 1), True), "FIN_CONVENTION": (dt.date(2023, 10, 1), True),
                     "BILAN_FINAL": (dt.date(2023, 10, 1), True), "SOUS_CONSOMMATION": (dt.date(2023, 10, 1), True)}


def test_a_funds_committees_do_not_stand_for_its_conventions(entrepot):
    assert entrepot.execute("SELECT count(*), min(departement) FROM stg_comites WHERE id_fonds = 'F-13'"
                            ).fetchone() == (2, "13")
    assert _ligne(entrepot, D, "COMITE_ANNUEL", "C-MUTU")[-2:] == (dt.date(2024, 3, 1), True)
    assert _ligne(entrepot, D + dt.timedelta(days=1), "BILAN_FINAL", "C-MUTU")[-2:] == (D, True)
    assert all(r[3] is None for r in macro(entrepot, dt.date(2026, 12, 1)))


def test_under_consumption_thresholds(entrepot):
    assert _ligne(entrepot, D, "SOUS_CONSOMMATION", "C-SOUS")[-2:] == (dt.date(2025, 5, 1), False)
    assert _ligne(entrepot, D, "SOUS_CONSOMMATION", "C-TIERS") == []              # exactly one third
    assert _ligne(entrepot, D, "SOUS_CONSOMMATION", "C-MUTU") == []               # its fund's aids count
    assert _ligne(entrepot, D, "SOUS_CONSOMMATION", "C-DEUX-TIERS")[-2:] == (dt.date(2026, 3, 1), False)
    assert _ligne(entrepot, D - dt.timedelta(days=1), "SOUS_CONSOMMATION", "C-DEUX-TIERS") == []


def test_order_labels_and_extra_columns(entrepot):
    rows = entrepot.execute("SELECT en_retard, date_echeance, jours, libelle, libelle_type, code_region, "
                            "raison_sociale, type_echeance, id_convention FROM echeances(?)", [D]).fetchall()
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), reverse=True)     # late first
    for retard in (True, False):
        dates = [r[1] for r in rows if r[0] is retard]
        assert dates == sorted(dates)
    assert all(r[2] == (r[1] - D).days for r in rows)
    par = {(r[7], r[8]): r for r in rows}
    assert par[("COMITE_ANNUEL", "C-ANN-LATE")][3] == (
        "Convention C-ANN-LATE (Comité Tardif SA) : comité de suivi à réunir au plus tard le 28/02/2025 "
        "(dernier comité le 28/02/2024).")
    assert par[("SOUS_CONSOMMATION", "C-SOUS")][3] == (
        "Convention C-SOUS (Sous Consommée SA) : 30\u00a0% du montant engagé attribué après 94\u00a0% "
        "de sa durée (fin le 01/05/2025).")
    assert par[("SOUS_CONSOMMATION", "C-ECHUE")][3] == (
        "Convention C-ECHUE (Échue En Cours SA) : 0\u00a0% du montant engagé attribué au terme de la convention "
        "(fin le 01/10/2023).")
    assert par[("SIGNATURE_CONVENTION", None)][3].startswith("Aucune convention signée pour la restructuration")
    assert par[("COMITE_ANNUEL", "C-PROL")][4:7] == ("Comité de suivi annuel", "93", "Prolongée Provence")


def test_delays_and_fractions_are_rows_of_ref_regle(chemin, copy_of):
    autres = {"delai_signature_mois": 4, "periodicite_comite_mois": 6, "horizon": 3,
              "part_duree": Fraction(1, 2), "part_conso": Fraction(1, 2)}
    con = duckdb.connect(str(copy_of(chemin)))
    try:
        for cle, valeur in (("delai_signature_mois", "4"), ("periodicite_comite_mois", "6"),
                            ("horizon_fin_convention_mois", "3"), ("part_duree_sous_consommation", "1/2"),
                            ("part_consommation_minimale", "0.5")):
            con.execute("UPDATE ref_regle SET valeur = ? WHERE cle = ?", [valeur, cle])
        for jour in (D, dt.date(2024, 7, 15)):
            assert sorted(macro(con, jour)) == attendu(jour, autres)
        assert sorted(macro(con, D)) != attendu(D, REGLES)
    finally:
        con.close()
