"""One entry point for the whole COPIL pack: collect once, render the PDF and the workbook.

Used by the CLI (`pipelines/copil.py`) and the Streamlit panel (`observatoire/copil_ui.py`).
`generer_dossier` returns bytes and timings; `generer_fichiers` writes them with stable names.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from observatoire.copil.collect import CopilPack, CopilParams, collect_pack
from observatoire.copil.pdf import render_pdf
from observatoire.copil.workbook import render_workbook

__all__ = ["CopilParams", "Dossier", "generer_dossier", "generer_fichiers", "nom_fichier"]


@dataclass
class Dossier:
    pack: CopilPack
    pdf: bytes
    xlsx: bytes
    durees: dict[str, float]     # seconds: collecte, pdf, classeur


def generer_dossier(params: CopilParams, db: Path | None = None, progression=None) -> Dossier:
    """Collect the frames and render both files; `progression(fraction, message)` is called between steps."""
    etapes = {}
    t = time.perf_counter()
    if progression:
        progression(0.05, "Lecture des indicateurs…")
    pack = collect_pack(params, db)
    etapes["collecte"] = time.perf_counter() - t
    if progression:
        progression(0.35, "Carte, graphiques et mise en page du PDF…")
    t = time.perf_counter()
    pdf = render_pdf(pack)
    etapes["pdf"] = time.perf_counter() - t
    if progression:
        progression(0.85, "Classeur Excel…")
    t = time.perf_counter()
    xlsx = render_workbook(pack)
    etapes["classeur"] = time.perf_counter() - t
    if progression:
        progression(1.0, "Dossier prêt.")
    return Dossier(pack, pdf, xlsx, etapes)


def nom_fichier(params: CopilParams, extension: str) -> str:
    """dossier-copil-13-2023.pdf, dossier-copil-13-2023-fonds-F13-AMPA.xlsx…"""
    nom = f"dossier-copil-{params.departement}-{params.annee}"
    if params.annee_debut:
        nom = f"dossier-copil-{params.departement}-{params.annee_debut}-{params.annee}"
    if params.fonds:
        nom += f"-fonds-{params.fonds}"
    if params.convention:
        nom += f"-convention-{params.convention}"
    if params.diffusable:
        nom += "-diffusable"
    sur = "".join(c if c.isalnum() or c in "-_" else "_" for c in nom)
    return f"{sur}.{extension}"


def generer_fichiers(params: CopilParams, dossier: Path, db: Path | None = None) -> list[Path]:
    """Write the PDF and the workbook into `dossier` (created if needed) and return their paths."""
    d = generer_dossier(params, db)
    dossier.mkdir(parents=True, exist_ok=True)
    chemins = []
    for ext, contenu in (("pdf", d.pdf), ("xlsx", d.xlsx)):
        chemin = dossier / nom_fichier(params, ext)
        chemin.write_bytes(contenu)
        chemins.append(chemin)
    return chemins
