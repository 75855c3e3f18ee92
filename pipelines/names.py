"""Matching what users type (file stems, sheet names, column headers) to the contract's names.

Users write `Emplois supprimés`, `SUIVI-EMPLOIS`, `Montant engagé (€)` or `Suivi des emplois`;
the contract says `emplois_supprimes`, `suivi_emplois`, `montant_engage`. Matching ignores case,
accents, punctuation, a trailing `s` on each word, small French link words (de, des, du, la…)
and unit suffixes in parentheses, but never a scaled unit: `Montant (k€)` must not be read as
euros, so it matches nothing and the reader reports the column as missing.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from pipelines.contract import BY_NAME, DATASETS

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_LINK_WORDS = frozenset({"de", "des", "du", "d", "la", "le", "les", "l", "en", "a", "au", "aux"})
_TOKEN_ALIASES = {"identifiant": "id", "ident": "id", "num": "numero", "no": "numero"}
# Other usual spellings of a column, tried after the name and the label (canonical forms).
COLUMN_ALIASES = {
    "code_commune": ("code_insee", "insee", "commune_insee", "code_insee_commune", "code_commune_insee",
                     "commune_code_insee"),
    "siren_beneficiaire": ("siren",),
    "code_naf": ("naf", "ape", "code_ape", "naf_ape", "code_naf_ape"),
    "departement": ("dep", "dept", "code_departement", "code_dep", "code_dept"),
}
_SCALED_UNIT = re.compile(r"\b(k|m|md|mds)\s*(€|eur\b|euros?\b)|€\s*k\b|milliers?|millions?|milliards?",
                          re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")
_TRAILING_EURO = re.compile(r"\s*(?:en\s+)?(?:€|euros?|eur)\s*$", re.IGNORECASE)

# Sheets of a workbook batch that document it rather than hold a dataset.
DOC_SHEETS = {"notice", "lisez_moi", "lisezmoi", "readme", "read_me", "mode_d_emploi", "documentation",
              "sommaire", "listes", "liste", "parametres", "legende", "instructions", "consignes",
              "guide", "a_lire", "informations", "info"}


def canonical_name(s: str) -> str:
    """Lower-case ASCII snake form: "Emplois supprimés" -> "emplois_supprimes"."""
    text = unicodedata.normalize("NFKD", str(s).translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", "_", text)
    return text.strip("_")


def _loose(canonical: str) -> str:
    """Looser key: link words dropped, aliases applied, a trailing 's' removed from each word."""
    tokens = []
    for tok in canonical.split("_"):
        if not tok or tok in _LINK_WORDS:
            continue
        tok = _TOKEN_ALIASES.get(tok, tok)
        if len(tok) > 2 and tok.endswith("s"):
            tok = tok[:-1]
        tokens.append(tok)
    return "_".join(tokens)


def match_dataset(name: str) -> str | None:
    """File stem or sheet name -> contract dataset name, or None.

    A numeric ordering prefix is tolerated ("01 - Restructurations")."""
    canon = canonical_name(name)
    canon = re.sub(r"^\d+_", "", canon)
    if not canon:
        return None
    if canon in BY_NAME:
        return canon
    loose = _loose(canon)
    for ds in DATASETS:
        if _loose(ds.name) == loose:
            return ds.name
    return None


def feuille_du_jeu(feuilles: list[str], jeu: str) -> str | None:
    """The sheet a workbook named after the dataset `jeu` is read from: the one so named, else its first."""
    return next((t for t in feuilles if match_dataset(t) == jeu), feuilles[0] if feuilles else None)


def est_documentation(feuille: str) -> bool:
    """Whether a workbook's sheet documents the batch (a notice, a readme…) rather than holds data."""
    return canonical_name(feuille) in DOC_SHEETS


def _strip_units(header: str) -> str | None:
    """Remove unit suffixes "(€)", "(en euros)", " €"; None when the unit is scaled (k€, M€, milliers)."""
    text = str(header).strip()
    while True:
        m = _TRAILING_PAREN.search(text)
        if not m:
            break
        if _SCALED_UNIT.search(m.group(1)):
            return None
        text = text[: m.start()]
    if _SCALED_UNIT.search(text[-12:]) and re.search(r"(€|eur|euros?)\s*$", text, re.IGNORECASE):
        return None
    return _TRAILING_EURO.sub("", text)


@cache   # the contract does not change while a batch is read: built once per dataset
def _labels(dataset: str) -> dict[str, list[str]]:
    """Canonical French label or alias -> the contract columns it names."""
    labels: dict[str, list[str]] = {}
    for col in BY_NAME[dataset].columns:
        label = _strip_units(col.label) if col.label else None
        if label:
            labels.setdefault(canonical_name(label), []).append(col.name)
    for col in BY_NAME[dataset].columns:
        for alias in COLUMN_ALIASES.get(col.name, ()):
            labels.setdefault(alias, []).append(col.name)
    return labels


@cache   # a header row is matched once per file, data rows read above it too (title rows)
def _loose_names(dataset: str) -> dict[str, set[str]]:
    """Loose form of each column name, label and alias -> the contract columns it names."""
    out: dict[str, set[str]] = {}
    for col in BY_NAME[dataset].columns:
        out.setdefault(_loose(col.name), set()).add(col.name)
    for lab, names in _labels(dataset).items():
        out.setdefault(_loose(lab), set()).update(names)
    return out


@cache
def match_column(header: str, dataset: str) -> str | None:
    """Header -> the contract column of `dataset` it names, or None.

    Tries, in order: the column name, the column's French label (as in the template workbook) or a
    usual alias ("Code INSEE"), then the loose forms of these. A loose form shared by two columns matches neither."""
    ds = BY_NAME.get(dataset) or BY_NAME.get(match_dataset(dataset) or "")
    if ds is None or header is None:
        return None
    stripped = _strip_units(header)
    if stripped is None:
        return None
    canon = canonical_name(stripped)
    if not canon:
        return None
    full = canonical_name(header)  # "Durée (mois)" -> "duree_mois"
    for col in ds.columns:
        if col.name in (canon, full):
            return col.name
    labels = _labels(ds.name)
    for key in (canon, full):
        if len(labels.get(key, [])) == 1:
            return labels[key][0]
    hits = _loose_names(ds.name).get(_loose(canon), set())
    return next(iter(hits)) if len(hits) == 1 else None
