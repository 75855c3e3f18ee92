"""Who is who: the habilitations file read into périmètres, one parser for the app and the CLIs.

    email;role;departements
    prefet59@exemple.gouv.fr;lecteur;59,62
    ministere@exemple.gouv.fr;national;*

The file is `$OBSERVATOIRE_HABILITATIONS` (default `config/habilitations.csv`), UTF-8 (a BOM is
accepted), `;`-separated. Roles: administrateur, national, redacteur, lecteur; `departements` is
`*` (all) or INSEE codes separated by `,` (`59,62`, `2A`, `971`). E-mails match
case-insensitively. A person not in the file gets the public level (`core.perimetre.PUBLIC`). A
malformed file raises `HabilitationsInvalides` whose French message names the file and the line:
the app stops on it rather than guessing who may see what.
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from core.config import ROOT
from core.perimetre import PUBLIC, Perimetre

ENV_VAR = "OBSERVATOIRE_HABILITATIONS"
DEFAULT = ROOT / "config" / "habilitations.csv"
ENTETE = ["email", "role", "departements"]
ROLES_FICHIER = ("administrateur", "national", "redacteur", "lecteur")
DEPARTEMENTS = frozenset([f"{i:02d}" for i in range(1, 96) if i != 20] + ["2A", "2B"]
                         + ["971", "972", "973", "974", "976"])
_EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")


class HabilitationsInvalides(ValueError):
    """The habilitations file cannot be trusted; the message names the file and the line."""


def chemin_habilitations(explicit: str | os.PathLike | None = None) -> Path:
    """The habilitations file: explicit argument, then `$OBSERVATOIRE_HABILITATIONS`, then the default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else DEFAULT


@dataclass(frozen=True)
class Habilitations:
    """The file's rows by lower-case e-mail."""
    personnes: dict[str, Perimetre]
    source: str = ""

    def perimetre(self, email: str | None) -> Perimetre:
        """The person's périmètre; the public level for an unknown or missing e-mail."""
        if not email:
            return PUBLIC
        cle = email.strip().lower()
        return self.personnes.get(cle) or Perimetre("public", frozenset(), cle)


def _departements(valeur: str, ou: str) -> frozenset[str] | None:
    valeur = valeur.strip()
    if valeur == "*":
        return None
    if not valeur:
        raise HabilitationsInvalides(f"{ou} : colonne departements vide (indiquez * ou des codes comme 59,62)")
    codes = []
    for brut in valeur.split(","):
        code = brut.strip().upper()
        if code.isdigit() and len(code) == 1:
            code = f"0{code}"
        if code not in DEPARTEMENTS:
            raise HabilitationsInvalides(f"{ou} : département « {brut.strip()} » inconnu "
                                         "(codes INSEE : 01…95, 2A, 2B, 971…976, ou * pour tous)")
        codes.append(code)
    return frozenset(codes)


def lire_texte(texte: str, source: str = "habilitations") -> Habilitations:
    """Parse the file's text (raises HabilitationsInvalides naming `source` and the line)."""
    texte = texte.removeprefix("\ufeff")
    lignes = list(csv.reader(io.StringIO(texte), delimiter=";"))
    if not lignes or [c.strip().lower() for c in lignes[0]] != ENTETE:
        trouve = ";".join(lignes[0]) if lignes else "(fichier vide)"
        raise HabilitationsInvalides(f"{source}, ligne 1 : en-tête attendu « email;role;departements », "
                                     f"trouvé « {trouve} »")
    personnes: dict[str, Perimetre] = {}
    vues: dict[str, int] = {}
    for numero, cellules in enumerate(lignes[1:], start=2):
        if not any(c.strip() for c in cellules):
            continue
        ou = f"{source}, ligne {numero}"
        if len(cellules) != 3:
            raise HabilitationsInvalides(f"{ou} : 3 colonnes attendues (email;role;departements), "
                                         f"{len(cellules)} trouvée(s)")
        email, role, deps = (c.strip() for c in cellules)
        email = email.lower()
        if not _EMAIL.match(email):
            raise HabilitationsInvalides(f"{ou} : adresse e-mail « {email} » invalide")
        role = role.lower()
        if role not in ROLES_FICHIER:
            raise HabilitationsInvalides(f"{ou} : rôle « {role} » inconnu "
                                         f"(administrateur, national, redacteur ou lecteur)")
        if email in vues:
            raise HabilitationsInvalides(f"{ou} : {email} figure déjà à la ligne {vues[email]}")
        # administrateur and national read every département whatever the column says (* expected)
        departements = None if role in ("administrateur", "national") and deps in ("", "*") \
            else _departements(deps, ou)
        if role in ("administrateur", "national"):
            departements = None
        vues[email] = numero
        personnes[email] = Perimetre(role, departements, email)
    return Habilitations(personnes, source)


def lire(chemin: str | os.PathLike | None = None) -> Habilitations:
    """Read the habilitations file (raises HabilitationsInvalides, also when it is missing)."""
    fichier = chemin_habilitations(chemin)
    try:
        texte = fichier.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise HabilitationsInvalides(f"fichier des habilitations introuvable : {fichier} "
                                     f"(variable {ENV_VAR}, modèle : config/habilitations.exemple.csv)") from exc
    except UnicodeDecodeError as exc:
        raise HabilitationsInvalides(f"{fichier} : le fichier doit être encodé en UTF-8") from exc
    return lire_texte(texte, fichier.name)


_memo: dict[tuple, Habilitations] = {}


def lire_a_jour(chemin: str | os.PathLike | None = None) -> Habilitations:
    """`lire`, re-read only when the file changes (size, modification time): edits apply at once."""
    fichier = chemin_habilitations(chemin)
    try:
        st = fichier.stat()
        cle = (str(fichier), st.st_size, st.st_mtime_ns)
    except FileNotFoundError:
        return lire(fichier)
    if cle not in _memo:
        _memo.clear()
        _memo[cle] = lire(fichier)
    return _memo[cle]


def perimetre_de(email: str, chemin: str | os.PathLike | None = None) -> Perimetre:
    """The périmètre of the person with this e-mail (public level when absent from the file)."""
    return lire_a_jour(chemin).perimetre(email)
