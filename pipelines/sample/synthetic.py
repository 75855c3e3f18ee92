"""The synthetic national body: ~3,000 conventions 2002-2026, their funds, aids and follow-ups.

Shapes come from public orders of magnitude (domain.md): yearly volumes near the Cour des
comptes count, IRES/Amnyos bands for job targets and amounts, contributions of 2 to 4 monthly
SMIC per job cut (a few outside to exercise the flags), pooled funds in a few dozen
départements, SME beneficiaries near the site, leverage 1.5-5 and 50-80 % of planned jobs
created on average. Nothing here describes a real firm or a real convention.
"""
from __future__ import annotations

import datetime as dt
import math

from pipelines.sample.distributions import (
    BANDES_OBJECTIF,
    DATE_ARRETE,
    PREMIERE_NOTIFICATION,
    Geographie,
    Registre,
    Smic,
    jour_aleatoire,
    log_uniforme,
    naf,
    plus_mois,
    tirer_bande,
)
from pipelines.sample.lot import Lot, euros

# Conventions signed per year at scale 1 (2002-2014 sums to about the Cour des comptes' 1,402).
PAR_AN = {2002: 55, 2003: 90, 2004: 100, 2005: 105, 2006: 100, 2007: 95, 2008: 120, 2009: 150,
          2010: 135, 2011: 110, 2012: 115, 2013: 120, 2014: 110, 2015: 125, 2016: 120, 2017: 120,
          2018: 125, 2019: 120, 2020: 135, 2021: 150, 2022: 130, 2023: 125, 2024: 140, 2025: 145, 2026: 125}
NB_FONDS = 32
DEPS_RESERVES = {"13"}   # the Bouches-du-Rhône funds are the documented case (cases.py)
OPERATEURS = ("SIDE", "Sodie", "Alixio", "Katalyse", "Cabinet Ardelan Conseil", "Territoires & Emploi Conseil",
              "Revita Développement", "Agence de développement économique locale")
GESTIONNAIRES = ("Initiative {d}", "France Active {d}", "Réseau Entreprendre {d}", "Sodie", "SIDE", "Alixio",
                 "CCI {d}", "Agence de développement économique {d}")
TYPES_DIRECTS = (("PRET", 30), ("SUBVENTION", 27), ("PRET_HONNEUR", 10), ("ACCOMPAGNEMENT", 11),
                 ("GARANTIE", 5), ("FORMATION", 7), ("ACTION_COLLECTIVE", 10))
TYPES_FONDS = (("PRET", 38), ("SUBVENTION", 18), ("PRET_HONNEUR", 22), ("ACCOMPAGNEMENT", 8),
               ("GARANTIE", 8), ("FORMATION", 3), ("ACTION_COLLECTIVE", 3))
ACTIONS = ("Pépinière d'entreprises de {c}", "Plateforme d'initiative locale de {c}", "Forum emploi de {c}",
           "Programme de reconversion industrielle de {c}", "Club des entreprises de {c}",
           "Atelier de création d'entreprise de {c}", "Plateforme de recrutement de {c}")


def _choix_pondere(rng, options):
    total = sum(p for _, p in options)
    r = rng.random() * total
    for valeur, p in options:
        r -= p
        if r < 0:
            return valeur
    return options[-1][0]


