"""Load the dated legal rules (monthly SMIC table, multiples, durations, deadlines) into the warehouse.

The rules are data, not code: `data/rules/smic_mensuel.csv` holds every SMIC change since 2001
(the value in force when the loi de modernisation sociale took effect), `data/rules/regles.csv`
the legal parameters the views read (`multiple_minimum`, `multiple_penalite`, `duree_max_mois`,
`delai_signature_mois`, `date_reference_smic`, `tolerance_conformite_euros`, the statistical-secrecy
thresholds `secret_frequence_min`, `secret_dominance_pct` with their `secret_date_effet`, and for the
deadlines `periodicite_comite_mois`, `horizon_fin_convention_mois`, `part_duree_sous_consommation`,
`part_consommation_minimale` (fractions written `2/3`)), `data/rules/bilans_externes.csv` the
published figures the observatory is compared with (Cour des comptes 2015). Changing a rule means
editing a CSV and reloading, never touching SQL. Loading replaces the tables' content, so it is
idempotent.
"""
from __future__ import annotations

import csv
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import duckdb
import polars as pl

from core.config import DATA_DIR
from core.sql import sql_ecriture, to_polars

RULES_DIR = DATA_DIR / "rules"
SMIC_FILE = RULES_DIR / "smic_mensuel.csv"
REGLES_FILE = RULES_DIR / "regles.csv"
BILANS_FILE = RULES_DIR / "bilans_externes.csv"

# Keys the views need, with the check their value must pass.
REQUIRED_KEYS = {
    "multiple_minimum": "number",
    "multiple_penalite": "number",
    "duree_max_mois": "number",
    "delai_signature_mois": "number",
    "date_reference_smic": ("signature", "notification"),
    "tolerance_conformite_euros": "number",
    "secret_frequence_min": "number",
    "secret_dominance_pct": "number",
    "secret_date_effet": "date",
    "periodicite_comite_mois": "number",
    "horizon_fin_convention_mois": "number",
    "part_duree_sous_consommation": "fraction",
    "part_consommation_minimale": "fraction",
}
_FRACTION = re.compile(r"^\d+(\.\d+)?(/[1-9]\d*)?$")


class ErreurRegles(ValueError):
    """A rules file cannot be used; the message is a French sentence naming file, row and column."""


def monthly_smic(hourly: Decimal) -> Decimal:
    """Monthly SMIC for 35 hours a week: hourly × 35 × 52 / 12, rounded to the cent."""
    return (hourly * 35 * 52 / 12).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    if not path.exists():
        raise ErreurRegles(f"Fichier de règles introuvable : {path}")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=";")
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise ErreurRegles(f"{path.name} : colonne(s) manquante(s) : {', '.join(missing)}")
        return [(i, row) for i, row in enumerate(reader, start=2)]


def lire_smic_csv(path: Path = SMIC_FILE) -> list[tuple[date, Decimal, Decimal, str | None]]:
    """Rows (date_debut, smic_horaire, smic_mensuel, source), checked and sorted by date."""
    out = []
    for line, row in _rows(path, ("date_debut", "smic_horaire", "smic_mensuel")):
        try:
            start = date.fromisoformat(row["date_debut"].strip())
        except ValueError:
            raise ErreurRegles(f"{path.name}, ligne {line}, colonne date_debut : "
                             f"« {row['date_debut']} » n'est pas une date AAAA-MM-JJ") from None
        values = []
        for col in ("smic_horaire", "smic_mensuel"):
            try:
                values.append(Decimal(row[col].strip().replace(",", ".")))
            except (InvalidOperation, AttributeError):
                raise ErreurRegles(f"{path.name}, ligne {line}, colonne {col} : "
                                 f"« {row[col]} » n'est pas un nombre") from None
        hourly, monthly = values
        if monthly_smic(hourly) != monthly:
            raise ErreurRegles(f"{path.name}, ligne {line}, colonne smic_mensuel : {monthly} ne correspond "
                             f"pas au SMIC horaire {hourly} × 35 × 52 / 12 = {monthly_smic(hourly)}")
        out.append((start, hourly, monthly, (row.get("source") or "").strip() or None))
    dates = [r[0] for r in out]
    if len(set(dates)) != len(dates):
        raise ErreurRegles(f"{path.name} : une même date_debut apparaît deux fois")
    return sorted(out)


