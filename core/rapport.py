"""What happened to a batch: counts per dataset, rejected rows, flags, in words a user reads.

`charger_lot` returns a `RapportLot`; the CLI prints `summary_fr()` (or writes `to_json()` with
`--rapport-json`), the build logs it and the app reads it back with `from_json()`: the report is
the one thing the ingestion side hands the app side, so it lives in the core both import.
Nothing here touches the warehouse.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

MAX_ERRORS_SHOWN = 20
# Rejected rows and flags a report lists one by one (the first, by file and row); its counts are
# always complete, and the warehouse's quarantine and signalements tables keep every row.
MAX_DETAIL = 10_000


@dataclass
class ComptesJeu:
    loaded: int = 0
    rejected: int = 0
    flagged: int = 0


@dataclass(frozen=True)
class LigneRejetee:
    fichier: str
    ligne: int
    colonne: str | None
    valeur: str | None
    message: str

    def text_fr(self) -> str:
        return f"{self.fichier}, ligne {self.ligne}, {self.message}"


@dataclass(frozen=True)
class Signalement:
    dataset: str
    cle: str
    code: str
    colonne: str | None
    message: str
    fichier: str
    ligne: int

    def text_fr(self) -> str:
        return f"{self.fichier}, ligne {self.ligne}, colonne {self.colonne} : {self.message}"


def nombre_fr(n: int) -> str:
    """1234567 → '1 234 567' (narrow no-break space)."""
    return f"{n:,}".replace(",", "\u202f")


def _pluriel(n: int, mot: str) -> str:
    return f"{nombre_fr(n)} {mot}{'s' if n > 1 else ''}"


@dataclass
class RapportLot:
    batch_id: str | None
    source: str
    refused: bool = False
    refusal_message: str | None = None
    already_loaded: bool = False
    per_dataset: dict[str, ComptesJeu] = field(default_factory=dict)
    errors: list[LigneRejetee] = field(default_factory=list)
    signalements: list[Signalement] = field(default_factory=list)
    ignored_columns: dict[str, list[str]] = field(default_factory=dict)   # fichier -> headers not in the contract
    duration_s: float = 0.0

    @property
    def nb_charges(self) -> int:
        return sum(c.loaded for c in self.per_dataset.values())

    @property
    def nb_rejetes(self) -> int:
        return sum(c.rejected for c in self.per_dataset.values())

    @property
    def nb_signales(self) -> int:
        return sum(c.flagged for c in self.per_dataset.values())

    @property
    def changed(self) -> bool:
        """True when loading this batch wrote something to the warehouse."""
        return not self.refused and not self.already_loaded

    @classmethod
    def refusal(cls, source: str, message: str, batch_id: str | None = None) -> RapportLot:
        return cls(batch_id=batch_id, source=source, refused=True, refusal_message=message)

    def to_json(self) -> str:
        """The whole report as JSON (what `python -m pipelines.ingest --rapport-json` writes)."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> RapportLot:
        """The report written by `to_json()`."""
        d = json.loads(text)
        d["per_dataset"] = {k: ComptesJeu(**v) for k, v in d.get("per_dataset", {}).items()}
        d["errors"] = [LigneRejetee(**e) for e in d.get("errors", [])]
        d["signalements"] = [Signalement(**f) for f in d.get("signalements", [])]
        return cls(**d)

    def summary_fr(self, max_errors: int = MAX_ERRORS_SHOWN) -> str:
        if self.refused:
            return (f"Lot refusé ({self.source}) : {self.refusal_message}\n"
                    "L'entrepôt n'a pas été modifié.")
        if self.already_loaded:
            return (f"Ce lot a déjà été chargé (lot {self.batch_id}) : l'entrepôt n'a pas été "
                    "modifié.")
        lines = [f"Lot {self.batch_id} ({self.source}) : {_pluriel(self.nb_charges, 'ligne')} "
                 f"chargée{'s' if self.nb_charges > 1 else ''}, {nombre_fr(self.nb_rejetes)} "
                 f"rejetée{'s' if self.nb_rejetes > 1 else ''}, {nombre_fr(self.nb_signales)} "
                 f"signalée{'s' if self.nb_signales > 1 else ''}."]
        for name, c in self.per_dataset.items():
            lines.append(f"  {name} : {nombre_fr(c.loaded)} chargée{'s' if c.loaded > 1 else ''}, "
                         f"{nombre_fr(c.rejected)} rejetée{'s' if c.rejected > 1 else ''}, "
                         f"{nombre_fr(c.flagged)} signalée{'s' if c.flagged > 1 else ''}")
        for fichier, cols in self.ignored_columns.items():
            lines.append(f"  {fichier} : colonne{'s' if len(cols) > 1 else ''} ignorée{'s' if len(cols) > 1 else ''} "
                         f"(hors contrat) : {', '.join(cols)}")
        if self.errors:
            shown = self.errors[:max_errors]
            lines.append("Lignes rejetées (gardées en quarantaine)"
                         + (f", les {len(shown)} premières :" if len(self.errors) > len(shown) else " :"))
            lines += [f"  {e.text_fr()}" for e in shown]
        if self.signalements:
            shown = self.signalements[:max_errors]
            lines.append("Signalements (lignes chargées)"
                         + (f", les {len(shown)} premiers :" if len(self.signalements) > len(shown) else " :"))
            lines += [f"  {f.text_fr()}" for f in shown]
        return "\n".join(lines)


# --- progress of a batch being loaded ---------------------------------------------------------
# The ingestion command reports its steps (`--progression-json`: one JSON object per line on
# stderr); the upload page turns them into a progress bar. Both sides read them here.

ETAPES = {"lecture": "Lecture des fichiers", "validation": "Validation", "ecriture": "Écriture",
          "indicateurs": "Mise à jour des indicateurs"}
_PLAGES = {"lecture": (0.0, 0.35), "validation": (0.35, 0.30), "ecriture": (0.65, 0.15), "indicateurs": (0.80, 0.20)}


@dataclass(frozen=True)
class Avancement:
    """One step of a load: the stage, rows handled so far (of `total` when known), the part of
    the stage done (0…1) and the seconds since the load began."""
    etape: str
    lignes: int
    total: int | None
    part: float
    secondes: float = 0.0

    @property
    def fraction(self) -> float:
        """How far the whole load is, 0…1 (stages weighted by their usual share of the time)."""
        debut, poids = _PLAGES[self.etape]
        return min(1.0, debut + poids * max(0.0, min(1.0, self.part)))

    @property
    def lignes_par_seconde(self) -> float | None:
        return self.lignes / self.secondes if self.secondes > 0 and self.lignes else None

    def texte_fr(self) -> str:
        """'Validation : 580 000 / 1 306 183 lignes (212 000 lignes/s)'."""
        if self.etape == "indicateurs":
            return f"{ETAPES[self.etape]} ({round(100 * self.part)} %)"
        compte = nombre_fr(self.lignes) + (f" / {nombre_fr(self.total)}" if self.total else "")
        debit = self.lignes_par_seconde
        vitesse = f" ({_pluriel(round(debit), 'ligne')}/s)" if debit else ""
        return f"{ETAPES[self.etape]} : {compte} ligne{'s' if self.lignes > 1 else ''}{vitesse}"

    def to_json(self) -> str:
        return json.dumps({"avancement": asdict(self)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Avancement | None:
        """The step a `--progression-json` line describes, None for any other line."""
        if not line.startswith('{"avancement"'):
            return None
        try:
            return cls(**json.loads(line)["avancement"])
        except (ValueError, TypeError, KeyError):
            return None
