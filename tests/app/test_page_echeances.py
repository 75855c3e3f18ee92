"""Échéances page (AppTest) and its iCalendar export, on the hand-built calendar batch.

The warehouse is the real empty build plus tests/sql/lot_echeances loaded by the real ingestion;
the expected deadlines are the independent computation of tests/sql/test_echeances.py.
"""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from core.perimetre import ADMINISTRATEUR_LOCAL
from core.query import query
from observatoire import calendrier
from tests.fixtures.entrepot import une_fois
from tests.sql.test_echeances import COLONNES, LOT, REGLES, D, attendu

LIBELLES = {"SIGNATURE_CONVENTION": "Convention à signer", "COMITE_ANNUEL": "Comité de suivi annuel",
            "FIN_CONVENTION": "Fin de convention", "BILAN_FINAL": "Bilan final à tenir",
            "SOUS_CONSOMMATION": "Sous-consommation"}


@pytest.fixture(scope="module")
def entrepot_echeances(empty_warehouse, tmp_path_factory):
    """The empty warehouse plus the deadlines batch, built once per run (une_fois), read-only."""
    from pipelines.ingest import ingerer_lot

    def construire(db):
        shutil.copy2(empty_warehouse, db)
        rapport = ingerer_lot(db, LOT)
        assert rapport.nb_rejetes == 0, rapport.summary_fr()
    return une_fois(tmp_path_factory, "entrepot_echeances_page.duckdb", construire)


def _lignes(db, departement=None, **autres):
    params = {"date_ref": D, "departement": departement, "code_region": None, "type_echeance": None,
              "horizon_mois": None, "en_retard_seul": False, **autres}
    return query("q_echeances", params, db=db, perimetre=ADMINISTRATEUR_LOCAL)


