"""The COPIL PDF's page primitives: A4 page with embedded DejaVu fonts, footer, section titles,
paragraphs, fitted images and zebra tables (fpdf2). Used by pdf.py and pdf_echeances.py.

The fonts are those shipped inside matplotlib, embedded in the file, so accents, the euro sign
and the narrow no-break spaces of French numbers print on any machine with no system font.
"""
from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from observatoire import formats

FONTES = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
BLEU = (0, 0, 145)          # bleu France, as in observatoire/charts.py
GRIS_TEXTE = (90, 97, 107)
ZEBRE = (243, 245, 249)
LARGEUR = 180               # usable width in mm (A4, 15 mm margins)


class Brief(FPDF):
    def __init__(self, pied: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self._pied = pied
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(True, margin=16)
        self.add_font("DejaVu", "", str(FONTES / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTES / "DejaVuSans-Bold.ttf"))
        self.add_font("DejaVu", "I", str(FONTES / "DejaVuSans-Oblique.ttf"))
        self.set_font("DejaVu", size=9)
        self.alias_nb_pages("{nb}")

    def footer(self):
        self.set_y(-11)
        self.set_font("DejaVu", size=7)
        self.set_text_color(*GRIS_TEXTE)
        self.cell(0, 4, f"{self._pied} · page {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    def titre_section(self, texte: str):
        if self.get_y() > self.h - 40:
            self.add_page()
        self.ln(2)
        self.set_font("DejaVu", "B", 11.5)
        self.set_text_color(*BLEU)
        self.cell(0, 7, texte, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*BLEU)
        self.line(15, self.get_y(), 15 + LARGEUR, self.get_y())
        self.ln(1.5)
        self.set_text_color(0, 0, 0)
        self.set_font("DejaVu", size=9)

    def image_ajustee(self, png: bytes, largeur_max: float, hauteur_max: float):
        """Centre an image in the width, as large as fits both the width and the height left."""
        with Image.open(io.BytesIO(png)) as im:
            w_px, h_px = im.size
        w = min(largeur_max, hauteur_max * w_px / h_px)
        self.image(png, x=15 + (LARGEUR - w) / 2, w=w)

    def hauteur(self, texte: str, taille: float = 8.5, style: str = "") -> float:
        """Height in mm that `paragraphe` would take for this text (nothing written)."""
        self.set_font("DejaVu", style, taille)
        h = self.multi_cell(0, taille * 0.5, texte, dry_run=True, output="HEIGHT")
        self.set_font("DejaVu", size=9)
        return h

    def reste(self) -> float:
        """Height left on the page before the automatic page break."""
        return self.page_break_trigger - self.get_y()

    def paragraphe(self, texte: str, taille: float = 8.5, style: str = "", couleur=(0, 0, 0)):
        self.set_font("DejaVu", style, taille)
        self.set_text_color(*couleur)
        self.multi_cell(0, taille * 0.5, texte, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font("DejaVu", size=9)

    def tableau(self, entetes: list[str], lignes: list[list[str]], largeurs: list[float],
                alignements: list[str], taille: float = 7.5, derniere_en_gras: bool = False):
        self.set_font("DejaVu", size=taille)
        entete = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=BLEU)
        self.set_fill_color(255, 255, 255)   # rows between the zebra stripes
        with self.table(col_widths=largeurs, width=sum(largeurs), text_align=alignements,
                        headings_style=entete, borders_layout="HORIZONTAL_LINES",
                        cell_fill_color=ZEBRE, cell_fill_mode="ROWS", line_height=taille * 0.48,
                        padding=(0.9, 1.2), align="LEFT", repeat_headings=1) as table:
            for i, ligne in enumerate([entetes, *lignes]):
                gras = derniere_en_gras and i == len(lignes)
                row = table.row(style=FontFace(emphasis="BOLD") if gras else None)
                for texte in ligne:
                    row.cell(texte)
        self.set_font("DejaVu", size=9)
        self.ln(1)


def ajuster(pdf: FPDF, texte, largeur_mm: float) -> str:
    """Cut a text with "…" so that it fits one line of the column (the workbook has it in full)."""
    texte = str(texte or formats.MANQUANT)
    if pdf.get_string_width(texte) <= largeur_mm:
        return texte
    while texte and pdf.get_string_width(texte + "…") > largeur_mm:
        texte = texte[:-1]
    return texte.rstrip() + "…"
