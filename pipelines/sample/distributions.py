"""Shapes the synthetic sample is drawn from: real reference data, IRES bands, names, SIREN.

Everything random goes through one `random.Random` handed in by the caller, and every
collection is iterated in sorted order, so a seed always gives the same batch. Geography and
the SMIC series are read from the project's reference files (data/reference, data/rules), the
same the warehouse loads, so the sample resolves against them without rejects.
"""
from __future__ import annotations

import bisect
import csv
import datetime as dt
import math
import random
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from core.config import DATA_DIR, REFERENCE_DIR
from pipelines.parsers import cle_luhn

COMMUNES_PATH = REFERENCE_DIR / "communes.parquet"
DEPARTEMENTS_PATH = REFERENCE_DIR / "departements.parquet"
SMIC_PATH = DATA_DIR / "rules" / "smic_mensuel.csv"

# Snapshot date of the sample: nothing is dated after it.
DATE_ARRETE = dt.date(2026, 11, 15)
PREMIERE_NOTIFICATION = dt.date(2002, 1, 17)

# IRES/Amnyos study (conventions 2008-09), domain.md: (lower, upper, share).
BANDES_OBJECTIF = ((10, 30, 0.11), (30, 60, 0.24), (60, 100, 0.23), (100, 300, 0.29), (300, 1000, 0.09))
BANDES_MONTANT = ((0, 100_000, 0.14), (100_000, 180_000, 0.17), (180_000, 320_000, 0.22),
                  (320_000, 560_000, 0.18), (560_000, 1_000_000, 0.16), (1_000_000, math.inf, 0.11))

# Industrial weight of a département (1 = population only). Old industrial basins first.
POIDS_INDUSTRIEL = {
    "59": 3.2, "62": 3.2, "27": 2.6, "57": 2.8, "54": 2.8, "55": 1.8, "88": 2.2, "08": 2.8,
    "69": 2.0, "38": 2.0, "42": 2.6, "01": 1.6, "73": 1.5, "74": 1.6, "26": 1.5,
    "75": 0.9, "92": 1.3, "93": 1.6, "94": 1.5, "91": 1.5, "95": 1.5, "78": 1.5, "77": 1.3,
    "76": 2.2, "60": 2.0, "80": 2.0, "02": 2.4, "10": 1.8, "51": 1.5, "52": 2.0,
    "25": 2.2, "90": 2.6, "70": 1.8, "39": 1.6, "71": 2.2, "58": 1.6, "21": 1.2, "89": 1.4,
    "68": 1.8, "67": 1.4, "03": 1.8, "63": 1.5, "87": 1.4, "18": 1.6, "36": 1.6, "45": 1.3,
    "28": 1.4, "41": 1.2, "37": 1.1, "72": 1.4, "49": 1.2, "44": 1.1, "35": 0.9, "13": 1.4,
    "84": 0.9, "30": 1.0, "31": 1.0, "33": 0.9, "64": 0.9, "81": 1.3, "65": 1.2,
}
DEPARTEMENTS_ULTRAMARINS = {"971", "972", "973", "974", "976"}

NAF_INDUSTRIE = ("25.62A", "25.62B", "25.11Z", "25.50A", "28.29B", "28.99B", "22.29A", "22.21Z",
                 "10.71C", "10.13A", "33.12Z", "33.20C", "20.59Z", "29.32Z", "16.23Z", "27.12Z",
                 "26.11Z", "24.10Z", "23.61Z", "31.09B", "32.50A", "13.92Z")
NAF_SERVICES = ("62.01Z", "62.02A", "71.12B", "70.22Z", "49.41A", "52.29B", "43.22A", "43.21A",
                "56.10A", "47.11B", "86.90D", "88.10A", "81.21Z", "82.99Z", "46.69B", "45.20A",
                "58.29C", "74.90B", "96.02A", "95.11Z", "72.19Z", "43.99C", "38.32Z", "80.10Z")

_SYLLABES = ("ar", "bel", "cor", "da", "del", "fer", "gal", "in", "lor", "ma", "mer", "no", "ol",
             "pra", "ro", "sal", "sel", "ta", "ter", "tri", "val", "ver", "vi", "xa", "zé", "lu",
             "mo", "ri", "ca", "te", "on", "al", "é", "ti", "na", "go")
_METIERS_PME = ("Mécanique", "Usinage", "Chaudronnerie", "Plasturgie", "Logistique", "Menuiserie",
                "Électronique", "Robotique", "Emballages", "Maintenance industrielle", "Traiteur",
                "Bâtiment", "Transports", "Informatique", "Ingénierie", "Tôlerie", "Imprimerie",
                "Conditionnement", "Services", "Énergies", "Composites", "Biotech", "Recyclage")
_SECTEURS_GROUPE = ("Industries", "Automotive", "Chimie", "Textile", "Sidérurgie", "Papeteries",
                    "Équipements", "Électroménager", "Pharma", "Logistique", "Télécom", "Aéronautique",
                    "Agroalimentaire", "Verrerie", "Pneumatiques", "Distribution")
_FORMES = ("SAS", "SARL", "SA", "SAS", "SARL", "SASU", "EURL")


