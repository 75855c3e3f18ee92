"""French wording of the COPIL pack shared by the PDF and the workbook: the one-line summary,
the flags and data-quality notes, the sample notice, the methodology and the definitions.

Kept apart so both outputs say exactly the same thing and the sentences can be tested alone.
"""
from __future__ import annotations

from core.indicateurs import indicateur, texte
from observatoire import formats

JEUX = {"conventions": "de conventions", "aides": "d'aides", "suivi_emplois": "de suivi des emplois",
        "fonds": "de fonds", "dotations": "de dotations", "restructurations": "de restructurations"}
MAX_COMMENTAIRES = 5    # convention comments quoted in the PDF; the workbook has them all

NOTICE_ECHANTILLON = (
    "Données d'exemple : l'entrepôt contient le jeu d'échantillon synthétique livré avec l'outil "
    "(ancré sur des cas documentés, chiffres fictifs). Ce dossier ne doit pas être diffusé comme un bilan réel.")

_METHODOLOGIE = (
    "Emplois créés : dernier constat de suivi de chaque aide (CDI ou CDD de plus de 6 mois), "
    "au lieu de création des emplois et à l'année de décision de l'aide. Emplois supprimés : restructurations "
    "dont le site est dans le territoire, à l'année de notification. Taux de recréation = emplois créés / emplois "
    "supprimés ; effet de levier = (revitalisation + cofinancements publics et privés) / revitalisation ; "
    "euros par emploi = revitalisation / emplois créés. Une convention se voit attribuer ses aides directes et, "
    "pour chaque fonds mutualisé, une part des aides du fonds au prorata de ses dotations. Contribution minimale "
    "légale = {multiple_minimum} × SMIC mensuel en vigueur à la signature × emplois supprimés (art. L1233-86 du code du travail). "
    "Les emplois déclarés créés ne mesurent pas à eux seuls l'effet net de la revitalisation. « – » : valeur "
    "non calculable (dénominateur nul ou donnée absente).")

_DEFINITIONS = [   # (registry code, definition, source)
    ("emplois_supprimes", "Somme des emplois supprimés des restructurations dont le site est dans le territoire "
     "(année de notification).", "restructurations.emplois_supprimes"),
    ("emplois_prevus", "Emplois que les aides prévoyaient de créer.", "aides.emplois_prevus"),
    ("emplois_crees", "Dernier constat de suivi de chaque aide (CDI ou CDD de plus de 6 mois), 0 sans suivi.",
     "suivi_emplois.emplois_crees"),
    ("taux_recreation", "Emplois créés / emplois supprimés (vide si aucun emploi supprimé).", "calcul"),
    ("taux_realisation", "Emplois créés / emplois prévus.", "calcul"),
    ("montant_revitalisation", "Euros des conventions engagés dans les aides (prêts, subventions…).",
     "aides.montant_revitalisation"),
    ("effet_levier", "(Revitalisation + cofinancements publics + cofinancements privés) / revitalisation.",
     "aides"),
    ("euros_par_emploi", "Montant de revitalisation / emplois créés.", "calcul"),
    ("nb_beneficiaires", "Nombre de SIREN bénéficiaires distincts.", "aides.siren_beneficiaire"),
    ("contribution_minimale", "{multiple_minimum} × SMIC mensuel en vigueur à la date de signature × emplois supprimés "
     "(art. L1233-86).", "ref_smic, ref_regle"),
    ("conforme_minimum", "Montant engagé ≥ contribution minimale − {tolerance_conformite_euros} €.", "calcul"),
    ("emplois_crees_attribues", "Aides directes de la convention + part des aides des fonds mutualisés au "
     "prorata de ses dotations.", "dotations"),
    ("taux_atteinte_objectif", "Emplois créés attribués / objectif d'emplois de la convention.", "calcul"),
    ("taux_consommation", "Montant attribué / montant engagé.", "calcul"),
    ("dotations", "Versements des conventions aux fonds mutualisés.", "dotations.montant"),
    ("nb_signalements", "Anomalies relevées au chargement, lignes conservées (ex. durée > {duree_max_mois} mois, > {multiple_penalite} SMIC).",
     "signalements"),
]


def methodologie(regles: dict) -> str:
    """The methodology paragraph of the PDF, with the warehouse's rule values."""
    return texte(_METHODOLOGIE, regles)


def definitions(regles: dict) -> list[tuple[str, str, str]]:
    """(indicator, definition, source) rows of the workbook's Définitions sheet; the indicator under
    its document wording of the registry (core.indicateurs), as in the workbook's other sheets."""
    return [(indicateur(code).titre_document, texte(d, regles), s) for code, d, s in _DEFINITIONS]


