"""The sample's follow-up calendar: committees, and layoffs still waiting for their convention.

Run after every other generator (generate.py), so the rows of the other datasets stay exactly
what they were. Most conventions hold a committee about once a year from their signature and
a final bilan a few months after their end; some are late (a gap of more than a year, no
final bilan), a few hold none. The documented Bouches-du-Rhône funds get the COPIL of 12 April
2023 (a fund's committee); the synthetic funds a yearly committee. A few restructurings of
2025-2026 have no convention yet, some past the signature delay. Together every kind of
deadline of the `echeances` macro shows up. Nothing is dated after DATE_ARRETE.
"""
from __future__ import annotations

import datetime as dt

from pipelines.sample.cases import COPIL_BDR
from pipelines.sample.distributions import DATE_ARRETE, plus_mois
from pipelines.sample.synthetic import DEPS_RESERVES, National, _choix_pondere

# Départements of the documented cases: no layoff added there, so their published figures hold.
DEPS_CAS = DEPS_RESERVES | {"54", "91", "94"}
SANS_CONVENTION = 24       # restructurings without a convention at scale 1
FONDS_BDR = ("F-13-AMPA", "F-13-AIRBUS", "F-13-ADIE")


def comites(nat: National) -> None:
    """Committees of every convention and fund (ids CS-<convention or fund>-<n>)."""
    rng, lot = nat.rng, nat.lot
    for c in sorted(lot.rows["conventions"], key=lambda r: r["id_convention"]):
        if c["modalite"] == "TRESOR":
            continue                      # paid to the Treasury: nothing to follow
        duree = c["duree_mois"] or 36
        fin = plus_mois(c["date_signature"], duree)
        if c["statut"] == "RESILIEE":
            fin = plus_mois(c["date_signature"], max(1, duree // 2))
        r = rng.random()
        profil = "assidu" if r < 0.82 else "irregulier" if r < 0.96 else "aucun"
        jours: list[tuple[dt.date, str]] = []
        jour = c["date_signature"]
        while profil != "aucun":
            jour = plus_mois(jour, rng.randint(9, 12) if profil == "assidu" else rng.randint(11, 19))
            if jour >= fin or jour > DATE_ARRETE:
                break
            jours.append((jour, "ANNUEL" if rng.random() < 0.93 else "AUTRE"))
        bilan = plus_mois(fin, rng.randint(1, 5))
        if (c["statut"] in ("CLOSE", "EN_COURS", "PROLONGEE") and bilan <= DATE_ARRETE
                and rng.random() < (0.96 if profil == "assidu" else 0.6)):
            jours.append((bilan, "FINAL"))
        for k, (jour, type_comite) in enumerate(jours, 1):
            lot.add("comites", id_comite=f"CS-{c['id_convention']}-{k}", id_convention=c["id_convention"],
                    id_fonds=None, date_comite=jour, type_comite=type_comite, commentaire=None)
    for f in sorted(lot.rows["fonds"], key=lambda r: r["id_fonds"]):
        if f["id_fonds"] in FONDS_BDR:
            lot.add("comites", id_comite=f"CS-{f['id_fonds']}-2023", id_convention=None, id_fonds=f["id_fonds"],
                    date_comite=COPIL_BDR, type_comite="ANNUEL",
                    commentaire="COPIL annuel des fonds départementaux mutualisés réuni par le secrétaire général "
                                "de la préfecture des Bouches-du-Rhône (cas documenté).")
            continue
        debut = f["date_creation"] or dt.date(2010, 1, 1)
        annee = max(debut.year + 1, 2015)
        while dt.date(annee, 6, 30) <= DATE_ARRETE:
            lot.add("comites", id_comite=f"CS-{f['id_fonds']}-{annee}", id_convention=None, id_fonds=f["id_fonds"],
                    date_comite=dt.date(annee, rng.randint(3, 6), rng.randint(1, 28)), type_comite="ANNUEL",
                    commentaire=None)
            annee += 1


def restructurations_sans_convention(nat: National) -> None:
    """Layoffs of the last two years with no convention yet (ids R-<year>-S<n>)."""
    rng, lot, geo = nat.rng, nat.lot, nat.geo
    deps = [(d, p) for d, p in nat.deps if d not in DEPS_CAS]
    n = max(1, round(SANS_CONVENTION * nat.scale))
    debut = dt.date(DATE_ARRETE.year - 1, 6, 1)
    for i in range(1, n + 1):
        dep = _choix_pondere(rng, deps)
        site = geo.commune(rng, "dep", dep)
        notification = debut + dt.timedelta(days=rng.randrange((DATE_ARRETE - debut).days - 10))
        siren, raison, groupe = nat.entreprise()
        lot.add("restructurations", id_restructuration=f"R-{notification.year}-S{i:03d}", siren=siren,
                raison_sociale=raison, groupe=groupe, code_commune=lot.code_saisi(site.code),
                date_notification=notification, type_procedure="PSE" if rng.random() < 0.75 else "RCC",
                emplois_supprimes=max(10, round(rng.lognormvariate(4.0, 0.7))))