@dataclass(frozen=True)
class Commune:
    code: str
    libelle: str
    code_ze: str
    departement: str
    population: int


class Geographie:
    """Communes by département and by zone d'emploi, with population weights."""

    def __init__(self, communes_path: Path = COMMUNES_PATH, departements_path: Path = DEPARTEMENTS_PATH):
        df = pl.read_parquet(communes_path).sort("code_commune")
        self.communes = {r["code_commune"]: Commune(r["code_commune"], r["libelle"], r["code_ze"],
                                                    r["code_departement"], int(r["population"] or 0))
                         for r in df.iter_rows(named=True)}
        self.par_dep: dict[str, list[Commune]] = {}
        self.par_ze: dict[str, list[Commune]] = {}
        for c in self.communes.values():
            self.par_dep.setdefault(c.departement, []).append(c)
            self.par_ze.setdefault(c.code_ze, []).append(c)
        deps = pl.read_parquet(departements_path).sort("code_departement")
        self.noms_dep = dict(zip(deps["code_departement"], deps["libelle"]))
        self.pop_dep = dict(zip(deps["code_departement"], deps["population"]))
        self._cumul: dict[tuple[str, str], tuple[list[Commune], list[float]]] = {}

    def poids_departements(self) -> tuple[list[str], list[float]]:
        codes = sorted(self.par_dep)
        poids = []
        for d in codes:
            base = float(self.pop_dep.get(d) or 1)
            poids.append(base * POIDS_INDUSTRIEL.get(d, 0.8) * (0.15 if d in DEPARTEMENTS_ULTRAMARINS else 1))
        return codes, poids

    def commune(self, rng: random.Random, niveau: str, code: str) -> Commune:
        """A commune of a département or zone, weighted by population (towns host the sites)."""
        key = (niveau, code)
        if key not in self._cumul:
            liste = (self.par_dep if niveau == "dep" else self.par_ze)[code]
            cumul, total = [], 0.0
            for c in liste:
                total += max(c.population, 50) ** 1.1
                cumul.append(total)
            self._cumul[key] = (liste, cumul)
        liste, cumul = self._cumul[key]
        return liste[bisect.bisect_left(cumul, rng.random() * cumul[-1])]


class Smic:
    """Monthly SMIC (35 h) by date in force, from data/rules/smic_mensuel.csv."""

    def __init__(self, path: Path = SMIC_PATH):
        with open(path, encoding="utf-8") as f:
            rows = sorted((dt.date.fromisoformat(r["date_debut"]), float(r["smic_mensuel"]))
                          for r in csv.DictReader(f, delimiter=";"))
        self.dates = [d for d, _ in rows]
        self.montants = [m for _, m in rows]

    def au(self, jour: dt.date) -> float:
        i = bisect.bisect_right(self.dates, jour) - 1
        if i < 0:
            raise ValueError(f"pas de SMIC connu au {jour}")
        return self.montants[i]


class Registre:
    """Invented firms: unique Luhn-valid SIREN and plausible names (no personal names)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.sirens: set[str] = set()

    def siren(self) -> str:
        while True:
            huit = str(self.rng.choice((3, 4, 5, 7, 8, 9))) + f"{self.rng.randrange(10**7):07d}"
            s = huit + cle_luhn(huit)
            if s not in self.sirens:
                self.sirens.add(s)
                return s

    def mot(self, n: int | None = None) -> str:
        n = n or self.rng.choice((2, 2, 3))
        return "".join(self.rng.choice(_SYLLABES) for _ in range(n)).capitalize()

    def pme(self, lieu: str) -> str:
        r = self.rng.random()
        forme = self.rng.choice(_FORMES)
        if r < 0.4:
            return f"{self.mot()} {self.rng.choice(_METIERS_PME)} {forme}"
        if r < 0.7:
            return f"{self.rng.choice(_METIERS_PME)} de {lieu} {forme}"
        return f"{self.mot().upper()} {forme}"

    def groupe(self) -> str:
        return f"{self.mot()} {self.rng.choice(_SECTEURS_GROUPE)}"


def naf(rng: random.Random, industrie: float = 0.45) -> str:
    return rng.choice(NAF_INDUSTRIE if rng.random() < industrie else NAF_SERVICES)


def tirer_bande(rng: random.Random, bandes) -> tuple[float, float]:
    r, cumul = rng.random() * sum(p for *_, p in bandes), 0.0   # published shares may not sum to 100 %
    for lo, hi, part in bandes:
        cumul += part
        if r < cumul:
            return lo, hi
    return bandes[-1][0], bandes[-1][1]


def log_uniforme(rng: random.Random, lo: float, hi: float) -> float:
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def plus_mois(jour: dt.date, mois: int) -> dt.date:
    m = jour.month - 1 + mois
    annee, mois0 = jour.year + m // 12, m % 12 + 1
    jours = (dt.date(annee + (mois0 == 12), mois0 % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(annee, mois0, min(jour.day, jours))


def jour_aleatoire(rng: random.Random, debut: dt.date, fin: dt.date) -> dt.date:
    return debut + dt.timedelta(days=rng.randrange(max((fin - debut).days, 0) + 1))
