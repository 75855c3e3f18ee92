"""The COPIL pack as an Excel workbook a prefecture officer can rework (xlsxwriter).

Same frames as the PDF, but complete and typed: one sheet per table, each a real Excel table
(filters, banded rows) with numbers stored as numbers, euro, percentage and date formats, frozen
headers, and a "Définitions" sheet. Nothing is rounded in the cells: Excel formats do the display,
so sums and pivots stay exact. Pure function of a `CopilPack`.
"""
from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter

from core.indicateurs import indicateur
from core.indicateurs import texte as avec_regles
from observatoire import formats
from observatoire.copil.diffusable import MENTION, lignes
from observatoire.copil.textes import NOTICE_ECHANTILLON, definitions, notes_qualite, phrase_bilan

# Columns: a registry code (core.indicateurs: document label, kind) or (label, column, kind).
_GENRE = {"entier": "entier", "annee": "entier", "euros": "euros", "taux": "taux", "multiple": "multiple",
          "decimal": "decimal", "booleen": "booleen", "date": "date", "texte": "texte"}


def colonnes(spec: list, regles: dict) -> list[tuple[str, str, str]]:
    """(label, column, kind) of a sheet, registry codes resolved with the warehouse's rules."""
    out = []
    for item in spec:
        if isinstance(item, str):
            ind = indicateur(item)
            out.append((avec_regles(ind.titre_document, regles), item, _GENRE[ind.genre]))
        else:
            out.append(item)
    return out


# kind → xlsxwriter number format (Excel shows separators in the user's locale: 1 100 €, 60 %)
FORMATS = {"entier": "#,##0", "euros": '#,##0 "€"', "taux": "0.0%", "multiple": "0.00",
           "date": "dd/mm/yyyy", "texte": "@", "decimal": "#,##0.00"}
LARGEURS = {"texte": 22, "entier": 12, "euros": 15, "taux": 11, "multiple": 10, "date": 12, "decimal": 12}

ZONES = [("Code zone", "code_ze", "texte"), ("Zone d'emploi", "libelle", "texte"),
         ("Départements touchés", "departements", "texte"), "emplois_supprimes",
         "emplois_prevus", "emplois_crees",
         "montant_revitalisation",
         "cofinancement_public", "cofinancement_prive",
         "nb_beneficiaires", "nb_aides",
         "effet_levier", "euros_par_emploi",
         "taux_recreation", "taux_realisation"]
CONVENTIONS = [("Convention", "id_convention", "texte"), ("Entreprise", "raison_sociale", "texte"),
               ("Procédure", "type_procedure", "texte"), ("Modalité", "modalite", "texte"),
               ("Opérateur", "operateur", "texte"), ("Statut", "statut", "texte"),
               ("Date de signature", "date_signature", "date"), "emplois_supprimes",
               "objectif_emplois", "smic_mensuel",
               "contribution_minimale",
               "montant_engage", "conforme_minimum",
               "montant_attribue",
               "emplois_crees_attribues",
               "taux_recreation",
               "taux_atteinte_objectif",
               "taux_consommation", "duree_sup_max",
               "signature_tardive", "sup_penalite",
               "nb_signalements", ("Commentaire", "commentaire", "texte")]
FONDS = [("Fonds", "id_fonds", "texte"), ("Nom", "nom", "texte"), ("Gestionnaire", "gestionnaire", "texte"),
         "dotations", "montant_revitalisation",
         "cofinancement_public",
         "cofinancement_prive", "emplois_crees",
         "nb_beneficiaires", "nb_aides",
         ("Conventions contributrices", "nb_conventions", "entier"), "effet_levier",
         "euros_par_emploi", "nb_signalements",
         ("Commentaire (tel que publié)", "commentaire", "texte")]
SERIE = ["annee", "emplois_supprimes",
         "emplois_prevus",
         "emplois_crees", ("Emplois créés (cumul)", "emplois_crees_cumul", "entier"), "montant_revitalisation",
         "nb_aides", "nb_conventions",
         "montant_engage"]
INSTRUMENTS = [("Code", "modalite", "texte"), "nb_aides",
               "montant_revitalisation",
               "nb_beneficiaires",
               "cofinancement_public",
               "cofinancement_prive",
               "emplois_crees", "effet_levier",
               "euros_par_emploi"]
SIGNALEMENTS = [("Code", "code", "texte"), ("Jeu de données", "dataset", "texte"), ("Lignes", "nb", "entier"),
                ("Exemple de message", "exemple", "texte"), ("Identifiants", "cles", "texte")]


def _cellule(v):
    if isinstance(v, Decimal):
        return float(v)
    return v


