"""Property-based tests of the cell parsers (hypothesis): what a person writes is read back.

For generated values: `parse(ecrire(x)) == x` for French numbers (every thousands separator, the
euro sign, negative forms, English exports, the app's own display format), dates (every accepted
form, two-digit years, Excel serials), SIREN (spaces, Excel numbers, a wrong key refused) and commune
codes (Excel-mangled, lower case, spaces); the column parser agrees with the scalar one. For arbitrary
text: a parser returns a value or raises `ParseError` (its documented error, with a French message
quoting the cell), never anything else; the commune resolver returns a code or a message.
A few hundred examples each, with a deadline, so the fast loop stays fast.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from observatoire import formats as fmt
from pipelines.communes import CommuneResolver
from pipelines.contract import DEPARTEMENTS, MODALITES, TYPES_AIDE
from pipelines.parsers import (
    PARSERS,
    ParseError,
    _two_digit_year,
    cle_luhn,
    parse_date,
    parse_decimal,
    parse_departement,
    parse_enum,
    parse_euros,
    parse_int,
    parse_series,
    parse_siren,
)
from tests.fixtures.saisie import (
    EXCEL_EPOCH,
    MILLIERS,
    commune_saisie,
    date_saisie,
    nombre_anglais,
    nombre_fr,
    siren_saisi,
)

REGLAGES = settings(max_examples=200, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
PEU = settings(max_examples=50, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

centimes = st.integers(min_value=0, max_value=10**11).map(lambda c: Decimal(c) / 100)
montants_signes = st.integers(min_value=-(10**11), max_value=10**11).map(lambda c: Decimal(c) / 100)
entiers = st.integers(min_value=-(10**12), max_value=10**12)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
sirens = st.integers(min_value=0, max_value=10**8 - 1).map(lambda n: f"{n:08d}").map(lambda h: h + cle_luhn(h))
# Text near the parsers' own alphabet (digits, separators, signs, units) and any text at all.
presque = st.text(alphabet="0123456789 ,.-+−()/€EURuroe'=\u00a0\u202fTZ:ABab", max_size=30)
textes = st.one_of(presque, st.text(max_size=40))


@REGLAGES
@given(x=centimes, milliers=st.sampled_from(MILLIERS), euro=st.sampled_from(["", "€", "EUR", "euros"]))
def test_montant_ecrit_en_francais_relu(x, milliers, euro):
    texte = nombre_fr(x, milliers, euro=euro)
    if milliers == "." and x < 1000:
        milliers = " "          # no group: nothing to tell; keep the property on the others
    assert parse_euros(texte) == float(x), texte


@REGLAGES
@given(x=montants_signes, signe=st.sampled_from(["-", "\u2212", "()"]), milliers=st.sampled_from(MILLIERS))
def test_nombre_signe_relu(x, signe, milliers):
    texte = nombre_fr(x, milliers, signe=signe)
    assert parse_decimal(texte) == float(x), texte


@REGLAGES
@given(x=montants_signes)
def test_export_anglais_relu(x):
    assert parse_decimal(nombre_anglais(x)) == float(x)


@REGLAGES
@given(n=entiers, milliers=st.sampled_from(MILLIERS))
def test_entier_relu(n, milliers):
    texte = nombre_fr(Decimal(n), milliers, decimales=0)
    if milliers == "." and abs(n) >= 1000 and abs(n) < 10**6:
        texte = nombre_fr(Decimal(n), " ", decimales=0)   # '1.234' alone is a decimal point (documented)
    assert parse_int(texte) == n, texte


@REGLAGES
@given(x=montants_signes, decimales=st.integers(0, 2))
def test_format_affiche_par_l_application_relu(x, decimales):
    """A figure copied from a page (observatoire.formats: narrow no-break spaces, comma) reads back."""
    # the page rounds the float it shows (as round() does); the parser reads that figure exactly
    assert parse_decimal(fmt.nombre(x, decimales)) == round(float(x), decimales)
    if x >= 0:
        assert parse_euros(fmt.euros(x)) == round(float(x))


@REGLAGES
@given(d=dates, forme=st.sampled_from(["jj/mm/aaaa", "jj.mm.aaaa", "jj-mm-aaaa", "iso", "j/m/aaaa"]))
def test_date_relue(d, forme):
    assert parse_date(date_saisie(d, forme)) == d


@REGLAGES
@given(d=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_annee_a_deux_chiffres(d):
    lue = parse_date(date_saisie(d, "jj/mm/aa"))
    assert (lue.month, lue.day, lue.year % 100) == (d.month, d.day, d.year % 100)
    assert lue.year == _two_digit_year(d.year % 100)
    if 2000 <= d.year <= dt.date.today().year + 1:
        assert lue == d


@REGLAGES
@given(d=st.dates(min_value=EXCEL_EPOCH + dt.timedelta(days=20000), max_value=EXCEL_EPOCH + dt.timedelta(days=80000)))
def test_date_serie_excel(d):
    assert parse_date(date_saisie(d, "excel")) == d


@REGLAGES
@given(siren=sirens, forme=st.sampled_from(["brut", "espaces", "insecables", "excel"]))
def test_siren_relu(siren, forme):
    assert parse_siren(siren_saisi(siren, forme)) == siren


@REGLAGES
@given(siren=sirens, faute=st.integers(1, 9))
def test_siren_a_mauvaise_cle_refuse(siren, faute):
    faux = siren[:8] + str((int(siren[8]) + faute) % 10)
    with pytest.raises(ParseError, match="clé de contrôle incorrecte"):
        parse_siren(faux)


@REGLAGES
@given(code=st.sampled_from(sorted(DEPARTEMENTS)))
def test_departement_relu(code):
    assert parse_departement(code) == code
    assert parse_departement(code.lower()) == code
    if code.startswith("0"):
        assert parse_departement(code[1:]) == code          # 1 → 01 (Excel dropped the zero)


@pytest.fixture(scope="module")
def communes():
    resolveur = CommuneResolver.from_files()
    codes = sorted(resolveur._lookup[c] for c in resolveur._lookup)
    return resolveur, sorted(set(codes))


@pytest.fixture(scope="module")
def un_code(communes):
    """A strategy drawing one of the codes, made once: hypothesis labels a `sampled_from` by
    going over its ~35 000 elements, which a strategy built in each example did every time."""
    return st.sampled_from(communes[1])


@REGLAGES
@given(donnees=st.data(), forme=st.sampled_from(["brut", "excel", "excel_decimal", "minuscules", "espaces"]))
def test_code_commune_relu(communes, un_code, donnees, forme):
    resolveur, _codes = communes
    code = donnees.draw(un_code)
    assert resolveur.resolve(commune_saisie(code, forme)) == (code, None)


@PEU
@given(valeurs=st.lists(st.one_of(st.none(), presque, st.sampled_from(["13055", "2a004", "1001.0", "13201"])),
                        max_size=20))
def test_commune_colonne_egale_valeur_par_valeur(communes, valeurs):
    resolveur, _ = communes
    colonne = resolveur.resolve_series(pl.Series("code", valeurs, dtype=pl.String))
    attendu = [resolveur.resolve(v) for v in valeurs]
    assert list(zip(colonne["code_commune"], colonne["erreur"])) == attendu


@REGLAGES
@given(texte=textes)
def test_resolveur_de_commune_ne_plante_jamais(communes, texte):
    code, erreur = communes[0].resolve(texte)
    assert (code is None) != (erreur is None)
    assert erreur is None or isinstance(erreur, str)


@pytest.mark.parametrize("nature", sorted(PARSERS))
@REGLAGES
@given(texte=textes)
@example(texte="9" * 400)          # a float overflow: read as infinity before, now a ParseError
def test_texte_quelconque_donne_une_valeur_ou_parse_error(nature, texte):
    try:
        valeur = PARSERS[nature](texte)
    except ParseError as exc:
        assert exc.message and "«" in exc.message
    else:
        assert valeur is not None
        if isinstance(valeur, float):
            assert valeur == valeur and abs(valeur) != float("inf"), (texte, valeur)


@REGLAGES
@given(texte=textes, choix=st.sampled_from([TYPES_AIDE, MODALITES]))
def test_enum_quelconque_donne_une_valeur_ou_parse_error(texte, choix):
    try:
        assert parse_enum(texte, choix) in choix
    except ParseError as exc:
        assert "«" in exc.message


@PEU
@given(valeurs=st.lists(st.one_of(st.none(), textes, centimes.map(str), sirens), max_size=15),
       nature=st.sampled_from(["euros", "decimal", "int", "date", "siren", "naf", "departement"]))
@example(valeurs=["9" * 400, "12"], nature="euros")
def test_colonne_egale_cellule_par_cellule(valeurs, nature):
    """parse_series (fast Polars path + scalar parser) gives what the scalar parser gives."""
    s = pl.Series("c", valeurs, dtype=pl.String)
    s = s.str.strip_chars(" \t\r\n\u00a0\u202f")
    s = s.set(s == "", None)
    valeurs_lues, erreurs = parse_series(s, nature)
    for brut, valeur, erreur in zip(s.to_list(), valeurs_lues.to_list(), erreurs.to_list()):
        if brut is None:
            assert valeur is None and erreur is None
            continue
        try:
            attendu = PARSERS[nature](brut)
        except ParseError as exc:
            assert (valeur, erreur) == (None, exc.message), brut
        else:
            assert (valeur, erreur) == (attendu, None), brut


@pytest.mark.parametrize("nature, brut", [("euros", "0\x1f"), ("int", "\x1c12"), ("date", "2023-04-12\x1e"),
                                          ("siren", "552100554\x1d")])
def test_un_separateur_de_controle_n_est_pas_une_espace(nature, brut):
    """Python's str.strip() and \\s take \\x1c–\\x1f for spaces, Polars does not: cell by cell and
    as a column, such a cell is refused alike (hypothesis found « 0\\x1f » read as 0 cell by cell)."""
    with pytest.raises(ParseError):
        PARSERS[nature](brut)
    valeurs, erreurs = parse_series(pl.Series("c", [brut]), nature)
    assert valeurs.to_list() == [None] and erreurs[0] is not None
