"""The COPIL brief as a 2–4 page A4 PDF, in French, from a `CopilPack`.

fpdf2 with the DejaVu fonts shipped inside matplotlib, embedded in the file, so accents, the euro
sign and the narrow no-break spaces of French numbers print on any machine with no system font.
Page 1: title, headline figures against the previous year, map. Page 2: jobs over time, instruments,
pooled funds. Page 3 (and 4 if needed): conventions (capped, the workbook has them all), flags and
data-quality notes, late and coming deadlines (pdf_echeances), methodology. Page primitives
(fonts, section titles, tables) are in pdf_page. Pure function of the pack: no SQL here.
"""
from __future__ import annotations

from datetime import date

from core.indicateurs import indicateur, texte
from observatoire import formats
from observatoire.copil import figures
from observatoire.copil.diffusable import MENTION, SANS_DETAIL, masquee
from observatoire.copil.pdf_echeances import section_echeances
from observatoire.copil.pdf_page import BLEU, GRIS_TEXTE, LARGEUR, Brief, ajuster
from observatoire.copil.textes import NOTICE_ECHANTILLON, methodologie, notes_qualite, phrase_bilan
from observatoire.copil.valeurs import evolution, valeur

MAX_CONVENTIONS = 24        # beyond this the PDF says "… et N autres, voir le classeur Excel"
MAX_FONDS = 12


def render_pdf(pack, genere_le: date | None = None) -> bytes:
    """The brief's bytes for a collected pack."""
    p = pack.params
    genere_le = genere_le or date.today()
    pied = (f"Observatoire de la revitalisation des bassins d'emploi · {pack.libelle_departement} "
            f"· édité le {formats.date_fr(genere_le)}" + (" · diffusable" if p.diffusable else ""))
    pdf = Brief(pied)
    pdf.set_title(f"Dossier COPIL – {pack.libelle_departement} – {p.annee}")
    pdf.set_author("Observatoire de la revitalisation des bassins d'emploi")
    pdf.add_page()
    _page_garde(pdf, pack, genere_le)
    pdf.add_page()
    _page_activite(pdf, pack)
    # the methodology closes page 2 when it fits there, rather than spilling alone onto a last page
    methodo_p2 = pdf.reste() > pdf.hauteur(methodologie(pack.regles), 7) + 16
    if methodo_p2:
        _methodologie(pdf, pack)
    if pack.conventions.height or pdf.get_y() > pdf.h / 2:
        pdf.add_page()          # an empty département keeps its few sentences on page 2
    _page_conventions(pdf, pack)
    section_echeances(pdf, pack, reserve=0 if methodo_p2 else pdf.hauteur(methodologie(pack.regles), 7) + 16)
    if not methodo_p2:
        _methodologie(pdf, pack)
    return bytes(pdf.output())


def _methodologie(pdf: Brief, pack):
    pdf.titre_section("Méthodologie")
    pdf.paragraphe(methodologie(pack.regles), taille=7, couleur=GRIS_TEXTE)