class _Classeur:
    def __init__(self, buf: io.BytesIO):
        self.wb = xlsxwriter.Workbook(buf, {"in_memory": True, "remove_timezone": True})
        self.fmt = {k: self.wb.add_format({"num_format": v, "valign": "top"}) for k, v in FORMATS.items()}
        self.fmt["booleen"] = self.wb.add_format({"align": "center"})
        self.titre = self.wb.add_format({"bold": True, "font_size": 14, "font_color": "#000091"})
        self.note = self.wb.add_format({"italic": True, "font_color": "#5a616b", "text_wrap": True, "valign": "top"})
        self.alerte = self.wb.add_format({"bold": True, "font_color": "#964600", "bg_color": "#fff3e0", "text_wrap": True})
        self.wrap = self.wb.add_format({"text_wrap": True, "valign": "top"})
        self.fin_table = 0

    def ecrire(self, v, ws, r: int, c: int, kind: str):
        v = _cellule(v)
        if v is None or (isinstance(v, float) and v != v):
            ws.write_blank(r, c, None, self.fmt.get(kind))
        elif v == formats.SECRET and kind != "texte":     # secret statistique (diffusable brief)
            ws.write_string(r, c, v)
        elif kind == "booleen":
            ws.write_string(r, c, "Oui" if v else "Non", self.fmt["booleen"])
        elif kind == "date" and isinstance(v, (date, datetime)):
            ws.write_datetime(r, c, datetime(v.year, v.month, v.day), self.fmt["date"])
        elif kind == "texte":
            ws.write_string(r, c, str(v))
        else:
            ws.write_number(r, c, float(v), self.fmt[kind])

    def feuille(self, nom: str, titre: str, colonnes: list, lignes: list[dict], nom_table: str,
                entete: list[str] | None = None):
        """A sheet: title line(s), then an Excel table starting at row `debut`, frozen under its header."""
        ws = self.wb.add_worksheet(nom)
        ws.write(0, 0, titre, self.titre)
        debut = 1
        for texte in entete or []:
            ws.write(debut, 0, texte, self.note)
            debut += 1
        debut += 1
        fin = debut + max(len(lignes), 1)
        ws.add_table(debut, 0, fin, len(colonnes) - 1, {
            "name": nom_table, "style": "Table Style Medium 2",
            "columns": [{"header": h} for h, _k, _t in colonnes]})
        for i, ligne in enumerate(lignes):
            for j, (_h, cle, kind) in enumerate(colonnes):
                self.ecrire(ligne.get(cle), ws, debut + 1 + i, j, kind)
        for j, (h, _cle, kind) in enumerate(colonnes):
            ws.set_column(j, j, max(LARGEURS.get(kind, 12), min(len(h) + 4, 34)))
        ws.freeze_panes(debut + 1, 0)
        self.fin_table = fin        # last row of the table, for a total written below it
        return ws


def render_workbook(pack) -> bytes:
    """The workbook's bytes for a collected pack."""
    p = pack.params
    buf = io.BytesIO()
    x = _Classeur(buf)
    lieu = f"{pack.libelle_departement} ({p.departement})" + (f" · {pack.libelle_scope}" if pack.libelle_scope else "")
    entete = [f"{lieu} · bilan {pack.periode}"
              + (f" · COPIL du {formats.date_fr(p.date_copil)}" if p.date_copil else ""),
              f"Dernier chargement des données : {formats.date_fr(pack.etat.get('dernier_chargement'))} "
              f"(version {pack.data_version})"] + ([MENTION] if p.diffusable else [])
    _synthese(x, pack, entete)
    conventions = [{**r, "type_procedure": formats.libelle(r.get("type_procedure"), formats.LIBELLES_TYPE_PROCEDURE),
                    "modalite": formats.libelle(r.get("modalite"), formats.LIBELLES_MODALITE),
                    "statut": formats.libelle(r.get("statut"), formats.LIBELLES_STATUT)}
                   for r in pack.conventions.iter_rows(named=True)]
    r = pack.regles
    x.feuille("Conventions", "Conventions de revitalisation", colonnes(CONVENTIONS, r), conventions, "Conventions", entete)
    ws = x.feuille("Fonds mutualisés", "Fonds mutualisés", colonnes(FONDS, r), list(pack.fonds.iter_rows(named=True)), "Fonds",
                   entete)
    _ensemble_fonds(x, ws, pack)
    x.feuille("Zones d'emploi", "Zones d'emploi touchant le département (chiffres de la zone entière)", colonnes(ZONES, r),
              lignes(pack.zones), "Zones", entete)
    serie_cols = [c for c in colonnes(SERIE, r) if c[1] in pack.serie.columns]
    titre_serie = ("Emplois créés par année de décision des aides" if pack.scope == "departement" else
                   "Emplois constatés par année de suivi (cumul en fin d'année)")
    x.feuille("Série annuelle", titre_serie, serie_cols,
              lignes(pack.serie), "Serie", entete)
    inst = [{**r, "libelle": r.get("libelle") or formats.libelle(r["modalite"], formats.LIBELLES_TYPE_AIDE)}
            for r in lignes(pack.instruments)]
    x.feuille("Instruments", "Répartition par instrument", [("Instrument", "libelle", "texte"), *colonnes(INSTRUMENTS, r)],
              inst, "Instruments", entete)
    ws = x.feuille("Signalements", "Points d'attention et signalements", SIGNALEMENTS,
                   list(pack.signalements.iter_rows(named=True)), "Signalements",
                   entete + [f"• {n}" for n in notes_qualite(pack)])
    ws.set_column(0, 0, 28)
    wd = x.feuille("Définitions", "Définitions des indicateurs", [("Indicateur", "i", "texte"),
                   ("Définition", "d", "texte"), ("Source", "s", "texte")],
                   [{"i": i, "d": d, "s": s} for i, d, s in definitions(pack.regles)], "Definitions")
    wd.set_column(0, 0, 30)
    wd.set_column(1, 1, 100, x.wrap)
    wd.set_column(2, 2, 34)
    x.wb.close()
    return buf.getvalue()


