"""The département's pooled funds taken together, as a COPIL publishes them ("1 100 jobs in about
170 firms thanks to the funds"), and notes that say a shared comment once.

Hand-built batch DEUX_FONDS of tests/fixtures/lots.py (Bouches-du-Rhône, COPIL 2023), figures worked
out here:
  R1 Alpha Industrie, Marseille, notified 10/01/2022, 100 jobs cut.
  C1 (R1) signed 01/03/2022, 100 000 € committed: legal minimum 2 × 1 603,12 € (SMIC since
     01/01/2022) × 100 = 320 624 € → below it (⚠ beside its committed amount). C2 (R1) 400 000 €.
     Both carry the comment "Cas documenté pour le test."
  F1 Fonds Alpha ← C1 100 000 €, F2 Fonds Beta ← C2 400 000 €; both carry the same comment.
  A1 F1 firm 402612345  10 000 / 5 000 / 5 000 €, 4 jobs
  A2 F2 firm 402612345  20 000 / 0 / 20 000 €, 3 jobs   (the same firm as A1)
  A3 F2 firm 312077779  30 000 / 0 / 0 €, no follow-up (0 job)
Together: dotations 500 000 €, 7 jobs, 2 distinct firms (per-fund counts 1 + 2 would say 3),
revitalisation 60 000 €, leverage (60 000 + 5 000 + 25 000) / 60 000 = 1,5, 60 000 / 7 = 8 571 € per job.
"""
from __future__ import annotations

import pytest

from observatoire.copil.build import CopilParams, generer_dossier
from observatoire.copil.textes import notes_qualite, phrase_bilan
from tests.fixtures.lots import COMMENTAIRE_FONDS

from .conftest import pdf_texte


@pytest.fixture(scope="module")
def entrepot(entrepot_du_lot):
    return entrepot_du_lot("deux_fonds")


@pytest.fixture(scope="module")
def dossier(entrepot):
    return generer_dossier(CopilParams("13", 2023), entrepot)


def test_funds_together_count_a_firm_once(dossier):
    ens = dossier.pack.ensemble_fonds
    assert ens["nb_fonds"] == 2 and ens["dotations"] == 500_000 and ens["emplois_crees"] == 7
    assert ens["nb_beneficiaires"] == 2
    assert int(dossier.pack.fonds["nb_beneficiaires"].sum()) == 3          # what a naive sum would say
    assert ens["effet_levier"] == pytest.approx(1.5)
    assert ens["euros_par_emploi"] == pytest.approx(60_000 / 7)
    assert phrase_bilan(dossier.pack).endswith(" Dont 7 emplois dans 2 entreprises grâce aux 2 fonds mutualisés.")


def test_a_comment_shared_by_several_items_is_said_once(dossier):
    notes = notes_qualite(dossier.pack)
    fonds = [n for n in notes if COMMENTAIRE_FONDS in n]
    assert fonds == [f"Fonds « Fonds Alpha », « Fonds Beta » : {COMMENTAIRE_FONDS}"]
    conv = [n for n in notes if "Cas documenté pour le test." in n]
    assert conv == ["Conventions C2 (Alpha Industrie), C1 (Alpha Industrie) : Cas documenté pour le test."]  # table order


def test_pdf_total_row_and_warning_beside_the_committed_amount(dossier, tmp_path):
    pdf = tmp_path / "d.pdf"
    pdf.write_bytes(dossier.pdf)
    texte = pdf_texte(pdf)
    total = " ".join(next(l for l in texte.splitlines() if "Ensemble des 2 fonds" in l).split())
    assert total == "Ensemble des 2 fonds 500 k€ 2 7 ×1,5 8 571 €"
    assert texte.count("1 325 millions d'euros") == 1
    c1 = next(l for l in texte.splitlines() if l.strip().startswith("Alpha Industrie") and "01/03/2022" in l)
    assert "⚠ 100 k€" in c1 and "321 k€" in c1                 # committed below the legal minimum
    c2 = next(l for l in texte.splitlines() if l.strip().startswith("Alpha Industrie") and "01/04/2022" in l)
    assert "⚠" not in c2


def test_bouches_du_rhone_sample_pack_shows_the_published_figures(sample_warehouse, dossier_echantillon_13,
                                                                   tmp_path):
    """COPIL of 12 April 2023: about 1 100 jobs in about 170 firms through the three funds."""
    import duckdb

    from observatoire import formats

    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        emplois, entreprises = con.execute("""
            WITH dernier AS (SELECT id_aide, arg_max(emplois_crees, date_constat) AS n
                             FROM suivi_emplois GROUP BY id_aide)
            SELECT sum(coalesce(d.n, 0)), count(DISTINCT a.siren_beneficiaire)
            FROM aides a JOIN fonds f USING (id_fonds) LEFT JOIN dernier d USING (id_aide)
            WHERE f.departement = '13' AND year(a.date_decision) <= 2023""").fetchone()
    finally:
        con.close()
    assert 1_000 <= emplois <= 1_200 and 150 <= entreprises <= 190
    d = dossier_echantillon_13                       # generer_dossier(CopilParams("13", 2023), sample_warehouse)
    phrase = (f"Dont {formats.nombre(emplois)} emplois dans {formats.nombre(entreprises)} entreprises "
              "grâce aux 3 fonds mutualisés.")
    assert phrase_bilan(d.pack).endswith(phrase)
    (tmp_path / "13.pdf").write_bytes(d.pdf)
    texte = " ".join(pdf_texte(tmp_path / "13.pdf").split())
    assert phrase.replace("\u202f", " ") in texte
    assert texte.count("« 1 325 millions d'euros »") == 1        # the ambiguity, as published, said once


def test_workbook_total_row_below_the_funds_table_matches_the_pdf(dossier, tmp_path):
    """Same figures as the PDF's 'Ensemble des 2 fonds' row, outside the Excel table (filters, sums)."""
    from openpyxl import load_workbook

    (tmp_path / "d.xlsx").write_bytes(dossier.xlsx)
    ws = load_workbook(tmp_path / "d.xlsx")["Fonds mutualisés"]
    table = ws.tables["Fonds"]
    entetes = [c.value for c in ws[table.ref.split(":")[0][1:]]]
    fin_table = int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    total = [r for r in ws.iter_rows(values_only=True) if r[0] == "Ensemble des 2 fonds"]
    assert len(total) == 1
    ligne = dict(zip(entetes, total[0]))
    rang = next(c.row for c in ws["A"] if c.value == "Ensemble des 2 fonds")
    assert rang == fin_table + 2 and ws.cell(rang - 1, 1).value is None      # a blank row between them
    assert ligne["Dotations"] == 500_000 and ligne["Montant de revitalisation"] == 60_000
    assert ligne["Cofinancement public"] == 5_000 and ligne["Cofinancement privé"] == 25_000
    assert ligne["Emplois créés"] == 7 and ligne["Aides"] == 3
    assert ligne["Entreprises aidées"] == 2                   # not 1 + 2: Atelier Calanques counted once
    assert ligne["Effet de levier"] == pytest.approx(1.5)
    assert ligne["Euros par emploi"] == pytest.approx(60_000 / 7)
    assert ligne["Conventions contributrices"] is None        # a convention may feed several funds
    assert ws.cell(rang, 1).font.b
    ens = dossier.pack.ensemble_fonds
    assert (ligne["Dotations"], ligne["Entreprises aidées"], ligne["Emplois créés"]) == \
        (ens["dotations"], ens["nb_beneficiaires"], ens["emplois_crees"])
