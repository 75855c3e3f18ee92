"""The secrecy engine on the hand-built warehouse: known answers, the library's audit, and the
independent checker on every table (territories, and each breakdown crossed with them)."""
from __future__ import annotations

import polars as pl
import pytest
from secret_stat import appliquer_secret

from core import diffusion, secret
from core.perimetre import PUBLIC, Perimetre
from core.query import query
from tests.secret import verificateur

SANS_FILTRE = {k: None for k in diffusion.FILTRES}


def _statut(cellules: pl.DataFrame, niveau: str, code: str, modalite=None) -> str:
    c = cellules.filter((pl.col("niveau") == niveau) & (pl.col("code") == code)
                        & (pl.col("modalite").is_null() if modalite is None else pl.col("modalite") == modalite))
    assert c.height == 1, (niveau, code, modalite, c)
    return c["statut"][0]


def _publiees_masquees(cellules: pl.DataFrame, dimension):
    publiees, masquees = [], []
    for r in cellules.filter(pl.col("niveau") != secret.INTERIEUR).iter_rows(named=True):
        cle = (r["niveau"], r["code"], r["modalite"])
        (publiees if r["statut"] == "publie" else masquees).append(cle)
    return publiees, masquees


def test_library_alone_masks_one_and_two_firm_zones_fed_one_row_per_firm_and_zone(entrepot_secret):
    """The library on the flat zone table (one row per zone × firm, as the engine feeds it):
    the same primary cells as the engine and as the checker's own count, and its audit passes."""
    unites = query("q_secret_unites", SANS_FILTRE, db=entrepot_secret)
    par_firme = (unites.group_by("code_ze", "unite").agg(pl.col("montant_revitalisation").sum())
                 .with_columns(pl.concat_str("code_ze", "unite").alias("id"), pl.lit(1.0).alias("poids")))
    t = appliquer_secret(par_firme, dims=["code_ze"], stat="somme", var="montant_revitalisation",
                         poids="poids", id_unite="id", seuil_frequence=3, dominance=[(1, 85)],
                         protect_zero=False, auditer=True, progression=False)
    zones = t.filter(pl.col("code_ze") != "Total")
    primaires = set(zones.filter(pl.col("statut") == "primaire")["code_ze"])
    assert primaires == {"9307", "9302", "9312"}      # 1 firm, 2 firms, dominated (euros)
    assert t.filter(pl.col("code_ze") == "Total")["statut"][0] == "publie"
    lignes = verificateur.aides(entrepot_secret)
    attendu = {z for z in {a["code_ze"] for a in lignes}
               if verificateur.regle_primaire_enfreinte(lignes, "zone_emploi", z) and z != "9314"}
    assert primaires == attendu
    moteur = diffusion.tableau(SANS_FILTRE, db=entrepot_secret).cellules
    assert {r["code"] for r in moteur.filter((pl.col("niveau") == "zone_emploi") & pl.col("primaire"))
            .iter_rows(named=True)} == primaires | {"9314"}   # + dominated on jobs


def test_known_answer_primary_cells_and_firm_counted_once(entrepot_secret):
    c = diffusion.tableau(SANS_FILTRE, db=entrepot_secret).cellules
    for niveau, code in [("zone_emploi", "9307"), ("zone_emploi", "9302"), ("zone_emploi", "9312"),
                         ("zone_emploi", "9314"), ("departement", "04"), ("departement", "05"),
                         ("departement", "06"), ("departement", "30"), ("region", "76")]:
        assert _statut(c, niveau, code) == "primaire", (niveau, code)
    for niveau, code in [("zone_emploi", "9313"), ("departement", "13"), ("departement", "83")]:
        assert _statut(c, niveau, code) == "publie", (niveau, code)
    # 83 − 9318 would give K alone (9312's part in 83): the smaller zone goes secondary
    assert _statut(c, "zone_emploi", "9318") == "secondaire"
    assert _statut(c, secret.INTERIEUR, "0053|30") == "primaire"
    n = {(r["niveau"], r["code"]): r["n_unites"] for r in c.iter_rows(named=True)}
    assert n[("departement", "13")] == 11           # A counted once (zones 9313 and 9301)
    assert n[("zone_emploi", "9313")] == 5          # the collective action is its own unit
    assert n[("national", "FR")] == 27
    # traps: France − PACA would give Occitanie (one firm); 0053 − 84 would give Z
    assert "publie" in {_statut(c, "national", "FR"), _statut(c, "region", "93")}
    assert {_statut(c, "national", "FR"), _statut(c, "region", "93")} != {"publie"}
    assert {_statut(c, "zone_emploi", "0053"), _statut(c, "departement", "84")} != {"publie"}


