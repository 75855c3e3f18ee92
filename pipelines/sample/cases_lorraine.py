"""Documented Lorraine cases (Meurthe-et-Moselle): Alizé Longwy, Alizé Toul and Michelin-Kléber.

Source: Info-Social RH, 8 February 2011 (../shared/seeds). Published figures reproduced:
Longwy - about ten firms of < 10 employees, repayable loans averaging 15,000 €, 80 days of
skills support, 77 jobs in three years, 600,000 € mobilised of which 80 % public (no large
group: no convention feeds it). Toul - Kléber plant closed by Michelin in 2008 (826 jobs
cut), 900 jobs promised, 60 % created by SIDE, Michelin giving two thirds of the 150,000 €
of private money put into Alizé Toul. Firms, SIREN and exact dates are invented.
"""
from __future__ import annotations

import datetime as dt
import math

from pipelines.sample.cases import SOURCE_CAS, jalons_avant, repartir, restructuration_convention
from pipelines.sample.distributions import plus_mois
from pipelines.sample.synthetic import National

SOURCE_ALIZE = "Info-Social RH, « Alizé insuffle l'entraide économique dans deux bassins lorrains », 8 février 2011."

# --- Alizé Longwy ---------------------------------------------------------------------------
LONGWY_COMMUNES = ("54323", "54382", "54451", "54580")
LONGWY_PRETS = (12_000, 18_000, 10_000, 20_000, 15_000, 16_000, 14_000, 15_000)   # average 15,000 €
LONGWY_EMPLOIS_PRETS = (12, 9, 6, 11, 8, 7, 10, 6)        # firms with a loan
LONGWY_EMPLOIS_ACCOMP = (5, 3)                            # firms with skills support only
LONGWY_JOURS, JOUR_BENEVOLE = 80, 700                     # days of skills support, valued by the DATAR
LONGWY_MOBILISE, LONGWY_PART_PUBLIQUE = 600_000, 0.80
LONGWY_BILAN = dt.date(2009, 12, 31)


def longwy(nat: National) -> None:
    rng, lot = nat.rng, nat.lot
    lot.add("fonds", id_fonds="F-54-ALIZE-LONGWY", nom="Alizé Longwy (Actions locales interentreprises en zone d'emploi)",
            departement="54", gestionnaire="Association Avenir des entrepreneurs (dispositif Alizé, CCI de Meurthe-et-Moselle)",
            date_creation=dt.date(2006, 1, 1),
            commentaire="Fonctionne depuis 2006 sans l'appui de grands groupes (aucune convention ne l'alimente ; "
            "les montants de revitalisation sont la mise des entreprises privées du bassin) : une dizaine "
            "d'entreprises de moins de 10 salariés aidées par des prêts remboursables d'un montant moyen de 15 000 €, "
            "80 journées d'apport en compétences valorisées 700 €/jour par la DATAR, 77 emplois créés en trois ans, "
            "600 000 € mobilisés dont 80 % de fonds publics. " + SOURCE_ALIZE)
    public_total = LONGWY_MOBILISE * LONGWY_PART_PUBLIQUE
    jours = repartir(rng, LONGWY_JOURS, len(LONGWY_PRETS) + len(LONGWY_EMPLOIS_ACCOMP), minimum=5, sigma=0.3)
    public_jours = [j * JOUR_BENEVOLE for j in jours]
    public_prets = public_total - sum(public_jours)            # local authorities and DATAR matching the loans
    parts = [round(public_prets * p / sum(LONGWY_PRETS), -2) for p in LONGWY_PRETS]
    parts[-1] += public_prets - sum(parts)
    emplois = list(LONGWY_EMPLOIS_PRETS) + list(LONGWY_EMPLOIS_ACCOMP)
    for k, (_n_jours, cree) in enumerate(zip(jours, emplois)):
        commune = nat.geo.communes[LONGWY_COMMUNES[k % len(LONGWY_COMMUNES)]]
        decision = dt.date(2007, 1, 15) + dt.timedelta(days=rng.randint(0, 880))
        siren, nom = nat.registre.siren(), nat.registre.pme(commune.libelle)
        naf = rng.choice(("25.62A", "33.12Z", "43.22A", "71.12B", "62.01Z", "49.41A", "16.23Z"))
        prevus = cree + rng.choice((0, 1, 2))
        jalons = [j for j in (dt.date(2007, 12, 31), dt.date(2008, 12, 31)) if j > decision] + [LONGWY_BILAN]
        if k < len(LONGWY_PRETS):
            pret = lot.aide(id_fonds="F-54-ALIZE-LONGWY", siren=siren, nom=nom, commune=commune.code, naf=naf,
                            type_aide="PRET", date=decision, montant=LONGWY_PRETS[k], emplois=prevus,
                            public=float(parts[k]), prive=0.0)
            lot.suivi(pret, cree, jalons)
        accomp = lot.aide(id_fonds="F-54-ALIZE-LONGWY", siren=siren, nom=nom, commune=commune.code, naf=naf,
                          type_aide="ACCOMPAGNEMENT", date=decision, montant=0,
                          emplois=0 if k < len(LONGWY_PRETS) else prevus, public=float(public_jours[k]), prive=0.0)
        if k >= len(LONGWY_PRETS):
            lot.suivi(accomp, cree, jalons)


