"""Loading within one's périmètre, through the real command line `--utilisateur EMAIL`.

A redacteur of 59 and 62 loads rows of 59, 62 and 13: the 13 ones go to quarantine with
"département 13 hors de votre périmètre (59, 62)", whatever dataset carries the département
(convention, fund, restructuring site, aid via its convention or fund, follow-up via its aid, a
dotation via its convention), also when the referenced row is already in the warehouse; a
correction of a row of 13 is refused the same way; lecteur and national cannot load (exit 4).
Each case compares the whole warehouse before and after (tests/fixtures/entrepot.snapshot).
The command's `main` runs in this process (tests/fixtures/commande.py), with the environment a
child would get; tests/pipelines/test_ingest_cli.py starts the real process.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest import main
from tests.fixtures.commande import lancer
from tests.fixtures.entrepot import lire as query
from tests.fixtures.entrepot import snapshot
from tests.fixtures.lots import ecrire_csv as write_csv

HAB = ("email;role;departements\nredac@exemple.gouv.fr;redacteur;62,59\nlect@exemple.gouv.fr;lecteur;59\n"
       "nat@exemple.gouv.fr;national;*\nredac13@exemple.gouv.fr;redacteur;13\n")
HORS = "département 13 hors de votre périmètre (59, 62)"
R = "id_restructuration;siren;raison_sociale;code_commune;date_notification;type_procedure;emplois_supprimes"
C = "id_convention;id_restructuration;date_signature;duree_mois;departement;montant_engage;modalite;objectif_emplois"
A = ("id_aide;id_convention;id_fonds;nom_beneficiaire;code_commune;type_aide;date_decision;"
     "montant_revitalisation;emplois_prevus")


@pytest.fixture
def env(tmp_path):
    """The command's environment: this test's habilitations file and journal, no OBSERVATOIRE_DB."""
    fichier = tmp_path / "habilitations.csv"
    fichier.write_text(HAB, encoding="utf-8")
    return {"OBSERVATOIRE_DB": None, "OBSERVATOIRE_HABILITATIONS": str(fichier),
            "OBSERVATOIRE_JOURNAL": str(tmp_path / "journal.csv")}


def ingest(env, lot, db, *args):
    """`python -m pipelines.ingest LOT --db DB …`, its `main` run in this process with `env`."""
    return lancer(main, str(lot), "--db", str(db), *args, env=env)


def _lot_mixte(dossier: Path) -> Path:
    write_csv(dossier, "restructurations.csv", [R, "R59;552100554;Nord SA;59183;2021-03-01;PSE;10",
                                                "R13;542051180;Sud SA;13055;2021-03-01;PSE;10"])
    write_csv(dossier, "conventions.csv", [C, "C59;R59;2021-06-01;36;59;40000;DIRECTE;10",
                                           "C13;R59;2021-06-01;36;13;40000;DIRECTE;10"])
    write_csv(dossier, "fonds.csv", ["id_fonds;nom;departement;gestionnaire", "F62;Fonds 62;62;Op",
                                     "F13;Fonds 13;13;Op"])
    write_csv(dossier, "aides.csv", [A, "A59;C59;;Aide Nord;59183;SUBVENTION;2021-09-01;1000;1",
                                     "A62;;F62;Aide Pas-de-Calais;62193;SUBVENTION;2021-09-01;1000;1",
                                     "A13F;;F13;Aide fonds 13;59183;SUBVENTION;2021-09-01;1000;1"])
    return dossier


def test_redacteur_lignes_hors_perimetre_en_quarantaine(empty_warehouse, copy_of, tmp_path, env):
    db = copy_of(empty_warehouse)
    avant = snapshot(db)
    res = ingest(env, _lot_mixte(tmp_path / "lot"), db, "--utilisateur", "Redac@Exemple.gouv.fr")
    assert res.returncode == 0, res.stderr
    assert query(db, "SELECT id_convention FROM conventions") == [("C59",)]
    assert query(db, "SELECT id_fonds FROM fonds") == [("F62",)]
    assert sorted(query(db, "SELECT id_aide FROM aides")) == [("A59",), ("A62",)]
    assert query(db, "SELECT id_restructuration FROM restructurations") == [("R59",)]
    rejets = query(db, "SELECT dataset, cle, departement, message FROM quarantine ORDER BY dataset, cle")
    assert [(d, c, dep) for d, c, dep, _ in rejets] == [
        ("aides", "A13F", "13"), ("conventions", "C13", "13"), ("fonds", "F13", "13"),
        ("restructurations", "R13", "13")]
    assert all(HORS in m for *_, m in rejets)
    assert HORS in res.stdout
    assert query(db, "SELECT utilisateur, role FROM ingestion_log") == [("redac@exemple.gouv.fr", "redacteur")]
    apres = snapshot(db)
    changes = {t for t in apres if apres[t] != avant.get(t)}
    assert changes <= {"restructurations", "conventions", "fonds", "aides", "quarantine", "ingestion_log",
                       "signalements"} | {t for t in apres if t.startswith("int_")}


def test_reference_a_une_ligne_de_13_deja_dans_l_entrepot(empty_warehouse, copy_of, tmp_path, env):
    """An aid, a follow-up and a dotation referencing rows of 13 already loaded are refused to a
    redacteur of 59/62; correcting the 13 convention (even moving it to 59) is refused too."""
    db = copy_of(empty_warehouse)
    base = tmp_path / "base"
    write_csv(base, "restructurations.csv", [R, "R13;542051180;Sud SA;13055;2021-03-01;PSE;10"])
    write_csv(base, "conventions.csv", [C, "C13;R13;2021-06-01;36;13;40000;DIRECTE;10"])
    write_csv(base, "fonds.csv", ["id_fonds;nom;departement;gestionnaire", "F59;Fonds 59;59;Op"])
    write_csv(base, "aides.csv", [A, "A13;C13;;Aide Sud;13055;SUBVENTION;2021-09-01;1000;1"])
    assert ingest(env, base, db, "--utilisateur", "redac13@exemple.gouv.fr").returncode == 0
    avant = snapshot(db)
    lot = tmp_path / "lot"
    write_csv(lot, "conventions.csv", [C, "C13;R13;2021-06-01;36;59;99999;DIRECTE;10"])
    write_csv(lot, "dotations.csv", ["id_convention;id_fonds;montant;date_versement", "C13;F59;500;2022-01-01"])
    write_csv(lot, "aides.csv", [A, "A13B;C13;;Aide Sud 2;59183;SUBVENTION;2021-09-01;1000;1"])
    write_csv(lot, "suivi_emplois.csv", ["id_aide;date_constat;emplois_crees", "A13;2022-06-01;3"])
    res = ingest(env, lot, db, "--utilisateur", "redac@exemple.gouv.fr")
    assert res.returncode == 0, res.stderr
    apres = snapshot(db)
    for t in ("restructurations", "conventions", "fonds", "dotations", "aides", "suivi_emplois"):
        assert apres[t] == avant[t], t
    rejets = query(db, "SELECT dataset, cle, message FROM quarantine JOIN ingestion_log USING (batch_id) "
                       "WHERE utilisateur = 'redac@exemple.gouv.fr' ORDER BY dataset")
    assert [(d, c) for d, c, _ in rejets] == [("aides", "A13B"), ("conventions", "C13"),
                                              ("dotations", "C13|F59|2022-01-01"), ("suivi_emplois", "A13|2022-06-01")]
    assert all(HORS in m for *_, m in rejets)
    assert "la convention C13, déjà dans l'entrepôt, relève de ce département" in rejets[1][2]


@pytest.mark.parametrize("email, qui", [("lect@exemple.gouv.fr", "rôle lecteur"),
                                        ("nat@exemple.gouv.fr", "rôle national"),
                                        ("absent@exemple.gouv.fr", "sans habilitation")])
def test_lecteur_national_et_inconnu_ne_chargent_pas(empty_warehouse, copy_of, tmp_path, env, email, qui):
    db = copy_of(empty_warehouse)
    avant = db.read_bytes()
    res = ingest(env, _lot_mixte(tmp_path / "lot"), db, "--utilisateur", email)
    assert res.returncode == 4
    assert f"{email} ({qui}) n'a pas le droit de charger des lots" in res.stderr
    assert "Traceback" not in res.stderr + res.stdout
    assert db.read_bytes() == avant
    journal = (Path(env["OBSERVATOIRE_JOURNAL"])).read_text(encoding="utf-8")
    assert f";chargement;{email};" in journal and "refusé" in journal


def test_sans_utilisateur_administrateur_local_et_fichier_invalide(empty_warehouse, copy_of, tmp_path, env):
    db = copy_of(empty_warehouse)
    res = ingest(env, _lot_mixte(tmp_path / "lot"), db)
    assert res.returncode == 0, res.stderr
    assert query(db, "SELECT count(*) FROM quarantine") == [(0,)]
    assert query(db, "SELECT utilisateur, role FROM ingestion_log") == [("local", "administrateur")]
    Path(env["OBSERVATOIRE_HABILITATIONS"]).write_text("email;role;departements\nx@y.fr;chef;59\n", encoding="utf-8")
    res = ingest(env, tmp_path / "lot", db, "--utilisateur", "x@y.fr")
    assert res.returncode == 2
    assert "ligne 2 : rôle « chef » inconnu" in res.stderr
