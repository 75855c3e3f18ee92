"""The batch being generated: rows per dataset, plus the helpers both generators share.

The national synthetic body (synthetic.py) and the documented cases (cases.py) add rows
through the same methods, so the ids, the cumulative follow-ups and the co-financing rules
are the same for both. Rows hold Python values (dates, floats, ints); writers.py formats them.
"""
from __future__ import annotations

import datetime as dt
import math
import random

from pipelines.contract import DATASETS
from pipelines.sample.distributions import DATE_ARRETE, plus_mois

# Input codes that are not reference communes but resolve to one (exercise the resolution):
# arrondissements of Paris, Marseille, Lyon; communes déléguées of Cherbourg-en-Cotentin, Annecy.
ALIAS_SAISIE = {
    "75056": tuple(f"751{i:02d}" for i in range(1, 21)),
    "13055": tuple(f"132{i:02d}" for i in range(1, 17)),
    "69123": tuple(f"6938{i}" for i in range(1, 10)),
    "50129": ("50173", "50602"),
    "74010": ("74268", "74093"),
}

# Per instrument: median leverage (all money / revitalisation euros) and public share of co-financing.
LEVIER = {"PRET": (3.2, 0.25), "PRET_HONNEUR": (4.5, 0.15), "SUBVENTION": (2.4, 0.45),
          "GARANTIE": (3.8, 0.2), "ACCOMPAGNEMENT": (1.3, 0.6), "FORMATION": (1.6, 0.7),
          "ACTION_COLLECTIVE": (1.8, 0.85)}


def euros(x: float) -> float:
    return round(x + 1e-9, 2)


class Lot:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.rows: dict[str, list[dict]] = {d.name: [] for d in DATASETS}
        self._n_aide = 0

    def code_saisi(self, code: str, part: float = 0.7) -> str:
        """The code a user would type: sometimes an arrondissement or a commune déléguée."""
        if code in ALIAS_SAISIE and self.rng.random() < part:
            return self.rng.choice(ALIAS_SAISIE[code])
        return code

    def add(self, dataset: str, **row) -> dict:
        self.rows[dataset].append(row)
        return row

    def cofinancement(self, type_aide: str, montant: float, levier: float | None = None) -> tuple[float, float]:
        """(public, private) co-financing around the instrument's usual leverage."""
        mediane, part_public = LEVIER[type_aide]
        if levier is None:
            levier = 1 + (mediane - 1) * math.exp(self.rng.gauss(0, 0.45))
        total = montant * (levier - 1)
        public = round(total * min(1.0, max(0.0, self.rng.gauss(part_public, 0.1))), -2)
        return float(max(public, 0)), float(max(round(total - public, -2), 0))

    def aide(self, *, id_convention=None, id_fonds=None, siren=None, nom: str, commune: str,
             naf=None, type_aide: str, date: dt.date, montant: float, emplois: int,
             public: float | None = None, prive: float | None = None, id_aide: str | None = None) -> dict:
        if public is None or prive is None:
            public, prive = self.cofinancement(type_aide, montant)
        if id_aide is None:
            self._n_aide += 1
            id_aide = f"A-{self._n_aide:07d}"
        return self.add("aides", id_aide=id_aide, id_convention=id_convention, id_fonds=id_fonds,
                        siren_beneficiaire=siren, nom_beneficiaire=nom, code_commune=self.code_saisi(commune),
                        code_naf=naf, type_aide=type_aide, date_decision=date, montant_revitalisation=euros(montant),
                        cofinancement_public=euros(public), cofinancement_prive=euros(prive),
                        emplois_prevus=int(emplois))

    def suivi(self, aide: dict, final: int, jalons: list[dt.date] | None = None,
              arrete: dt.date = DATE_ARRETE) -> None:
        """Cumulative follow-ups reaching `final` at the last milestone; only those already dated."""
        if aide["emplois_prevus"] == 0 and final == 0:
            return
        d = aide["date_decision"]
        if jalons is None:
            n = 3 if self.rng.random() < 0.6 else 2
            jalons = [plus_mois(d, 12 * k) for k in range(1, n + 1)]
        n = len(jalons)
        parts = sorted(self.rng.uniform(0.3, 0.95) for _ in range(n - 1)) + [1.0]
        precedent = 0
        for jour, part in zip(jalons, parts):
            if jour > arrete:
                break
            valeur = max(precedent, min(final, round(final * part)))
            self.add("suivi_emplois", id_aide=aide["id_aide"], date_constat=jour, emplois_crees=valeur)
            precedent = valeur
