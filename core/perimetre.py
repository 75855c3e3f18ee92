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
