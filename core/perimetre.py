"""Who is reading or loading: a role and the départements where that person sees firm-level detail.

The périmètre is what the single read door (`core.query`) and the ingestion apply; it is built from
the habilitations file (app side, after sign-in) or from the command line (`--utilisateur`).
Roles (data contract, habilitations): `administrateur` (everything, sees the journal), `national`
(reads everything at firm level, loads nothing), `redacteur` (reads and loads within its
départements), `lecteur` (reads within its départements), `public` (aggregates only, under
statistical secrecy). `departements is None` means every département.
"""
from __future__ import annotations

from dataclasses import dataclass

ROLES = ("administrateur", "national", "redacteur", "lecteur", "public")


@dataclass(frozen=True)
class Perimetre:
    """A viewer's rights; hashable, so it keys the read cache."""

    role: str
    departements: frozenset[str] | None = frozenset()   # None: all départements
    email: str | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"rôle inconnu : {self.role}")

    def voit_detail(self, departement: str | None) -> bool:
        """True when firm-level rows of this département may be shown to this viewer."""
        if self.role == "public":
            return False
        return self.departements is None or (departement is not None and departement in self.departements)

    @property
    def peut_charger(self) -> bool:
        return self.role in ("administrateur", "redacteur")

    def peut_charger_dans(self, departement: str | None) -> bool:
        """True when this person may load (or correct) rows of this département."""
        if not self.peut_charger:
            return False
        return self.departements is None or (departement is not None and departement in self.departements)

    @property
    def voit_tout(self) -> bool:
        """Firm-level detail of every département (administrateur, national, or a `*` scope)."""
        return not self.public and self.departements is None

    @property
    def voit_journal(self) -> bool:
        return self.role == "administrateur"

    def parametres_sql(self) -> dict[str, object]:
        """What the read door binds in the SQL files that declare them: the départements whose
        firm-level rows may be returned (NULL: all; an empty list: none) and the viewer's e-mail."""
        if self.public:
            departements: list[str] | None = []
        elif self.departements is None:
            departements = None
        else:
            departements = sorted(self.departements)
        return {"perimetre_departements": departements, "perimetre_email": self.email or ""}

    def libelle(self) -> str:
        """'redacteur (59, 62)', 'national (tous les départements)', 'public' (journal, notices)."""
        return "public" if self.public else f"{self.role} ({self.libelle_departements()})"

    @property
    def public(self) -> bool:
        return self.role == "public"

    def libelle_departements(self) -> str:
        """'tous les départements' or '59, 62' (for messages)."""
        if self.departements is None:
            return "tous les départements"
        return ", ".join(sorted(self.departements)) or "aucun département"


ADMINISTRATEUR_LOCAL = Perimetre("administrateur", None, None)
PUBLIC = Perimetre("public", frozenset(), None)


def refus_droits(perimetre: Perimetre) -> str | None:
    """Why this person may not load at all (lecteur, national, public), None when they may."""
    if perimetre.peut_charger:
        return None
    qui = perimetre.email or "utilisateur inconnu"
    role = "sans habilitation" if perimetre.public else f"rôle {perimetre.role}"
    return (f"{qui} ({role}) n'a pas le droit de charger des lots : seuls les rôles redacteur "
            "(dans ses départements) et administrateur le peuvent")
