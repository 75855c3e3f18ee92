"""The COPIL pack on the bundled sample: the
Bouches-du-Rhône pack carries the sample notice and the view's figures. Generation time per
département is measured by scripts/bench_copil.py, not asserted here (docs/performance-copil.md)."""
from __future__ import annotations

import duckdb
import pytest

from observatoire import formats
from observatoire.copil.build import CopilParams

from .conftest import pdf_pages, pdf_texte


def test_bouches_du_rhone_on_sample(sample_warehouse, dossier_echantillon_13, tmp_path):
    d = dossier_echantillon_13                       # generer_dossier(CopilParams("13", 2023), sample_warehouse)
    (tmp_path / "13.pdf").write_bytes(d.pdf)
    assert 2 <= len(pdf_pages(tmp_path / "13.pdf", tmp_path)) <= 4
    texte = pdf_texte(tmp_path / "13.pdf")
    assert "Données d'exemple" in texte
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    crees, entreprises = con.execute("SELECT emplois_crees, nb_beneficiaires FROM kpi_departement_f(NULL, 2023, "
                                     "NULL, NULL, NULL) WHERE code_departement = '13'").fetchone()
    con.close()
    attendu = f"{formats.nombre(crees)} emplois créés dans {formats.nombre(entreprises)} entreprises"
    assert attendu.replace("\u202f", " ") in texte


@pytest.mark.parametrize("departement, zones", [
    ("54", {"Nancy", "Sarrebourg", "Saint-Dié-des-Vosges"}),      # QA saw these two overlap
    ("13", {"Marseille", "Aix-en-Provence", "Martigues-Salon", "Arles"}),
    ("59", {"Lille", "Douai", "Valenciennes", "Cambrai", "Maubeuge"})])
def test_map_labels_do_not_overlap(sample_warehouse, departement, zones):
    """Every zone label on the département map, measured with matplotlib's renderer, overlaps no other."""
    import matplotlib.pyplot as plt

    from observatoire.copil.collect import collect_pack
    from observatoire.copil.figures import dessiner_carte

    pack = collect_pack(CopilParams(departement, 2023), sample_warehouse)
    fig, etiquettes = dessiner_carte(pack, hauteur_cm=11.0)
    plt.close(fig)
    noms = {texte.split("\n")[0] for texte, _b in etiquettes}
    assert zones <= noms
    for i, (t1, b1) in enumerate(etiquettes):
        for t2, b2 in etiquettes[i + 1:]:
            assert not b1.overlaps(b2), (t1, t2)