class National:
    def __init__(self, lot: Lot, geo: Geographie, smic: Smic, scale: float = 1.0):
        self.lot, self.geo, self.smic, self.scale = lot, geo, smic, scale
        self.rng = lot.rng
        self.registre = Registre(self.rng)
        self.groupes: list[dict] = []
        deps, poids = geo.poids_departements()
        self.deps = [(d, p) for d, p in zip(deps, poids)]
        self.fonds: dict[str, dict] = {}
        self.dotations_par_fonds: dict[str, list[tuple[dt.date, float]]] = {}

    # --- funds -------------------------------------------------------------------------------
    def creer_fonds(self) -> None:
        candidats = [(d, p) for d, p in self.deps if d not in DEPS_RESERVES and len(d) == 2]
        while len(self.fonds) < NB_FONDS:
            d = _choix_pondere(self.rng, candidats)
            if d in self.fonds:
                continue
            nom_dep = self.geo.noms_dep[d]
            creation = dt.date(self.rng.randint(2004, 2019), self.rng.randint(1, 12), 1)
            f = self.lot.add("fonds", id_fonds=f"F-{d}-01", nom=f"Fonds mutualisé de revitalisation – {nom_dep}",
                             departement=d, gestionnaire=self.rng.choice(GESTIONNAIRES).format(d=nom_dep),
                             date_creation=creation, commentaire=None)
            self.fonds[d] = f
            self.dotations_par_fonds[f["id_fonds"]] = []

    # --- conventions -------------------------------------------------------------------------
    def entreprise(self) -> tuple[str, str, str]:
        """(siren, raison sociale, groupe) of a large firm; groups restructure more than once."""
        if self.groupes and self.rng.random() < 0.35:
            g = self.rng.choice(self.groupes)
        else:
            g = {"nom": self.registre.groupe(), "filiales": []}
            self.groupes.append(g)
        if g["filiales"] and self.rng.random() < 0.5:
            return self.rng.choice(g["filiales"])
        suffixe = self.rng.choice(("France", "Manufacturing", "Production", "Services", "Opérations", "Industrie"))
        filiale = (self.registre.siren(), f"{g['nom']} {suffixe} {self.rng.choice(('SAS', 'SA'))}", g["nom"])
        g["filiales"].append(filiale)
        return filiale

    def generer(self) -> None:
        self.creer_fonds()
        for annee in sorted(PAR_AN):
            n = max(1, round(PAR_AN[annee] * self.scale))
            debut = dt.date(annee, 4, 1) if annee == 2002 else dt.date(annee, 1, 1)
            fin = min(dt.date(annee, 12, 31), DATE_ARRETE)
            signatures = sorted(jour_aleatoire(self.rng, debut, fin) for _ in range(n))
            for i, signature in enumerate(signatures, 1):
                self.convention(f"{annee}-{i:05d}", signature)
        for id_fonds in sorted(self.dotations_par_fonds):
            self.aides_fonds(id_fonds)

    def convention(self, num: str, signature: dt.date) -> None:
        rng, lot = self.rng, self.lot
        dep = _choix_pondere(rng, self.deps)
        site = self.geo.commune(rng, "dep", dep)
        tardive = rng.random() < 0.02
        notification = signature - dt.timedelta(days=rng.randint(190, 400) if tardive else rng.randint(35, 175))
        if notification < PREMIERE_NOTIFICATION:
            notification = PREMIERE_NOTIFICATION + dt.timedelta(days=rng.randint(0, (signature - PREMIERE_NOTIFICATION).days - 30))
        lo, hi = tirer_bande(rng, BANDES_OBJECTIF)
        objectif = max(10, round(log_uniforme(rng, lo, hi)))
        supprimes = objectif if rng.random() < 0.7 else max(10, round(objectif * rng.uniform(0.75, 1.3)))
        procedure = (_choix_pondere(rng, (("PSE", 75), ("RCC", 20), ("AUTRE", 5))) if signature.year >= 2018
                     else ("PSE" if rng.random() < 0.95 else "AUTRE"))
        siren, raison, groupe = self.entreprise()
        id_r = f"R-{num}"
        lot.add("restructurations", id_restructuration=id_r, siren=siren, raison_sociale=raison, groupe=groupe,
                code_commune=lot.code_saisi(site.code), date_notification=notification,
                type_procedure=procedure, emplois_supprimes=supprimes)

        fonds = self.fonds.get(dep)
        if fonds and signature >= fonds["date_creation"]:
            modalite = _choix_pondere(rng, (("MUTUALISEE", 40), ("MIXTE", 25), ("DIRECTE", 33), ("TRESOR", 2)))
        else:
            modalite = "DIRECTE" if rng.random() < 0.97 else "TRESOR"
        r = rng.random()
        if modalite == "TRESOR" or r < 0.06:
            taux = 4.0
        elif r < 0.08:
            taux = rng.uniform(1.2, 1.9)     # reduced by the administration: flagged
        elif r < 0.105:
            taux = rng.uniform(4.2, 6.0)     # above common practice: flagged
        elif r < 0.45:
            taux = 2.0
        else:
            taux = rng.uniform(2.05, 3.5)
        smic = self.smic.au(signature)
        if taux in (2.0, 4.0):
            montant = euros(taux * smic * supprimes)
        else:
            montant = float(math.ceil(taux * smic * supprimes / 100) * 100)
        duree = _choix_pondere(rng, ((12, 4), (18, 8), (24, 40), (30, 6), (36, 39), (42, 1), (48, 1.5), (60, 0.5)))
        fin = plus_mois(signature, duree)
        if fin <= DATE_ARRETE:
            statut = "RESILIEE" if rng.random() < 0.02 else "CLOSE"
        else:
            statut = "PROLONGEE" if rng.random() < (0.5 if duree > 36 else 0.06) else "EN_COURS"
        operateur = (fonds["gestionnaire"] if modalite == "MUTUALISEE" else
                     None if modalite == "TRESOR" else rng.choice(OPERATEURS))
        id_c = f"C-{num}"
        lot.add("conventions", id_convention=id_c, id_restructuration=id_r, date_signature=signature,
                duree_mois=duree if rng.random() < 0.9 or duree != 36 else None, departement=dep,
                taux_smic=round(montant / (smic * supprimes), 2), montant_engage=montant, modalite=modalite,
                operateur=operateur, objectif_emplois=None if supprimes == objectif and rng.random() < 0.2 else objectif,
                statut=statut, commentaire=None)
        if modalite == "TRESOR":
            return
        part_fonds = 1.0 if modalite == "MUTUALISEE" else rng.uniform(0.3, 0.6) if modalite == "MIXTE" else 0.0
        if part_fonds:
            self.doter(id_c, fonds["id_fonds"], montant * part_fonds, signature)
        if part_fonds < 1:
            self.aides_directes(id_c, site, signature, duree, statut, montant * (1 - part_fonds), objectif,
                                montant / max(objectif, 1))

    def doter(self, id_c: str, id_fonds: str, total: float, signature: dt.date) -> None:
        n = self.rng.choice((1, 2, 2, 3))
        parts = [round(total / n, 2)] * (n - 1)
        parts.append(euros(total - sum(parts)))
        for k, montant in enumerate(parts):
            jour = plus_mois(signature, self.rng.randint(1, 5) + 12 * k)
            if jour > DATE_ARRETE:
                break
            self.lot.add("dotations", id_convention=id_c, id_fonds=id_fonds, montant=montant, date_versement=jour)
            self.dotations_par_fonds[id_fonds].append((jour, montant))

    # --- aids --------------------------------------------------------------------------------
    def realisation(self) -> float:
        """Share of planned jobs a convention or fund ends up creating: most 45-85 %, some far off."""
        r = self.rng.random()
        if r < 0.10:
            return self.rng.uniform(0.08, 0.35)
        if r < 0.16:
            return self.rng.uniform(0.95, 1.0)
        return min(1.0, max(0.3, self.rng.gauss(0.68, 0.13)))

    def aides_directes(self, id_c, site, signature, duree, statut, budget, objectif, euros_par_objectif):
        rng = self.rng
        ecoule = min(1.0, max(0.0, (DATE_ARRETE - signature).days / (duree * 30.4)))
        conso = {"CLOSE": rng.uniform(0.7, 1.0), "RESILIEE": rng.uniform(0.1, 0.5)}.get(
            statut, ecoule * rng.uniform(0.75, 1.0))
        # Plans fund slightly more jobs than the target: euros per planned job.
        e = euros_par_objectif / rng.uniform(0.9, 1.5)
        fin = min(plus_mois(signature, duree), DATE_ARRETE)
        self.aides(budget * conso, e, TYPES_DIRECTS, lambda: jour_aleatoire(rng, plus_mois(signature, 1), fin),
                   lambda: self.geo.commune(rng, "ze", site.code_ze) if rng.random() < 0.7
                   else self.geo.commune(rng, "dep", site.departement), self.realisation(), id_convention=id_c)

    def aides_fonds(self, id_fonds: str) -> None:
        rng = self.rng
        dep = id_fonds.split("-")[1]
        r_fonds, e = self.realisation(), rng.uniform(3500, 9000)
        for jour, montant in sorted(self.dotations_par_fonds[id_fonds]):
            fin = min(plus_mois(jour, 24), DATE_ARRETE)
            self.aides(montant * rng.uniform(0.8, 1.0), e, TYPES_FONDS, lambda jour=jour, fin=fin: jour_aleatoire(rng, jour, fin),
                       lambda: self.geo.commune(rng, "dep", dep), r_fonds, id_fonds=id_fonds)

    def aides(self, budget, e, types, quand, ou, r_conv, **porteur) -> None:
        rng, lot = self.rng, self.lot
        beneficiaires: list[tuple[str, str, str]] = []
        reste = budget
        while reste > 3000:
            t = _choix_pondere(rng, types)
            jour, commune = quand(), ou()
            if jour > DATE_ARRETE:
                return
            if t == "PRET_HONNEUR":
                montant, emplois = round(rng.uniform(5000, 30000), -2), rng.choice((1, 1, 2, 2, 3))
            elif t == "ACCOMPAGNEMENT":
                montant = rng.randint(3, 15) * 950
                emplois = round(montant / e * rng.uniform(0.2, 0.8))
            elif t in ("FORMATION", "ACTION_COLLECTIVE"):
                montant = round(log_uniforme(rng, 10000, 50000 if t == "FORMATION" else 250000), -2)
                emplois = round(montant / e * rng.uniform(0.2, 0.7))
            else:
                emplois = rng.choice((2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30))
                montant = round(emplois * e * rng.uniform(0.6, 1.3), -2)
            montant = max(500.0, min(montant, round(reste, -2) or reste))
            reste -= montant
            if t == "ACTION_COLLECTIVE":
                siren, nom, code_naf = None, rng.choice(ACTIONS).format(c=commune.libelle), None
            elif beneficiaires and rng.random() < 0.12:
                siren, nom, code_naf = rng.choice(beneficiaires)    # a firm's second aid (loan + grant…)
            else:
                siren, nom = self.registre.siren(), self.registre.pme(commune.libelle)
                code_naf = naf(rng)
                beneficiaires.append((siren, nom, code_naf))
            aide = lot.aide(siren=siren, nom=nom, commune=commune.code, naf=code_naf, type_aide=t, date=jour,
                            montant=montant, emplois=emplois, **porteur)
            cree = min(emplois, round(emplois * r_conv * rng.uniform(0.85, 1.15)))
            if emplois and rng.random() < 0.005:
                cree = emplois + rng.randint(1, 2)   # more than planned: flagged, rare
            lot.suivi(aide, cree)
