"""Documented real cases, rebuilt so their published figures come out of the warehouse.

Sources: the articles in ../shared/seeds (summarised in domain.md). What is published is
reproduced exactly (jobs, firms, amounts, caps); what is not (firm names, SIREN, exact dates,
which conventions fed a fund) is invented and says so in the `commentaire` columns and in
docs/donnees-exemple.md. No personal name, e-mail or phone number from the articles is used.

This module holds the shared helpers and the Bouches-du-Rhône and Grand-Orly Seine Bièvre
cases; cases_lorraine.py holds Alizé Longwy and Alizé Toul / Michelin-Kléber.
"""
from __future__ import annotations

import datetime as dt
import math

from pipelines.sample.distributions import plus_mois
from pipelines.sample.lot import euros
from pipelines.sample.synthetic import National

COPIL_BDR = dt.date(2023, 4, 12)
BDR_AMBIGUITE = ("Bilan du COPIL annuel des fonds mutualisés du 12 avril 2023 (préfecture des Bouches-du-Rhône), "
                 "pour les trois fonds ensemble (AMPA, fonds géré par Airbus Développement, fonds géré par l'ADIE) : "
                 "« 1 325 millions d'euros » mobilisés, chiffre reproduit tel que publié et ambigu (vraisemblablement "
                 "1,325 M€ ; 1 325 M€ serait hors de proportion) ; plus de 1 100 créations de postes dans près de "
                 "170 entreprises. Dans les données d'exemple, les dotations des trois fonds totalisent 1 325 000 €.")
SOURCE_CAS = "Cas documenté ; entreprise, SIREN, dates et montants non publiés reconstitués pour l'exemple."


def repartir(rng, total: int, n: int, minimum: int = 1, sigma: float = 0.7) -> list[int]:
    """n positive integers summing exactly to `total`, spread like firm sizes (largest remainder)."""
    poids = [math.exp(rng.gauss(0, sigma)) for _ in range(n)]
    libre = total - minimum * n
    brut = [libre * p / sum(poids) for p in poids]
    parts = [math.floor(b) for b in brut]
    for i in sorted(range(n), key=lambda i: brut[i] - parts[i], reverse=True)[: libre - sum(parts)]:
        parts[i] += 1
    return [p + minimum for p in parts]


def restructuration_convention(nat: National, id_conv: str, *, raison: str, groupe: str | None, commune: str,
                               notification: dt.date, signature: dt.date, supprimes: int, montant: float | None = None,
                               taux: float | None = None, modalite: str = "DIRECTE", operateur: str | None = None,
                               objectif: int | None = None, duree: int = 36, statut: str = "CLOSE",
                               commentaire: str = SOURCE_CAS) -> dict:
    """A layoff and its convention; the amount from a SMIC multiple unless given."""
    smic = nat.smic.au(signature)
    if montant is None:
        montant = euros(taux * smic * supprimes)
    id_r = "R" + id_conv[1:]
    nat.lot.add("restructurations", id_restructuration=id_r, siren=nat.registre.siren(), raison_sociale=raison,
                groupe=groupe, code_commune=commune, date_notification=notification, type_procedure="PSE",
                emplois_supprimes=supprimes)
    return nat.lot.add("conventions", id_convention=id_conv, id_restructuration=id_r, date_signature=signature,
                       duree_mois=duree, departement=commune[:2], taux_smic=round(montant / (smic * supprimes), 2),
                       montant_engage=montant, modalite=modalite, operateur=operateur,
                       objectif_emplois=objectif if objectif is not None else supprimes, statut=statut,
                       commentaire=commentaire)


def jalons_avant(decision: dt.date, butoir: dt.date) -> list[dt.date]:
    """Yearly follow-ups after a decision, the last one at `butoir` (the bilan the case publishes)."""
    jalons = [j for j in (plus_mois(decision, 12), plus_mois(decision, 24)) if j < butoir]
    return jalons + [butoir]