def _synthese(x: _Classeur, pack, entete: list[str]):
    p = pack.params
    lignes = [{"indicateur": r["indicateur"], "nature": r["nature"],
               **{k: formats.SECRET if r.get(f"secret_{c}") else r[f"annee_{c}" if c != "periode" else c]
                  for k, c in (("n", "n"), ("n1", "n1"), ("periode", "periode"))}}
              for r in pack.headline.iter_rows(named=True)]
    notes = [*entete, phrase_bilan(pack)]
    ws = x.wb.add_worksheet("Synthèse")
    ws.write(0, 0, "Dossier COPIL · chiffres clés", x.titre)
    r = 1
    for texte in notes:
        ws.write(r, 0, texte, x.note)
        r += 1
    if pack.echantillon:
        ws.merge_range(r, 0, r, 4, NOTICE_ECHANTILLON, x.alerte)
        ws.set_row(r, 32)
        r += 1
    r += 1
    cumul = f"Période {p.annee_debut}–{p.annee}" if p.annee_debut else f"Cumul à fin {p.annee}"
    cols = ["Indicateur", f"Année {p.annee}", f"Année {p.annee - 1}", cumul, "Nature"]
    ws.add_table(r, 0, r + max(len(lignes), 1), len(cols) - 1,
                 {"name": "Synthese", "style": "Table Style Medium 2", "columns": [{"header": h} for h in cols]})
    for i, ligne in enumerate(lignes):
        kind = "entier" if ligne["nature"] == "nombre" else ligne["nature"]
        ws.write_string(r + 1 + i, 0, ligne["indicateur"])
        for j, cle in enumerate(("n", "n1", "periode"), start=1):
            x.ecrire(ligne[cle], ws, r + 1 + i, j, kind)
        ws.write_string(r + 1 + i, 4, ligne["nature"])
    ws.set_column(0, 0, 34)
    ws.set_column(1, 3, 18)
    ws.set_column(4, 4, 10)
    ws.freeze_panes(r + 1, 0)


def _ensemble_fonds(x: _Classeur, ws, pack):
    """The funds taken together, as in the PDF, two rows below the funds table (outside it, so that the
    table's filters and sums never take it for a fund): sums, distinct firms, leverage and euros per job."""
    ens = pack.ensemble_fonds
    if not ens or ens["nb_fonds"] < 2:
        return
    r = x.fin_table + 2
    gras = {k: x.wb.add_format({"num_format": f, "bold": True, "top": 2, "bottom": 1, "bg_color": "#e3e3fd"})
            for k, f in FORMATS.items()}
    valeurs = {"id_fonds": f"Ensemble des {formats.nombre(ens['nb_fonds'])} fonds",
               "nom": "Fonds pris ensemble (comme dans la note PDF)",
               "commentaire": "Une entreprise aidée par plusieurs fonds n'est comptée qu'une fois."}
    for j, (_h, cle, kind) in enumerate(colonnes(FONDS, pack.regles)):
        v = valeurs.get(cle, ens.get(cle))
        if v is None:
            ws.write_blank(r, j, None, gras[kind if kind in gras else "texte"])
        elif kind == "texte":
            ws.write_string(r, j, str(v), gras["texte"])
        else:
            ws.write_number(r, j, float(v), gras[kind])
