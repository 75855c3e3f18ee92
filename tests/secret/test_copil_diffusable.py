"""The public ("diffusable") COPIL brief on the hand-built secrecy warehouse: PDF text (pdftotext)
and workbook show « s » for masked figures and none of the masked values, no convention or fund
detail, and the mention « diffusable »."""
from __future__ import annotations

import subprocess

import openpyxl

from observatoire import formats
from observatoire.copil.__main__ import main


def _dossier(db, tmp_path, departement: str, annee: int, *options):
    out = tmp_path / departement
    assert main(["--departement", departement, "--annee", str(annee), "--out", str(out), "--db", str(db),
                 *options]) == 0
    pdf = next(out.glob("*.pdf"))
    texte = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    classeur = openpyxl.load_workbook(next(out.glob("*.xlsx")), read_only=True)
    cellules = [c for ws in classeur.worksheets for row in ws.iter_rows(values_only=True) for c in row
                if c is not None]
    return pdf, texte, cellules


def test_departement_sous_secret(entrepot_secret, tmp_path):
    """05: two firms (45 000 € in 2021, 35 000 € in 2022): every aid figure is « s »."""
    pdf, texte, cellules = _dossier(entrepot_secret, tmp_path, "05", 2022, "--diffusable")
    assert pdf.name.endswith("-diffusable.pdf")
    assert "Version diffusable" in texte and "loi n° 51-711" in texte and "diffusable · page 1" in texte
    chiffres = {l.split()[0]: l for l in texte.splitlines() if l.strip().startswith(("Montant", "Emplois créés"))}
    assert chiffres["Montant"].split()[-4:] == ["s", "s", "s", "s"]
    for v in (80_000, 45_000, 35_000):
        for forme in (formats.euros(v), formats.euros_compacts(v)):
            assert forme not in texte
        assert v not in cellules and float(v) not in cellules
    assert "s" in cellules
    assert "Entreprise Q" not in texte and "Fonds Provence" not in texte
    assert "Entreprise Q" not in cellules and "Fonds Provence" not in cellules


def test_zone_masquee_dans_le_classeur(entrepot_secret, tmp_path):
    """13 is published, but zone 9312 (dominated by one firm) is « s » in the zones sheet; the
    full brief (not diffusable) shows its figures, the diffusable one never."""
    _pdf, texte, cellules = _dossier(entrepot_secret, tmp_path, "13", 2022, "--diffusable")
    assert 1_010_000 not in cellules and 1_010_000.0 not in cellules
    assert "Fonds Provence" not in texte and "Alpha Industrie" not in texte
    _pdf, texte_complet, complet = _dossier(entrepot_secret, tmp_path / "complet", "13", 2022)
    assert 1_010_000.0 in complet or 1_010_000 in complet
    assert "Fonds Provence" in texte_complet


def test_pas_de_fonds_ni_de_convention_en_diffusable(entrepot_secret, tmp_path, capsys):
    assert main(["--departement", "13", "--annee", "2022", "--out", str(tmp_path), "--db", str(entrepot_secret),
                 "--fonds", "F1", "--diffusable"]) == 1
    assert "diffusable" in capsys.readouterr().err