# --- Bouches-du-Rhône: three pooled funds, COPIL of 12 April 2023 -----------------------------
BDR_FONDS = (  # id, name, manager, creation, firms, jobs at the COPIL, instruments, NAF pool
    ("F-13-AMPA", "Aix-Marseille Provence Amorçage (AMPA)",
     "Métropole Aix-Marseille Provence et Pays d'Aix Développement", dt.date(2019, 1, 1), 50, 302,
     ("PRET_HONNEUR", "PRET"), ("62.01Z", "72.19Z", "58.29C", "26.11Z", "21.20Z", "71.12B", "62.02A")),
    ("F-13-AIRBUS", "Fonds de revitalisation des Bouches-du-Rhône géré par Airbus Développement",
     "Airbus Développement", None, 50, 700, ("PRET", "PRET", "SUBVENTION"),
     ("30.30Z", "25.62B", "33.16Z", "28.99B", "71.12B", "25.61Z", "26.51B", "62.02A")),
    ("F-13-ADIE", "Fonds de revitalisation des Bouches-du-Rhône géré par l'ADIE",
     "ADIE (Association pour le droit à l'initiative économique)", None, 68, 110, ("PRET",),
     ("47.91B", "56.10C", "96.02A", "43.34Z", "49.32Z", "81.21Z", "10.71C", "47.81Z")),
)
# Conventions feeding the funds (invented firms): signature, site, jobs cut, modality, dotations.
BDR_CONVENTIONS = (
    (dt.date(2018, 6, 12), "13054", "Aéro", "MUTUALISEE", (("F-13-AIRBUS", 250_000),)),
    (dt.date(2019, 2, 20), "13117", "Logistique", "MUTUALISEE", (("F-13-AMPA", 150_000), ("F-13-ADIE", 60_000))),
    (dt.date(2019, 10, 8), "13215", "Distribution", "MIXTE", (("F-13-ADIE", 120_000),)),
    (dt.date(2020, 3, 3), "13039", "Sidérurgie", "MUTUALISEE", (("F-13-AIRBUS", 200_000), ("F-13-AMPA", 100_000))),
    (dt.date(2020, 11, 17), "13001", "Télécom", "MUTUALISEE", (("F-13-AMPA", 175_000),)),
    (dt.date(2021, 5, 25), "13041", "Énergies", "MIXTE", (("F-13-AIRBUS", 150_000), ("F-13-ADIE", 70_000))),
    (dt.date(2021, 12, 9), "13056", "Pétrochimie", "MUTUALISEE", (("F-13-ADIE", 50_000),)),
)


def bouches_du_rhone(nat: National) -> None:
    rng, lot = nat.rng, nat.lot
    for id_f, nom, gestionnaire, creation, *_ in BDR_FONDS:
        lot.add("fonds", id_fonds=id_f, nom=nom, departement="13", gestionnaire=gestionnaire,
                date_creation=creation, commentaire=BDR_AMBIGUITE)
    premiere = {}
    for k, (signature, commune, secteur, modalite, dotations) in enumerate(BDR_CONVENTIONS, 1):
        dote = sum(m for _, m in dotations)
        montant = float(dote if modalite == "MUTUALISEE" else dote * 2)
        smic = nat.smic.au(signature)
        supprimes = math.floor(montant / (rng.uniform(2.1, 2.9) * smic))
        id_c = f"C-BDR-{k:02d}"
        restructuration_convention(
            nat, id_c, raison=f"{nat.registre.mot()} {secteur} Méditerranée SAS", groupe=None, commune=commune,
            notification=signature - dt.timedelta(days=rng.randint(60, 150)), signature=signature,
            supprimes=supprimes, montant=montant, modalite=modalite, operateur="DDETS des Bouches-du-Rhône (fonds mutualisés)",
            statut="CLOSE", commentaire="Alimente les fonds mutualisés des Bouches-du-Rhône. " + SOURCE_CAS)
        for id_f, m in dotations:
            jour = plus_mois(signature, 2)
            lot.add("dotations", id_convention=id_c, id_fonds=id_f, montant=float(m), date_versement=jour)
            premiere[id_f] = min(premiere.get(id_f, jour), jour)
        if modalite == "MIXTE":
            site = nat.geo.communes["13055" if commune.startswith("132") else commune]
            nat.aides_directes(id_c, site, signature, 36, "CLOSE", montant - dote, supprimes, montant / supprimes)
    for id_f, _nom, _, _, n_firmes, emplois, types, nafs in BDR_FONDS:
        dote = sum(m for *_, dots in BDR_CONVENTIONS for f, m in dots if f == id_f)
        crees = repartir(rng, emplois, n_firmes, sigma=0.9 if id_f != "F-13-ADIE" else 0.4)
        budget = dote * rng.uniform(0.94, 0.99)
        prevus = [max(c, math.ceil(c / rng.uniform(0.72, 1.0))) for c in crees]
        montants = [round(budget * p / sum(prevus), -2) for p in prevus]
        for c, p, m in zip(crees, prevus, montants):
            commune = nat.geo.commune(rng, "dep", "13")
            decision = premiere[id_f] + dt.timedelta(days=rng.randint(15, (COPIL_BDR - premiere[id_f]).days - 20))
            siren, nom_b = nat.registre.siren(), nat.registre.pme(commune.libelle)
            aide = lot.aide(id_fonds=id_f, siren=siren, nom=nom_b, commune=commune.code, naf=rng.choice(nafs),
                            type_aide=rng.choice(types), date=decision, montant=m, emplois=p)
            lot.suivi(aide, c, jalons_avant(decision, COPIL_BDR))
            if id_f == "F-13-ADIE" and rng.random() < 0.3:   # microcredit plus coaching, jobs counted once
                lot.aide(id_fonds=id_f, siren=siren, nom=nom_b, commune=commune.code, naf=aide["code_naf"],
                         type_aide="ACCOMPAGNEMENT", date=decision, montant=0, emplois=0, public=800.0, prive=0.0)


