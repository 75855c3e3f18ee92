"""Tables of the app: French headers and formats, the registry's columns, the downloads beside them.

`tableau(df, colonnes, nom_export)` shows the columns of a Polars frame under their French
headers (indicators from the registry core.indicateurs, descriptive columns from DESCRIPTIFS,
or a `config` of `colonne(...)`), with a « Secret » column when some rows are under statistical
secrecy, then its CSV and XLSX downloads; `grille` is the bare st.dataframe with those formats.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from core import indicateurs
from observatoire import formats, masques
from observatoire.layout import regles

# French number formats whatever the browser's language, and numeric sorting: Streamlit's named
# formats ("localized", "euro", "percent") follow the browser's locale (an English browser shows
# "1,234.5" and "€1,234.00"), so they are not used. Whole numbers, euros and rates use a printf
# format, formatted by the browser but with a narrow no-break space as thousands separator
# ("%'\u202f,.0f" → "1 234"; Streamlit's sprintf takes the padding character after ' as the
# separator); rates are shown ×100 with no decimal ("47 %"), as everywhere in the app. printf
# cannot write a decimal comma, so columns with decimals (leverage "×2,9") go through a pandas
# Styler whose display strings come from observatoire.formats while the cells keep their numbers
# (sorting stays numeric); Styler costs about 0,4 s per 45 000 cells, so above MAX_CELLULES_STYLE
# such columns fall back to "localized" (French in a French browser). Downloads keep raw values.
MAX_CELLULES_STYLE = 20_000
_GROUPE = "%'\u202f,.0f"
_PRINTF = {"entier": _GROUPE, "euros": _GROUPE + "\u00a0€", "taux": "%.0f\u00a0%%", "annee": "%d",
           "progression": "%.0f\u00a0%%"}
_STYLE = {"decimal": lambda x: formats.nombre(x, 1), "multiple": formats.multiple}


@dataclass
class Colonne:
    """A column's French header, kind (texte, entier, decimal, multiple, euros, taux, progression,
    annee, date, datetime, booleen, lien), help and extra st.column_config options (pinned, width)."""
    libelle: str
    genre: str = "texte"
    aide: str | None = None
    options: dict = field(default_factory=dict)


def colonne(libelle: str, genre: str = "texte", aide: str | None = None, **options) -> Colonne:
    return Colonne(libelle, genre, aide, options)


def _reglage(c: Colonne, style: bool):
    cc, o = st.column_config, {"help": c.aide, **c.options}
    if c.genre in _PRINTF and c.genre != "progression":
        return cc.NumberColumn(c.libelle, format=_PRINTF[c.genre], **o)
    if c.genre in _STYLE:
        return cc.NumberColumn(c.libelle, format=None if style else "localized", **o)
    if c.genre == "progression":
        return cc.ProgressColumn(c.libelle, format=_PRINTF["progression"], min_value=0, max_value=100, **o)
    if c.genre in ("date", "datetime"):
        kind = cc.DateColumn if c.genre == "date" else cc.DatetimeColumn
        return kind(c.libelle, format="DD/MM/YYYY" if c.genre == "date" else "DD/MM/YYYY HH:mm", **o)
    if c.genre == "booleen":
        return cc.CheckboxColumn(c.libelle, **o)
    return (cc.LinkColumn if c.genre == "lien" else cc.TextColumn)(c.libelle, **o)   # lien: /conventions?convention=…


def grille(df, colonnes: dict[str, Colonne], **options):
    """st.dataframe of a Polars frame with French headers and formats (see above); returns its event."""
    import polars as pl

    regles = {c: colonnes.get(c, Colonne(c)) for c in df.columns}
    taux = [c for c, r in regles.items() if r.genre in ("taux", "progression")]
    vue = df.with_columns([(pl.col(c).cast(pl.Float64) * 100) for c in taux]) if taux else df
    a_styler = {c: r for c, r in regles.items() if r.genre in _STYLE}
    style = bool(a_styler) and df.width * df.height <= MAX_CELLULES_STYLE
    donnees = vue
    if style:
        donnees = vue.to_pandas().style.format(
            {c: _STYLE[r.genre] for c, r in a_styler.items()}, na_rep=formats.MANQUANT)
    config = {c: _reglage(r, style) for c, r in regles.items()}
    return st.dataframe(donnees, column_config=config, hide_index=True, placeholder=formats.MANQUANT, **options)


# Descriptive columns of the KPI tables (indicators come from the registry, core.indicateurs).
DESCRIPTIFS = {
    "libelle": colonne("Territoire"), "code_region": colonne("Code région"),
    "code_departement": colonne("Département"), "code_ze": colonne("Zone d'emploi"),
    "modalite": colonne("Catégorie"), "secret": colonne("Secret"),
}


def avec_secret(df, colonnes: list[str]):
    """(frame, columns) with a « Secret » column showing « s » after the first column when some
    rows are under statistical secrecy (their masked figures are empty); unchanged otherwise."""
    import polars as pl

    if "secret" not in df.columns or df["secret"].is_null().all() or "secret" in colonnes:
        return df, colonnes
    df = df.with_columns(pl.when(pl.col("secret").is_not_null()).then(pl.lit(masques.SYMBOLE)).alias("secret"))
    return df, [*colonnes[:1], "secret", *colonnes[1:]]


def colonne_secret() -> Colonne:
    return colonne("Secret", "texte", masques.infobulle())


def legende_secret(df) -> None:
    """The sentence under a table with masked rows."""
    if "secret" in df.columns and df["secret"].is_not_null().any():
        st.caption(masques.infobulle())


_GENRE_COLONNE = {"entier": "entier", "decimal": "decimal", "euros": "euros", "taux": "taux",
                  "multiple": "multiple", "annee": "annee", "date": "date", "booleen": "booleen", "texte": "texte"}


def colonne_indicateur(code: str, entete: str | None = None, genre: str | None = None,
                       aide: str | None = None, **options) -> Colonne:
    """The table column of an indicator of the registry: header, kind and help defined once."""
    ind = indicateurs.indicateur(code)
    r = regles() if "{" in (ind.titre_tableau + (ind.aide or "")) else {}
    return Colonne(entete or indicateurs.texte(ind.titre_tableau, r), genre or _GENRE_COLONNE[ind.genre],
                   aide or indicateurs.texte(ind.aide, r), options)


def colonne_de(nom: str) -> Colonne | None:
    """The registry's column for `nom` (an indicator, or a descriptive column); None if unknown."""
    if nom in indicateurs.INDICATEURS:
        return colonne_indicateur(nom)
    return DESCRIPTIFS.get(nom)


def libelle_colonne(nom: str) -> str:
    c = colonne_de(nom)
    return c.libelle if c else nom


def tableau(df, colonnes: list[str], nom_export: str, config: dict[str, Colonne] | None = None,
            hauteur: int | str = "auto", cle: str | None = None) -> None:
    """A table of `colonnes` (French headers and formats), then its CSV and XLSX downloads.

    The downloads carry the same columns (raw values) under the same French headers.
    """
    from observatoire import downloads  # local: downloads imports streamlit widgets

    df, colonnes = avec_secret(df, colonnes)
    presentes = [c for c in colonnes if c in df.columns]
    vue = df.select(presentes)
    reglages = {c: colonne_de(c) for c in presentes if colonne_de(c)}
    if "secret" in presentes:
        reglages["secret"] = colonne_secret()
    reglages.update(config or {})
    grille(vue, reglages, height=hauteur, width="stretch")
    legende_secret(vue)
    downloads.boutons(vue.rename({c: reglages[c].libelle if c in reglages else c for c in presentes}),
                      nom_export, cle, entreprise=bool(set(df.columns) & downloads.COLONNES_ENTREPRISE))
