"""The COPIL brief's "Échéances" section: the département's late and coming deadlines.

Rows of `pack.echeances` (q_copil_echeances: late ones, then those due within the horizon of
ref_regle, seen from the COPIL date), capped so the brief keeps to its pages, a third of the
rows kept for the coming ones: the workbook's "Échéances" sheet has them all. Pure function of
the pack.
"""
from __future__ import annotations

from observatoire import formats
from observatoire.copil.pdf_page import GRIS_TEXTE, Brief, ajuster
from observatoire.copil.textes import phrase_echeances

MAX_ECHEANCES = 16
MAX_PAGES = 4               # the brief's promise (2 to 4 pages)
LARGEURS = [18, 17, 36, 55, 54]
LIGNE, ENTETE = 7 * 0.48 + 1.8, 2 * 7 * 0.48 + 1.8


def section_echeances(pdf: Brief, pack, reserve: float = 0) -> None:
    """The section, keeping `reserve` mm free below it (the methodology that follows) and the
    brief within MAX_PAGES: with too little room left on the last page, the sentence alone."""
    if pack.params.diffusable:
        return          # firm-level: not in the public brief (said with the conventions)
    titre, legende = 12 + pdf.hauteur(phrase_echeances(pack)), 14
    if pdf.reste() - reserve < titre + ENTETE + 3 * LIGNE + legende and pdf.page_no() < MAX_PAGES:
        pdf.add_page()
    if pdf.reste() - reserve < titre:
        return          # last page full: the workbook's sheet holds the deadlines
    pdf.titre_section("Échéances de suivi")
    pdf.paragraphe(phrase_echeances(pack), taille=8.5)
    e = pack.echeances
    place = int((pdf.reste() - reserve - ENTETE - legende) / LIGNE)
    if e.height == 0 or place < 3:
        if e.height:
            pdf.paragraphe("La liste est dans le classeur Excel (feuille Échéances).", taille=7.5, style="I")
        return
    plafond = min(MAX_ECHEANCES, e.height, place)
    retard, avenir = e.filter(e["en_retard"]), e.filter(~e["en_retard"])
    n_avenir = min(avenir.height, max(plafond // 3, plafond - retard.height))   # room kept for what comes
    montrees = [*retard.head(plafond - n_avenir).iter_rows(named=True), *avenir.head(n_avenir).iter_rows(named=True)]
    pdf.set_font("DejaVu", size=7)
    lignes = [[formats.date_fr(r["date_echeance"]), "En retard" if r["en_retard"] else "À venir",
               ajuster(pdf, r["libelle_type"], LARGEURS[2] - 2.6), ajuster(pdf, r["raison_sociale"], LARGEURS[3] - 2.6),
               ajuster(pdf, r["id_convention"] or f"{r['id_restructuration']} (sans convention)", LARGEURS[4] - 2.6)]
              for r in montrees]
    pdf.tableau(["Échéance", "État", "Type", "Entreprise", "Convention"], lignes, LARGEURS,
                ["CENTER", "LEFT", "LEFT", "LEFT", "LEFT"], taille=7)
    if e.height > len(montrees):
        pdf.paragraphe(f"… et {e.height - len(montrees)} autres, voir le classeur Excel (feuille Échéances).",
                       taille=7.5, style="I")
    pdf.paragraphe("Délais de la loi et du suivi : signature de la convention après la notification, comité "
                   "de suivi annuel (D1233-42), fin de la convention, bilan final, consommation des crédits. "
                   "Un comité n'est compté que s'il a été chargé dans l'observatoire.", taille=7, style="I",
                   couleur=GRIS_TEXTE)