# --- Grand-Orly Seine Bièvre (Val-de-Marne, Essonne) -----------------------------------------
GOSB_ACTIONS = (
    ("Pépinière et hôtel d'entreprises Silver Innov' (Ivry-sur-Seine)", "94041", "ACTION_COLLECTIVE", 90_000, 12),
    ("Pépinière La Fabrique (Cachan)", "94016", "ACTION_COLLECTIVE", 70_000, 9),
    ("Bus de l'entrepreneuriat dans les quartiers (Orly)", "94054", "ACTION_COLLECTIVE", 45_000, 6),
    ("180 jours pour décrocher un emploi durable dans le BTP (PLIE Choisy-le-Roi / Orly / Villeneuve-le-Roi)",
     "94022", "FORMATION", 120_000, 25),
    ("Job meetings d'Orly International", "94054", "ACTION_COLLECTIVE", 30_000, 15),
    ("Dispositif Reboost de la CCI du Val-de-Marne", "94028", "ACTION_COLLECTIVE", 80_000, 8),
    ("Appui RH des TPE/PME de moins de 50 salariés (Grand-Orly Seine Bièvre)", "94081", "ACTION_COLLECTIVE", 60_000, 5),
)
GOSB_CONVENTIONS = (  # id, signature, site, jobs cut, operator, projects
    ("C-GOSB-01", dt.date(2019, 3, 14), "94081", 320, "Alixio", 9),
    ("C-GOSB-02", dt.date(2020, 6, 18), "94054", 180, "Alixio", 5),
    ("C-GOSB-03", dt.date(2020, 10, 1), "91027", 150, "Alixio", 4),
    ("C-GOSB-04", dt.date(2021, 2, 8), "94041", 210, "Katalyse", 12),
    ("C-GOSB-05", dt.date(2021, 9, 15), "94022", 140, "Grand-Orly Seine Bièvre (actions collectives)", 0),
)
ALIXIO_PRET, ALIXIO_PRET_MAX, ALIXIO_SUBV, ALIXIO_SUBV_MAX, CONSEIL_ESSONNE_MAX = 15_000, 225_000, 5_000, 25_000, 15_000
KATALYSE_JOURS_MAX, KATALYSE_INVEST_MAX, KATALYSE_FIN = 10, 60_000, dt.date(2023, 12, 31)


