"""The habilitations file, rule by rule (core.habilitations), the périmètre it yields, and the
read door's refusal of a firm-level query without one."""
from __future__ import annotations

import pytest

from core import habilitations as h
from core.perimetre import ADMINISTRATEUR_LOCAL, PUBLIC, Perimetre

ENTETE = "email;role;departements\n"


def lire(texte: str) -> h.Habilitations:
    return h.lire_texte(ENTETE + texte, "habilitations.csv")


def test_roles_et_departements():
    hab = lire("a@x.fr;administrateur;*\nn@x.fr;national;*\nr@x.fr;redacteur;59,62\n"
               "l@x.fr;lecteur;2A\no@x.fr;lecteur;971\nz@x.fr;lecteur; 5 , 13 \n")
    assert hab.perimetre("a@x.fr") == Perimetre("administrateur", None, "a@x.fr")
    assert hab.perimetre("n@x.fr").departements is None
    r = hab.perimetre("r@x.fr")
    assert (r.role, r.departements) == ("redacteur", frozenset({"59", "62"}))
    assert hab.perimetre("l@x.fr").departements == frozenset({"2A"})
    assert hab.perimetre("o@x.fr").departements == frozenset({"971"})
    assert hab.perimetre("z@x.fr").departements == frozenset({"05", "13"})
    assert r.peut_charger_dans("59") and not r.peut_charger_dans("13")
    assert r.voit_detail("62") and not r.voit_detail("13") and not r.voit_tout
    assert not hab.perimetre("l@x.fr").peut_charger and not hab.perimetre("n@x.fr").peut_charger


def test_email_insensible_a_la_casse_et_inconnu_public():
    hab = lire("Agent.Nord@Exemple.GOUV.fr;lecteur;59\n")
    assert hab.perimetre("agent.nord@exemple.gouv.fr").role == "lecteur"
    assert hab.perimetre(" AGENT.NORD@exemple.gouv.fr ").departements == frozenset({"59"})
    inconnu = hab.perimetre("autre@exemple.gouv.fr")
    assert inconnu.public and inconnu.email == "autre@exemple.gouv.fr" and not inconnu.voit_detail("59")
    assert hab.perimetre(None) == PUBLIC and hab.perimetre("") == PUBLIC


def test_bom_lignes_vides_et_fichier_par_variable(tmp_path, monkeypatch):
    fichier = tmp_path / "hab.csv"
    fichier.write_text("\ufeff" + ENTETE + "\na@x.fr;lecteur;59\n\n", encoding="utf-8")
    monkeypatch.setenv("OBSERVATOIRE_HABILITATIONS", str(fichier))
    assert h.chemin_habilitations() == fichier
    assert h.perimetre_de("A@x.fr").role == "lecteur"
    fichier.write_text(ENTETE + "a@x.fr;redacteur;13\n", encoding="utf-8")   # edits apply at once
    assert h.perimetre_de("a@x.fr").departements == frozenset({"13"})


@pytest.mark.parametrize("contenu, message", [
    ("mail;role;deps\n", "ligne 1 : en-tête attendu « email;role;departements »"),
    ("", "ligne 1 : en-tête attendu"),
    (ENTETE + "a@x.fr;lecteur;59\nb@x.fr;chef;59\n", "ligne 3 : rôle « chef » inconnu"),
    (ENTETE + "pas-un-mail;lecteur;59\n", "ligne 2 : adresse e-mail « pas-un-mail » invalide"),
    (ENTETE + "a@x.fr;lecteur;20\n", "ligne 2 : département « 20 » inconnu"),
    (ENTETE + "a@x.fr;lecteur;59;62\n", "ligne 2 : 3 colonnes attendues"),
    (ENTETE + "a@x.fr;lecteur;\n", "ligne 2 : colonne departements vide"),
    (ENTETE + "a@x.fr;lecteur;59\nA@X.fr;redacteur;13\n", "ligne 3 : a@x.fr figure déjà à la ligne 2"),
])
def test_fichier_invalide_message_francais_avec_la_ligne(contenu, message):
    with pytest.raises(h.HabilitationsInvalides) as err:
        h.lire_texte(contenu, "habilitations.csv")
    assert str(err.value).startswith("habilitations.csv")
    assert message in str(err.value)


def test_fichier_absent(tmp_path):
    with pytest.raises(h.HabilitationsInvalides, match="introuvable"):
        h.lire(tmp_path / "absent.csv")


def test_exemple_commite_est_valide():
    hab = h.lire(h.ROOT / "config" / "habilitations.exemple.csv")
    assert {p.role for p in hab.personnes.values()} == {"administrateur", "national", "redacteur", "lecteur"}


def test_la_porte_refuse_une_requete_par_entreprise_sans_perimetre(sample_warehouse):
    from core import query as door

    with pytest.raises(door.PerimetreManquant):
        door.query("q_detail_convention", {"id_convention": "X"}, db=sample_warehouse)
    with pytest.raises(door.ParametresInvalides):   # the scope is never the caller's to bind
        door.query("q_detail_convention", {"id_convention": "X", "perimetre_departements": None},
                   perimetre=ADMINISTRATEUR_LOCAL, db=sample_warehouse)
    tout = door.query("q_conventions", {"annee_debut": None, "annee_fin": None, "operateur": None,
                                        "type_procedure": None, "departement": None, "code_region": None,
                                        "convention": None, "fonds": None},
                      perimetre=ADMINISTRATEUR_LOCAL, db=sample_warehouse)
    treize = door.query("q_conventions", {"annee_debut": None, "annee_fin": None, "operateur": None,
                                          "type_procedure": None, "departement": None, "code_region": None,
                                          "convention": None, "fonds": None},
                        perimetre=Perimetre("lecteur", frozenset({"13"})), db=sample_warehouse)
    assert treize.height and set(treize["departement"]) == {"13"} and tout.height > treize.height
    assert door.niveau_entreprise("q_conventions") and not door.niveau_entreprise("q_national")