def phrase_bilan(pack) -> str:
    """The sentence the secretary-general reads out: jobs created in how many firms, against jobs cut."""
    per = {r["colonne"]: r["periode"] for r in pack.headline.iter_rows(named=True)}
    quand = f"de {pack.params.annee_debut} à {pack.params.annee}" if pack.params.annee_debut \
        else f"à fin {pack.params.annee}"
    if pack.scope == "convention":
        return (f"{formats.nombre(per.get('emplois_crees_attribues'))} emplois créés attribués {quand}, pour un "
                f"objectif de {formats.nombre(per.get('objectif_emplois'))} et "
                f"{formats.nombre(per.get('emplois_supprimes'))} emplois supprimés.")
    crees, entreprises = per.get("emplois_crees"), per.get("nb_beneficiaires")
    if any(r.get("secret_periode") for r in pack.headline.iter_rows(named=True)):   # diffusable brief
        return (f"Chiffres des aides {quand} sous secret statistique (s) ; "
                f"{formats.nombre(per.get('emplois_supprimes'))} emplois supprimés.")
    if not crees and not entreprises:
        return f"Aucun emploi créé ni aucune entreprise aidée enregistrés {quand} sur ce périmètre."
    texte = (f"{formats.nombre(crees)} emplois créés dans {formats.nombre(entreprises)} entreprises {quand}"
             + (" grâce au fonds" if pack.scope == "fonds" else ""))
    if pack.scope == "departement" and per.get("emplois_supprimes"):
        texte += (f", pour {formats.nombre(per['emplois_supprimes'])} emplois supprimés "
                  f"(taux de recréation {formats.pourcentage(per.get('taux_recreation'))})")
    texte += "."
    ens = pack.ensemble_fonds if pack.scope == "departement" else None
    if ens and ens["emplois_crees"]:
        n = ens["nb_fonds"]
        texte += (f" Dont {formats.nombre(ens['emplois_crees'])} emplois dans "
                  f"{formats.nombre(ens['nb_beneficiaires'])} entreprises grâce "
                  + (f"aux {formats.nombre(n)} fonds mutualisés." if n > 1 else "au fonds mutualisé."))
    return texte


def _regroupes(lignes: list[tuple[str, str]]) -> list[tuple[list[str], str]]:
    """(item, comment) pairs → one entry per distinct comment with every item carrying it, in order."""
    groupes: dict[str, list[str]] = {}
    for item, commentaire in lignes:
        groupes.setdefault(commentaire, []).append(item)
    return [(items, commentaire) for commentaire, items in groupes.items()]


def notes_qualite(pack) -> list[str]:
    """Flags and caveats, most important first; always at least one sentence."""
    notes: list[str] = list(pack.notes)
    conv = pack.conventions
    if conv.height:
        def compte(col: str) -> int:
            return int(conv[col].fill_null(False).sum()) if col in conv.columns else 0
        sous_min = int((~conv["conforme_minimum"].fill_null(True)).sum())
        for n, (sing, plur) in (
                (sous_min, ("engage", "engagent")),
                (compte("sup_penalite"), ("dépasse", "dépassent")),
                (compte("duree_sup_max"), ("dure", "durent")),
                (compte("signature_tardive"), ("a été signée", "ont été signées"))):
            if n:
                verbe = sing if n == 1 else plur
                suite = texte({"engage": " moins que le minimum légal ({multiple_minimum} SMIC par emploi supprimé)",
                               "dépasse": " {multiple_penalite} SMIC par emploi supprimé (à vérifier)",
                               "dure": " plus de {duree_max_mois} mois",
                               "a été signée": " plus de {delai_signature_mois} mois après la notification"}[sing],
                              pack.regles)
                notes.append(f"{formats.nombre(n)} convention{'s' if n > 1 else ''} sur "
                             f"{formats.nombre(conv.height)} {verbe}{suite}.")
        # the same comment on several conventions (a documented case) is said once, naming them all
        commentees = _regroupes([(f"{r['id_convention']} ({r['raison_sociale']})", r["commentaire"])
                                 for r in conv.iter_rows(named=True) if r.get("commentaire")])
        for items, commentaire in commentees[:MAX_COMMENTAIRES]:
            quoi = "Convention " if len(items) == 1 else "Conventions "
            notes.append(f"{quoi}{', '.join(items)} : {commentaire}")
        if len(commentees) > MAX_COMMENTAIRES:
            notes.append(f"… et {len(commentees) - MAX_COMMENTAIRES} autres commentaires de conventions, "
                         "voir le classeur Excel.")
    for items, commentaire in _regroupes([(f"« {r['nom']} »", r["commentaire"])
                                          for r in pack.fonds.iter_rows(named=True) if r.get("commentaire")]):
        notes.append(f"Fonds {', '.join(items)} : {commentaire}")
    for r in pack.signalements.iter_rows(named=True):
        quoi = formats.libelles_signalement(pack.regles).get(r["code"], r["code"])
        notes.append(f"{quoi} ({formats.nombre(r['nb'])} ligne{'s' if r['nb'] > 1 else ''} "
                     f"{JEUX.get(r['dataset'], r['dataset'])}, signalement {r['code']}). "
                     f"Exemple : {r['exemple']}")
    rejets = pack.etat.get("nb_rejets_ouverts") or 0
    if rejets:
        notes.append(f"{formats.nombre(rejets)} ligne{'s' if rejets > 1 else ''} rejetée{'s' if rejets > 1 else ''} "
                     "au chargement (tous territoires) restent à corriger : voir la page Données.")
    if len(notes) == len(pack.notes):
        notes.append("Aucun signalement ni anomalie de conformité sur ce périmètre.")
    return notes


def phrase_echeances(pack) -> str:
    """'3 échéance(s) en retard et 5 dans les 6 prochains mois, au 12/04/2023.' (horizon from ref_regle)"""
    e = pack.echeances
    retard = int(e["en_retard"].sum()) if e.height else 0
    horizon = pack.regles.get("horizon_fin_convention_mois", "")
    return (f"{formats.nombre(retard)} échéance(s) en retard et {formats.nombre(e.height - retard)} dans les "
            f"{horizon} prochains mois, au {formats.date_fr(pack.date_echeances)}.")