def lire_regles_csv(path: Path = REGLES_FILE) -> list[tuple[str, str, str, str | None]]:
    """Rows (cle, valeur, libelle, article); every key the views need must be present and valid."""
    out = {}
    for line, row in _rows(path, ("cle", "valeur", "libelle", "article")):
        key, value = row["cle"].strip(), row["valeur"].strip()
        check = REQUIRED_KEYS.get(key)
        if check == "number":
            try:
                Decimal(value)
            except InvalidOperation:
                raise ErreurRegles(f"{path.name}, ligne {line}, colonne valeur : « {value} » "
                                 f"n'est pas un nombre (règle {key})") from None
        elif check == "date":
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ErreurRegles(f"{path.name}, ligne {line}, colonne valeur : « {value} » "
                                 f"n'est pas une date AAAA-MM-JJ (règle {key})") from None
        elif check == "fraction":
            if not _FRACTION.match(value):
                raise ErreurRegles(f"{path.name}, ligne {line}, colonne valeur : « {value} » "
                                 f"n'est pas une fraction (ex. 2/3 ou 0.5) (règle {key})")
        elif check and value not in check:
            raise ErreurRegles(f"{path.name}, ligne {line}, colonne valeur : « {value} » doit valoir "
                             f"{' ou '.join(check)} (règle {key})")
        out[key] = (key, value, row["libelle"].strip(), (row["article"] or "").strip() or None)
    missing = sorted(set(REQUIRED_KEYS) - set(out))
    if missing:
        raise ErreurRegles(f"{path.name} : règle(s) manquante(s) : {', '.join(missing)}")
    return list(out.values())


BILANS_COLUMNS = ("indicateur", "libelle", "annee_debut", "annee_fin", "valeur", "unite", "source")


def lire_bilans_csv(path: Path = BILANS_FILE) -> list[tuple]:
    """Rows (indicateur, libelle, annee_debut, annee_fin, valeur, unite, source, url) of the published bilans."""
    out = []
    for line, row in _rows(path, BILANS_COLUMNS):
        try:
            debut, fin = int(row["annee_debut"]), int(row["annee_fin"])
            valeur = float(row["valeur"].strip().replace(",", "."))
        except (ValueError, AttributeError):
            raise ErreurRegles(f"{path.name}, ligne {line} : annee_debut, annee_fin et valeur doivent être "
                               "des nombres") from None
        out.append((row["indicateur"].strip(), row["libelle"].strip(), debut, fin, valeur,
                    row["unite"].strip(), row["source"].strip(), (row.get("url") or "").strip() or None))
    return out


def charger_regles(con: duckdb.DuckDBPyConnection, smic_file: Path = SMIC_FILE,
               regles_file: Path = REGLES_FILE, bilans_file: Path = BILANS_FILE) -> None:
    """Fill ref_smic, ref_regle and ref_bilan_externe from the CSV files, replacing their content (idempotent)."""
    smic = lire_smic_csv(Path(smic_file))
    regles = lire_regles_csv(Path(regles_file))
    bilans = lire_bilans_csv(Path(bilans_file))
    con.execute(sql_ecriture("regles_vider_smic"))
    con.executemany(sql_ecriture("regles_inserer_smic"), [
        {"date_debut": d, "smic_horaire": h, "smic_mensuel": m, "source": src} for d, h, m, src in smic])
    con.execute(sql_ecriture("regles_vider"))
    con.executemany(sql_ecriture("regles_inserer"), [
        {"cle": c, "valeur": v, "libelle": lib, "article": a} for c, v, lib, a in regles])
    con.execute(sql_ecriture("regles_vider_bilans"))
    con.executemany(sql_ecriture("regles_inserer_bilan"), [
        dict(zip(("indicateur", "libelle", "annee_debut", "annee_fin", "valeur", "unite", "source", "url"), b))
        for b in bilans])


def regles_par_defaut(path: Path = REGLES_FILE) -> dict[str, float]:
    """The numeric rules of the committed file (for a warehouse without ref_regle, and tests)."""
    out = {}
    for key, value, _libelle, _article in lire_regles_csv(path):
        if REQUIRED_KEYS.get(key) == "number":
            out[key] = float(value)
    return out


def regles_entrepot(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Numeric rules from the warehouse's ref_regle, else those of the committed file."""
    rules = regles_par_defaut()
    try:
        rows = con.execute(sql_ecriture("regles_valeurs")).fetchall()
    except duckdb.Error:   # warehouse without the rules table
        return rules
    for key, value in rows:
        try:
            rules[key] = float(str(value).replace(",", "."))
        except ValueError:
            pass
    return rules


def smic_entrepot(con: duckdb.DuckDBPyConnection) -> tuple[pl.DataFrame | None, str]:
    """The warehouse's monthly SMIC table and which date picks it ('signature' by default)."""
    try:
        smic = to_polars(con.sql(sql_ecriture("regles_smic_mensuel")))
        rows = con.execute(sql_ecriture("regles_date_reference_smic")).fetchall()
    except duckdb.Error:   # warehouse without the rules tables: no contribution checks
        return None, "signature"
    return (smic if smic.height else None), (rows[0][0] if rows else "signature")
