"""A small valid batch (CSV, French headers and formats) for the browser and app tests.

Two restructurings (Aix-en-Provence, 300 jobs cut in 2021; Longwy, 120 in 2022), their
conventions, one pooled fund in the Bouches-du-Rhône fed by the first convention, and four
aids with their job follow-ups. Figures are small enough to check by hand:
- zone 9301 (Aix-en-Provence): 300 jobs cut; aid A-T1 there, 8 jobs created, 100 000 € of
  revitalisation, 150 000 € of co-financing → leverage 2,5, recreation 8 / 300.
- zone 9312 (Marseille): aid A-T2 (fund F-T1), 5 jobs, 60 000 €.
- zone 4424 (Longwy): 120 jobs cut; aids A-T3 (3 jobs, 20 000 €) and A-T4 (0 job, 10 000 €).
"""
from __future__ import annotations

from pathlib import Path


def _siren(base8: str) -> str:
    """Append the Luhn key to 8 digits."""
    for cle in range(10):
        chiffres = [int(c) for c in base8 + str(cle)]
        total = 0
        for i, c in enumerate(reversed(chiffres)):
            if i % 2 == 1:
                c *= 2
                c = c - 9 if c > 9 else c
            total += c
        if total % 10 == 0:
            return base8 + str(cle)
    raise AssertionError("no key")


FICHIERS = {
    "restructurations.csv": [
        "id_restructuration;SIREN;Raison sociale;Groupe;Code commune;Date notification;Type procédure;Emplois supprimés",
        f"R-T1;{_siren('55120232')};Usine Témoin Provence;Groupe Témoin;13001;15/03/2021;PSE;300",
        f"R-T2;{_siren('40312345')};Aciéries Témoin Lorraine;;54323;10/01/2022;RCC;120",
    ],
    "conventions.csv": [
        "id_convention;id_restructuration;Date signature;Durée mois;Département;Taux SMIC;Montant engagé;Modalité;Opérateur;Objectif emplois;Statut",
        "C-T1;R-T1;01/09/2021;36;13;4;1 200 000,00;MIXTE;Opérateur Témoin Sud;300;EN_COURS",
        "C-T2;R-T2;01/06/2022;24;54;2;400 000;DIRECTE;Opérateur Témoin Est;100;EN_COURS",
    ],
    "fonds.csv": [
        "id_fonds;Nom;Département;Gestionnaire;Date création",
        "F-T1;Fonds témoin des Bouches-du-Rhône;13;Gestionnaire Témoin;01/01/2021",
    ],
    "dotations.csv": [
        "id_convention;id_fonds;Montant;Date versement",
        "C-T1;F-T1;500 000;01/10/2021",
    ],
    "aides.csv": [
        "id_aide;id_convention;id_fonds;SIREN bénéficiaire;Nom bénéficiaire;Code commune;Code NAF;Type aide;Date décision;Montant revitalisation;Cofinancement public;Cofinancement privé;Emplois prévus",
        f"A-T1;C-T1;;{_siren('81234567')};Atelier Témoin Aixois;13001;25.62A;PRET;10/01/2022;100 000;50 000;100 000;10",
        f"A-T2;;F-T1;{_siren('82345678')};Start-up Témoin Marseille;13055;62.01Z;SUBVENTION;01/03/2022;60 000;0;0;6",
        f"A-T3;C-T2;;{_siren('83456789')};Menuiserie Témoin Longwy;54323;16.23Z;ACCOMPAGNEMENT;01/09/2022;20 000;0;0;4",
        "A-T4;C-T2;;;Action collective Témoin;54323;;ACTION_COLLECTIVE;01/10/2022;10 000;5 000;0;0",
    ],
    "suivi_emplois.csv": [
        "id_aide;Date constat;Emplois créés",
        "A-T1;01/06/2022;3", "A-T1;01/01/2023;8", "A-T2;01/01/2023;5", "A-T3;01/06/2023;3",
    ],
}


def ecrire_lot(dossier: Path) -> Path:
    """Write the batch's CSV files into `dossier` (created) and return it."""
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    for nom, lignes in FICHIERS.items():
        (dossier / nom).write_text("\n".join(lignes) + "\n", encoding="utf-8")
    return dossier