# --- Alizé Toul and the Michelin-Kléber closure ----------------------------------------------
KLEBER_SUPPRIMES, KLEBER_PROMIS, KLEBER_TAUX_CREATION = 826, 900, 0.60
ALIZE_TOUL_PRIVE, PART_MICHELIN = 150_000, 2 / 3
ALIZE_TOUL_EMPLOIS = 45                                   # of which Michelin's two thirds = 30
TOUL_BILAN_SIDE, TOUL_BILAN_ALIZE = dt.date(2011, 12, 31), dt.date(2013, 12, 31)


def toul(nat: National) -> None:
    rng, lot = nat.rng, nat.lot
    creation = dt.date(2010, 11, 25)
    lot.add("fonds", id_fonds="F-54-ALIZE-TOUL", nom="Alizé Toul (Toulois)", departement="54",
            gestionnaire="CCI de Meurthe-et-Moselle (dispositif Alizé)", date_creation=creation,
            commentaire="Antenne Alizé du Toulois signée fin novembre 2010 ; Michelin apporte à lui seul les deux tiers "
            "des 150 000 € accordés par les entreprises privées et met des cadres bénévoles à disposition des PME. "
            + SOURCE_ALIZE)
    signature = dt.date(2008, 7, 10)
    michelin = restructuration_convention(
        nat, "C-TOUL-KLEBER", raison="Kléber – usine de Toul", groupe="Michelin", commune="54528",
        notification=dt.date(2008, 2, 12), signature=signature, supprimes=KLEBER_SUPPRIMES, taux=4.0,
        modalite="MIXTE", operateur="SIDE (filiale de Michelin spécialisée dans la reconversion des sites industriels)",
        objectif=KLEBER_PROMIS, duree=36, statut="CLOSE",
        commentaire="Fermeture de l'usine Kléber de Toul en 2008 (826 salariés) ; la SIDE n'a créé que 60 % des 900 "
        "emplois promis dans le bassin ; Michelin apporte les deux tiers des 150 000 € privés d'Alizé Toul. "
        + SOURCE_ALIZE + " " + SOURCE_CAS)
    dotations = [("C-TOUL-KLEBER", ALIZE_TOUL_PRIVE * PART_MICHELIN)]
    for k, part in enumerate((30_000, 20_000), 2):         # the other private firms' third
        id_c = f"C-TOUL-{k:02d}"
        sig = dt.date(2010, 3 * k + 1, 5)
        smic = nat.smic.au(sig)
        supprimes = rng.randint(40, 90)
        montant = float(math.ceil(2.5 * smic * supprimes / 100) * 100)
        restructuration_convention(
            nat, id_c, raison=f"{nat.registre.mot()} Industries Toulois SAS", groupe=nat.registre.groupe(),
            commune="54528", notification=sig - dt.timedelta(days=90), signature=sig,
            supprimes=supprimes, montant=montant, modalite="MIXTE", operateur=rng.choice(("Sodie", "Katalyse")),
            commentaire="Contribue au tiers privé d'Alizé Toul. " + SOURCE_CAS)
        dotations.append((id_c, float(part)))
        nat.aides_directes(id_c, nat.geo.communes["54528"], sig, 36, "CLOSE", montant - part, supprimes,
                           montant / supprimes)
    for id_c, montant in dotations:
        lot.add("dotations", id_convention=id_c, id_fonds="F-54-ALIZE-TOUL", montant=round(montant, 2),
                date_versement=dt.date(2010, 12, 15))

    # SIDE's direct aids: 60 % of the 900 promised jobs once Alizé Toul's share is added.
    side_emplois = round(KLEBER_PROMIS * KLEBER_TAUX_CREATION - ALIZE_TOUL_EMPLOIS * PART_MICHELIN)
    budget = (michelin["montant_engage"] - ALIZE_TOUL_PRIVE * PART_MICHELIN) * 0.9
    _aides_creees(nat, "C-TOUL-KLEBER", None, side_emplois, 55, budget, plus_mois(signature, 2),
                  dt.date(2011, 6, 30), TOUL_BILAN_SIDE, ("PRET", "PRET", "SUBVENTION", "GARANTIE"))
    _aides_creees(nat, None, "F-54-ALIZE-TOUL", ALIZE_TOUL_EMPLOIS, 8, ALIZE_TOUL_PRIVE * 0.95,
                  dt.date(2011, 1, 10), dt.date(2012, 6, 30), TOUL_BILAN_ALIZE, ("PRET",))


def _aides_creees(nat, id_c, id_f, emplois, n, budget, debut, fin, bilan, types) -> None:
    """n firm aids around Toul creating exactly `emplois` jobs by `bilan`."""
    rng, lot = nat.rng, nat.lot
    crees = repartir(rng, emplois, n, sigma=0.8)
    prevus = [max(c, math.ceil(c / rng.uniform(0.45, 0.85))) for c in crees]
    for c, p in zip(crees, prevus):
        commune = nat.geo.commune(rng, "ze", "4412") if rng.random() < 0.5 else nat.geo.communes["54528"]
        decision = debut + dt.timedelta(days=rng.randint(0, (fin - debut).days))
        aide = lot.aide(id_convention=id_c, id_fonds=id_f, siren=nat.registre.siren(),
                        nom=nat.registre.pme(commune.libelle), commune=commune.code,
                        naf=rng.choice(("25.62A", "22.29A", "33.12Z", "52.29B", "49.41A", "43.22A", "28.29B")),
                        type_aide=rng.choice(types), date=decision, montant=round(budget * p / sum(prevus), -2),
                        emplois=p)
        lot.suivi(aide, c, jalons_avant(decision, bilan))