@pytest.mark.parametrize("dimension", [None, *secret.DIMENSIONS])
def test_audit_and_independent_checker_pass_on_every_table(entrepot_secret, dimension):
    t = diffusion.tableau(SANS_FILTRE, dimension, db=entrepot_secret)
    audit = t.auditer()
    assert audit.height > 0 and not audit["recalculable"].any()
    lignes = verificateur.aides(entrepot_secret)
    dim = {"type_aide": "type_aide", "annee": "annee"}.get(dimension)
    publiees, masquees = _publiees_masquees(t.cellules, dimension)
    if dimension in (None, "type_aide", "annee"):   # the checker knows these from the raw tables
        for niveau, code, modalite in publiees:
            assert verificateur.regle_primaire_enfreinte(lignes, niveau, code, dim, modalite) is None, \
                (niveau, code, modalite)
        assert not verificateur.recalculables(lignes, publiees, masquees, dim)
        interieurs = t.cellules.filter((pl.col("niveau") == secret.INTERIEUR) & pl.col("primaire"))
        assert interieurs.height > 0
        for r in interieurs.iter_rows(named=True):     # zone × département links
            ze, dep = r["code"].split("|")
            assert not verificateur.recalculables_interieur(lignes, publiees, ze, dep, dim, r["modalite"]), r


def test_breakdowns_keep_the_territorial_statuses(entrepot_secret):
    base = diffusion.tableau(SANS_FILTRE, db=entrepot_secret).cellules
    for dimension in secret.DIMENSIONS:
        t = diffusion.tableau(SANS_FILTRE, dimension, db=entrepot_secret).cellules
        totaux = t.filter(~pl.col("croise")).select("niveau", "code", "statut").sort("niveau", "code")
        assert totaux.equals(base.select("niveau", "code", "statut").sort("niveau", "code"))


def test_viewer_of_13_sees_13_in_full_and_nothing_else_can_be_rebuilt(entrepot_secret):
    lecteur = Perimetre("lecteur", frozenset({"13"}))
    t = diffusion.tableau(SANS_FILTRE, None, diffusion.vus(lecteur), db=entrepot_secret)
    c = t.cellules
    assert _statut(c, secret.INTERIEUR, "9312|13") == "publie"     # inside 13: known to the viewer
    assert _statut(c, "zone_emploi", "9313") == "publie"
    assert _statut(c, "zone_emploi", "9312") == "primaire"          # straddles 83: still masked
    assert not t.auditer()["recalculable"].any()
    lignes = verificateur.aides(entrepot_secret)
    connues = [(r["niveau"], r["code"], None) for r in c.filter(pl.col("statut") == "publie").iter_rows(named=True)]
    masquees = [(r["niveau"], r["code"], None) for r in c.filter(pl.col("statut").is_in(["primaire", "secondaire"])
                                                                  & (pl.col("niveau") != secret.INTERIEUR)).iter_rows(named=True)]
    assert not verificateur.recalculables(lignes, connues, masquees)


def test_masking_a_frame_and_who_is_subject_to_it(entrepot_secret):
    assert not diffusion.soumis_au_secret(None)
    assert not diffusion.soumis_au_secret(Perimetre("national", None))
    assert diffusion.soumis_au_secret(PUBLIC)
    kpi = query("q_zones_emploi", SANS_FILTRE, db=entrepot_secret)
    masques = diffusion.statuts("zone_emploi", SANS_FILTRE, perimetre=PUBLIC, db=entrepot_secret)
    out = diffusion.masquer(kpi, masques, cle="code_ze")
    ligne = out.filter(pl.col("code_ze") == "9307").row(0, named=True)
    assert ligne["secret"] == "primaire" and ligne["montant_revitalisation"] is None
    assert ligne["euros_par_emploi"] is None and ligne["nb_beneficiaires"] is None
    assert ligne["emplois_supprimes"] is not None                     # published as is
    assert out.filter(pl.col("code_ze") == "9313")["montant_revitalisation"][0] == 415_000
    assert diffusion.statuts("zone_emploi", SANS_FILTRE, perimetre=Perimetre("national", None),
                             db=entrepot_secret).is_empty()


def test_thresholds_are_rules_of_the_warehouse(entrepot_secret):
    r = diffusion.regles(db=entrepot_secret)
    assert (r.frequence_min, r.dominance_pct) == (3, 85)