def _page_garde(pdf: Brief, pack, genere_le: date):
    p = pack.params
    pdf.set_font("DejaVu", "B", 8)
    pdf.set_text_color(*GRIS_TEXTE)
    pdf.cell(0, 4, "COMITÉ DE PILOTAGE · REVITALISATION DES BASSINS D'EMPLOI", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 19)
    pdf.set_text_color(*BLEU)
    pdf.multi_cell(0, 9, f"{pack.libelle_departement} ({p.departement})", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    if pack.scope != "departement":
        quoi = "Fonds mutualisé" if pack.scope == "fonds" else "Convention"
        pdf.paragraphe(f"{quoi} : {pack.libelle_scope}", taille=11, style="B")
    quand = f"COPIL du {formats.date_fr(p.date_copil)}" if p.date_copil else \
        f"Dossier édité le {formats.date_fr(genere_le)}"
    pdf.paragraphe(f"{quand} · bilan {pack.periode}", taille=10)
    if p.diffusable:
        pdf.paragraphe(MENTION, taille=8, style="B", couleur=BLEU)
    if pack.echantillon:
        pdf.ln(1.5)
        pdf.set_fill_color(255, 243, 224)
        pdf.set_font("DejaVu", "B", 8)
        pdf.set_text_color(150, 70, 0)
        pdf.multi_cell(0, 4.2, NOTICE_ECHANTILLON, fill=True, padding=1.5, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    pdf.paragraphe(phrase_bilan(pack), taille=11, style="B")
    pdf.titre_section("Chiffres clés")
    _tableau_chiffres(pdf, pack)
    pdf.titre_section("Les zones d'emploi du département")
    pdf.image_ajustee(figures.carte_zones(pack, hauteur_cm=11.0), largeur_max=165,
                      hauteur_max=pdf.h - pdf.get_y() - 30)
    pdf.paragraphe("Emplois créés sur la période, par zone d'emploi (lieu de création des emplois). "
                   "Les zones qui débordent du département sont estompées hors de ses limites ; "
                   "leurs chiffres portent sur la zone entière.", taille=7, style="I", couleur=GRIS_TEXTE)


def _tableau_chiffres(pdf: Brief, pack):
    p = pack.params
    cumul = "Période" if p.annee_debut else "Cumul"
    if pack.scope == "convention":
        entetes = ["Indicateur", f"Situation à fin {p.annee}"]
        lignes = [[r["indicateur"], valeur(r["periode"], r["nature"])] for r in pack.headline.iter_rows(named=True)]
        pdf.tableau(entetes, lignes, [110, 70], ["LEFT", "RIGHT"], taille=8.5)
        return
    entetes = ["Indicateur", str(p.annee), str(p.annee - 1), "Évolution", f"{cumul} ({_bornes(pack)})"]
    lignes = [[r["indicateur"], valeur(r["annee_n"], r["nature"], r.get("secret_n")),
               valeur(r["annee_n1"], r["nature"], r.get("secret_n1")),
               evolution(r["annee_n"], r["annee_n1"], r["nature"], r.get("secret_n") or r.get("secret_n1")),
               valeur(r["periode"], r["nature"], r.get("secret_periode"))] for r in pack.headline.iter_rows(named=True)]
    pdf.tableau(entetes, lignes, [62, 28, 28, 24, 38], ["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"], taille=8.5)


def _bornes(pack) -> str:
    p = pack.params
    return f"{p.annee_debut}–{p.annee}" if p.annee_debut else f"à fin {p.annee}"


def _page_activite(pdf: Brief, pack):
    pdf.titre_section("Emplois créés par année")
    if pack.serie.height == 0 or not any(pack.serie["emplois_crees"].fill_null(0)) and not masquee(pack.serie):
        pdf.paragraphe("Aucun emploi créé n'est enregistré pour ce périmètre jusqu'à "
                       f"fin {pack.params.annee}.")
    else:
        pdf.image(figures.graphique_serie(pack), x=15, w=LARGEUR)
    note = {"departement": "Série du département (aides localisées dans le département) : les emplois sont "
                           "rattachés à l'année de décision de l'aide ; le dernier suivi connu fait foi.",
            "fonds": "Série du fonds : emplois constatés à chaque suivi, par année du constat.",
            "convention": "Série de la convention : emplois attribués (aides directes et part des fonds) "
                          "constatés à chaque suivi, par année du constat."}[pack.scope]
    pdf.paragraphe(note, taille=7, style="I", couleur=GRIS_TEXTE)
    pdf.titre_section(f"Répartition par instrument ({_bornes(pack)})")
    if pack.instruments.height == 0:
        pdf.paragraphe("Aucune aide n'est enregistrée dans le département sur la période.")
    else:
        pdf.image(figures.graphique_instruments(pack), x=15, w=LARGEUR * 0.9)
    if pack.scope != "departement":
        pdf.paragraphe("Répartition de toutes les aides localisées dans le département.", taille=7, style="I",
                       couleur=GRIS_TEXTE)
    if pack.params.diffusable:   # no fund detail in the public brief (said with the conventions)
        return
    pdf.titre_section("Fonds mutualisés")
    fonds = list(pack.fonds.iter_rows(named=True))
    if not fonds:
        pdf.paragraphe("Aucun fonds mutualisé n'est enregistré pour ce département.")
        return
    pdf.set_font("DejaVu", size=7.5)
    # fund and manager names wrap (two funds of a département often share a long common prefix)
    lignes = [[str(r["nom"]), str(r.get("gestionnaire") or formats.MANQUANT), formats.euros_compacts(r["dotations"]),
               formats.nombre(r["nb_beneficiaires"]), formats.nombre(r["emplois_crees"]),
               formats.multiple(r["effet_levier"]), formats.euros(r["euros_par_emploi"])]
              for r in fonds[:MAX_FONDS]]
    ens = pack.ensemble_fonds
    if len(fonds) > 1:
        lignes.append([f"Ensemble des {formats.nombre(ens['nb_fonds'])} fonds", "", formats.euros_compacts(ens["dotations"]),
                       formats.nombre(ens["nb_beneficiaires"]), formats.nombre(ens["emplois_crees"]),
                       formats.multiple(ens["effet_levier"]), formats.euros(ens["euros_par_emploi"])])
    pdf.tableau(["Fonds", "Gestionnaire", *courts("dotations", "nb_beneficiaires", "emplois_crees", "effet_levier",
                                                 "euros_par_emploi")],
                lignes, [57, 33, 19, 21, 18, 14, 18], ["LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"],
                derniere_en_gras=len(fonds) > 1)
    if len(fonds) > MAX_FONDS:
        pdf.paragraphe(f"… et {len(fonds) - MAX_FONDS} autres, voir le classeur Excel.", taille=7.5, style="I")
    if len(fonds) > 1:
        pdf.paragraphe("Ensemble : une entreprise aidée par deux fonds n'est comptée qu'une fois.", taille=7,
                       style="I", couleur=GRIS_TEXTE)


def courts(*codes: str) -> list[str]:
    """The registry's headers of narrow columns for these indicators (core.indicateurs)."""
    return [indicateur(c).titre_court for c in codes]


def _page_conventions(pdf: Brief, pack):
    if pack.params.diffusable:
        return pdf.paragraphe(SANS_DETAIL, taille=8, style="I", couleur=GRIS_TEXTE)
    pdf.titre_section(f"Conventions de revitalisation ({len(pack.conventions)})")
    conv = list(pack.conventions.iter_rows(named=True))
    if not conv:
        pdf.paragraphe("Aucune convention signée sur la période pour ce périmètre.")
    else:
        plafond = _plafond_conventions(pdf, pack, len(conv))
        pdf.set_font("DejaVu", size=7)
        lignes = [[ajuster(pdf, r["raison_sociale"], 54 - 2.6), formats.date_fr(r["date_signature"]),
                   formats.nombre(r["emplois_supprimes"]), formats.nombre(r["objectif_emplois"]),
                   formats.nombre(r["emplois_crees_attribues"]), formats.pourcentage(r["taux_recreation"]),
                   ("" if r["conforme_minimum"] is not False else "⚠ ") + formats.euros_compacts(r["montant_engage"]),
                   formats.euros_compacts(r["contribution_minimale"]), formats.pourcentage(r["taux_consommation"])]
                  for r in conv[:plafond]]
        pdf.tableau(["Entreprise", "Signature", *courts("emplois_supprimes", "objectif_emplois", "emplois_crees_attribues",
                                                       "taux_recreation", "montant_engage", "contribution_minimale",
                                                       "taux_consommation")], lignes,
                    [54, 17, 14, 14, 13, 19, 17, 17, 15],
                    ["LEFT", "CENTER", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"], taille=7)
        if len(conv) > plafond:
            pdf.paragraphe(f"… et {len(conv) - plafond} autres, voir le classeur Excel.", taille=7.5, style="I")
        pdf.paragraphe("Emplois créés et consommation : aides directes de la convention et part des fonds "
                       "mutualisés au prorata de ses dotations. ⚠ : montant engagé inférieur au minimum légal "
                       + texte("({multiple_minimum} SMIC mensuels par emploi supprimé).", pack.regles), taille=7, style="I", couleur=GRIS_TEXTE)
    pdf.titre_section("Points d'attention et qualité des données")
    for note in notes_qualite(pack):
        h = pdf.hauteur(f"•  {note}", 8)
        if h < 60 and h > pdf.reste():
            pdf.add_page()      # a note is not split between two pages
        pdf.set_x(15)
        pdf.paragraphe(f"•  {note}", taille=8)


def _plafond_conventions(pdf: Brief, pack, n: int) -> int:
    """Rows of the conventions table: at most MAX_CONVENTIONS, fewer (not under 12) when that keeps the
    points of attention on the same page instead of a last page holding a few lines."""
    if n <= 12:
        return n
    ligne, entete, legende = 7 * 0.48 + 1.8, 2 * 7 * 0.48 + 1.8, 16
    notes = 12 + sum(pdf.hauteur(f"•  {note}", 8) for note in notes_qualite(pack))
    place = int((pdf.reste() - entete - legende - notes) / ligne) - 1
    return min(n, MAX_CONVENTIONS, max(12, place))