def grand_orly(nat: National) -> None:
    rng, lot, geo = nat.rng, nat.lot, nat.geo
    for id_c, signature, site, supprimes, operateur, projets in GOSB_CONVENTIONS:
        conv = restructuration_convention(
            nat, id_c, raison=f"{nat.registre.mot()} {rng.choice(('Logistique', 'Aéroportuaire', 'Pharma', 'Industries'))} "
            "Île-de-France SAS", groupe=nat.registre.groupe(), commune=site,
            notification=signature - dt.timedelta(days=rng.randint(60, 150)), signature=signature,
            supprimes=supprimes, taux=3.0, operateur=operateur, statut="CLOSE",
            commentaire="Revitalisation du Grand-Orly Seine Bièvre (dispositifs publiés). " + SOURCE_CAS)
        fin = min(plus_mois(signature, 36), KATALYSE_FIN if operateur == "Katalyse" else plus_mois(signature, 36))
        zone = geo.communes[site].departement
        budget = restant = conv["montant_engage"] * 0.95
        for _ in range(projets):
            if restant < budget * 0.1:
                break
            commune = geo.commune(rng, "dep", zone)
            decision = signature + dt.timedelta(days=rng.randint(60, (fin - signature).days - 30))
            siren, nom = nat.registre.siren(), nat.registre.pme(commune.libelle)
            code_naf = rng.choice(("25.62B", "28.99B", "22.29A", "10.71C", "33.12Z", "26.51B", "62.01Z", "52.29B"))
            if operateur == "Alixio":   # >= 3 net CDI jobs; loan 15 k€/job capped, grant on at most a third
                n = rng.choice((3, 3, 4, 5, 6, 8, 10, 12, 15, 18))
                while n > 3 and min(ALIXIO_PRET * n, ALIXIO_PRET_MAX) + ALIXIO_SUBV * (n // 3) + CONSEIL_ESSONNE_MAX > restant:
                    n -= 1
                restant -= min(ALIXIO_PRET * n, ALIXIO_PRET_MAX) + min(ALIXIO_SUBV * (n // 3), ALIXIO_SUBV_MAX)
                pret = lot.aide(id_convention=id_c, siren=siren, nom=nom, commune=commune.code, naf=code_naf,
                                type_aide="PRET", date=decision, montant=min(ALIXIO_PRET * n, ALIXIO_PRET_MAX), emplois=n)
                lot.aide(id_convention=id_c, siren=siren, nom=nom, commune=commune.code, naf=code_naf,
                         type_aide="SUBVENTION", date=decision, montant=min(ALIXIO_SUBV * (n // 3), ALIXIO_SUBV_MAX),
                         emplois=0)
                if zone == "91":
                    conseil = lot.aide(id_convention=id_c, siren=siren, nom=nom, commune=commune.code, naf=code_naf,
                                       type_aide="ACCOMPAGNEMENT", date=decision,
                                       montant=round(rng.uniform(6_000, CONSEIL_ESSONNE_MAX), -2), emplois=0)
                    restant -= conseil["montant_revitalisation"]
                lot.suivi(pret, min(n, round(n * rng.uniform(0.5, 1.0))))
            else:                       # Katalyse: consulting days and investment support
                jours = rng.randint(4, KATALYSE_JOURS_MAX)
                lot.aide(id_convention=id_c, siren=siren, nom=nom, commune=commune.code, naf=code_naf,
                         type_aide="ACCOMPAGNEMENT", date=decision, montant=jours * 1_200, emplois=0)
                n = rng.choice((1, 2, 2, 3, 4, 6))
                restant -= jours * 1_200
                invest = lot.aide(id_convention=id_c, siren=siren, nom=nom, commune=commune.code, naf=code_naf,
                                  type_aide="SUBVENTION", date=decision,
                                  montant=round(rng.uniform(20_000, KATALYSE_INVEST_MAX), -2), emplois=n)
                restant -= invest["montant_revitalisation"]
                lot.suivi(invest, min(n, round(n * rng.uniform(0.4, 1.0))))
        if operateur.startswith("Grand-Orly"):
            for nom, commune, type_aide, montant, emplois in GOSB_ACTIONS:
                decision = signature + dt.timedelta(days=rng.randint(60, 500))
                aide = lot.aide(id_convention=id_c, nom=nom, commune=commune, type_aide=type_aide, date=decision,
                                montant=montant, emplois=emplois)
                lot.suivi(aide, round(emplois * rng.uniform(0.5, 0.9)))