def test_page_shows_the_departements_deadlines_late_first(app, entrepot_echeances):
    at = app(entrepot_echeances, {"date": D.isoformat(), "departement": "69"}).switch_page("ecrans/echeances.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    attendus = [r for r in attendu(D, REGLES) if r[4] == "69"]
    metriques = {m.label: (m.value, m.help) for m in at.metric}
    for code, libelle in LIBELLES.items():
        retard = sum(1 for r in attendus if r[0] == code and r[-1])
        avenir = sum(1 for r in attendus if r[0] == code and not r[-1])
        assert metriques[libelle] == (f"{retard} en retard", f"{avenir} à venir"), libelle
    table = at.dataframe[0].value
    assert len(table) == len(attendus)
    assert list(table["en_retard"]) == sorted(table["en_retard"], reverse=True)
    liens = set(table["lien"])
    assert "/echeances?restructuration=R-SIG-C" in liens and "/conventions?convention=C-SOUS" in liens
    assert any(s.value == f"{len(attendus)} échéances" for s in at.subheader)


def test_filters_by_type_horizon_and_late_only(app, entrepot_echeances):
    at = app(entrepot_echeances, {"date": D.isoformat(), "type": "COMITE_ANNUEL", "horizon": "3"}).switch_page("ecrans/echeances.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    horizon = dt.date(2025, 6, 1)
    attendus = [r for r in attendu(D, REGLES) if r[0] == "COMITE_ANNUEL" and (r[-1] or r[-2] <= horizon)]
    assert len(table) == len(attendus) and set(table["libelle_type"]) == {"Comité de suivi annuel"}
    at.toggle(key="ech_retard").set_value(True).run()
    assert len(at.dataframe[0].value) == sum(1 for r in attendus if r[-1])
    assert at.query_params["retard"] in ("1", ["1"])


def test_a_restructuring_without_convention_opens_on_the_page(app, entrepot_echeances):
    at = app(entrepot_echeances, {"date": D.isoformat(), "restructuration": "R-SIG-B"}).switch_page("ecrans/echeances.py").run()
    assert not at.exception
    fiche = at.dataframe[0].value
    assert list(fiche["raison_sociale"]) == ["Fin Août Gironde"] and list(fiche["nb_conventions"]) == [0]
    liste = at.dataframe[1].value
    assert list(liste["date_echeance"].astype(str)) == ["2025-02-28"] and list(liste["en_retard"]) == [True]


def test_ics_parses_back_with_the_same_events(entrepot_echeances):
    lignes = _lignes(entrepot_echeances)
    avenir = lignes.filter(~lignes["en_retard"])
    assert avenir.height >= 10
    stamp = dt.datetime(2025, 3, 1, 8, 30, tzinfo=dt.UTC)
    ics = calendrier.ics_bytes(avenir, stamp, nom="Échéances – test")
    texte = ics.decode("utf-8")
    assert texte.startswith("BEGIN:VCALENDAR\r\n") and "VERSION:2.0\r\n" in texte and "PRODID:" in texte
    assert texte.count("BEGIN:VEVENT") == avenir.height
    assert f"DTSTART;VALUE=DATE:{avenir['date_echeance'][0]:%Y%m%d}" in texte
    evts = calendrier.evenements(ics)
    attendus = [(f"{r['type_echeance'].lower()}.{r['id_convention'] or r['id_restructuration']}"
                 f"@{calendrier.DOMAINE_UID}", r["date_echeance"], r["libelle"]) for r in avenir.iter_rows(named=True)]
    assert [(e["uid"], e["date"], e["description"]) for e in evts] == attendus
    assert len({e["uid"] for e in evts}) == len(evts)
    assert all(e["fin"] == e["date"] + dt.timedelta(days=1) and e["dtstamp"] == stamp for e in evts)
    assert all(isinstance(e["date"], dt.date) and not isinstance(e["date"], dt.datetime) for e in evts)
    premier = avenir.row(0, named=True)
    assert evts[0]["summary"].startswith(LIBELLES[premier["type_echeance"]] + " : ")
    # the same deadlines exported again keep their UIDs (a re-import updates, never duplicates)
    assert [e["uid"] for e in calendrier.evenements(calendrier.ics_bytes(avenir))] == [a[0] for a in attendus]


def test_query_matches_the_macro_and_the_independent_computation(entrepot_echeances):
    lignes = _lignes(entrepot_echeances, departement="33")
    assert sorted(lignes.select(COLONNES).rows()) == [r for r in attendu(D, REGLES) if r[4] == "33"]
    comptes = query("q_echeances_comptes", {"date_ref": D, "departement": None, "code_region": None,
                                            "horizon_mois": None}, db=entrepot_echeances)
    tous = attendu(D, REGLES)
    assert {r["type_echeance"]: (r["nb_en_retard"], r["nb_a_venir"]) for r in comptes.iter_rows(named=True)} == {
        code: (sum(1 for r in tous if r[0] == code and r[-1]), sum(1 for r in tous if r[0] == code and not r[-1]))
        for code in LIBELLES}


def test_territoire_block_lists_late_and_coming_deadlines(app, entrepot_echeances):
    from tests.fixtures.ecran import table, textes
    from tests.sql.test_echeances import plus_mois

    at = app(entrepot_echeances, {"departement": "69"}).switch_page("ecrans/territoire.py").run()
    assert not at.exception, [e.message for e in at.exception]
    jour = dt.date.today()
    horizon = plus_mois(jour, 6)     # horizon_fin_convention_mois of data/rules/regles.csv
    attendus = [r for r in attendu(jour, REGLES) if r[4] == "69" and (r[-1] or r[-2] <= horizon)]
    bloc = table(at, "lien")
    assert len(bloc) == len(attendus) > 0
    retard = sum(1 for r in attendus if r[-1])
    assert (f"{retard} échéance(s) en retard et {len(attendus) - retard} dans les 6 prochains mois"
            in textes(at))
    assert "Échéances du département" in [s.value for s in at.subheader]
