"""Who sees what, page by page: a signed-in lecteur of 59, a redacteur of 13, a national user, a
public visitor, on a warehouse holding firms of 59, 62 and 13 (tests/app/lot_perimetre).

The app runs for real (AppTest of app.py) with an `[auth]` section and the signed-in identity
AppTest provides as `st.user` (the browser test signs in through a real OIDC provider instead);
the périmètre comes from a real habilitations file. Every text, table, option and CSV download
of every page is collected and searched for the firm names of the other départements.
"""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from core.perimetre import Perimetre
from tests.fixtures.ecran import cliquer_les_telechargements, table
from tests.fixtures.entrepot import une_fois

ICI = Path(__file__).resolve().parent
LOT = ICI / "lot_perimetre"
HABILITATIONS = (
    "email;role;departements\n"
    "Lect59@Exemple.gouv.fr;lecteur;59\n"
    "redac13@exemple.gouv.fr;redacteur;13\n"
    "national@exemple.gouv.fr;national;*\n"
    "admin@exemple.gouv.fr;administrateur;*\n")
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "secret-de-test",
        "client_id": "observatoire", "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
PAGES = [("ecrans/nationale.py", {}), ("ecrans/carte.py", {"niveau": "zone_emploi", "zone": "3213"}),
         ("ecrans/territoire.py", {"departement": "59"}), ("ecrans/territoire.py", {"departement": "13"}),
         ("ecrans/conventions.py", {"convention": "C59"}), ("ecrans/conventions.py", {"convention": "C13"}),
         ("ecrans/conventions.py", {"convention": "C62"}), ("ecrans/fonds.py", {"fonds": "F59"}),
         ("ecrans/donnees.py", {}), ("ecrans/methodologie.py", {})]
NOMS = {"59": ("Visible59",), "62": ("Secret62",), "13": ("Secret13",)}


@pytest.fixture(scope="module")
def entrepot(empty_warehouse, tmp_path_factory) -> Path:
    """The empty warehouse plus lot_perimetre, built once per run (une_fois); the pages only read it."""
    from pipelines.ingest import ingerer_lot

    def construire(db: Path) -> None:
        shutil.copy2(empty_warehouse, db)
        rapport = ingerer_lot(db, LOT)
        assert not rapport.refused and rapport.nb_rejetes == 3, rapport.summary_fr()
    return une_fois(tmp_path_factory, "entrepot_perimetre.duckdb", construire)


@pytest.fixture
def habilitations(tmp_path, monkeypatch) -> Path:
    fichier = tmp_path / "habilitations.csv"
    fichier.write_text(HABILITATIONS, encoding="utf-8")
    monkeypatch.setenv("OBSERVATOIRE_HABILITATIONS", str(fichier))
    monkeypatch.setenv("OBSERVATOIRE_JOURNAL", str(tmp_path / "journal.csv"))
    return fichier


@pytest.fixture
def csv_servis(monkeypatch) -> list[bytes]:
    """Every CSV the page offers for download: the bytes a click on each CSV button gets (the
    callable the page gives the button, run; tests/fixtures/ecran.py)."""
    return cliquer_les_telechargements(monkeypatch, [], ".csv")


@pytest.fixture
def ouvrir(app, entrepot, habilitations, csv_servis):
    """ouvrir(email, page, params) -> AppTest of that page for that signed-in person (None: not signed in)."""
    def _ouvrir(email: str | None, page: str, params: dict | None = None, public: bool = False):
        at = app(entrepot, params)
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": True, "email": email} if email else {"is_logged_in": False}
        at.switch_page(page).run()
        assert not at.exception, (email, page, at.exception)
        return at
    return _ouvrir


def _elements(bloc):
    yield bloc
    for enfant in getattr(bloc, "children", {}).values():
        yield from _elements(enfant)


def tout_le_texte(at, csvs: list[bytes]) -> str:
    """Every text the page shows (main and sidebar), its tables, options, and CSV downloads."""
    morceaux = []
    for racine in (at.main, at.sidebar):
        for e in _elements(racine):
            if e.type == "arrow_data_frame":
                morceaux.append(e.value.to_csv())
            elif e.type == "html":
                morceaux.append(e.proto.body)
            elif hasattr(e, "options"):
                morceaux.extend(str(o) for o in e.options)
            for attribut in ("value", "label", "body"):
                v = getattr(e, attribut, None) if e.type != "arrow_data_frame" else None
                if isinstance(v, str):
                    morceaux.append(v)
    morceaux.extend(c.decode("utf-8") for c in csvs)
    return "\n".join(morceaux)


def _parcourir(ouvrir, csv_servis, email):
    for page, params in PAGES:
        csv_servis.clear()
        at = ouvrir(email, page, params)
        yield page, params, at, tout_le_texte(at, csv_servis)


@pytest.mark.parametrize("email, voit, ne_voit_pas", [
    ("lect59@exemple.gouv.fr", ["59"], ["62", "13"]),
    ("REDAC13@exemple.gouv.fr", ["13"], ["59", "62"]),
    ("national@exemple.gouv.fr", ["59", "62", "13"], []),
    ("inconnu@exemple.gouv.fr", [], ["59", "62", "13"]),
])
def test_aucune_page_ne_montre_une_ligne_hors_du_perimetre(ouvrir, csv_servis, email, voit, ne_voit_pas):
    vus = set()
    for page, params, _at, texte in _parcourir(ouvrir, csv_servis, email):
        for dep in ne_voit_pas:
            for nom in NOMS[dep]:
                assert nom not in texte, f"{email} voit {nom} (département {dep}) sur {page} {params}"
        vus |= {dep for dep in NOMS if any(n in texte for n in NOMS[dep])}
    assert vus == set(voit), f"{email} voit les entreprises de {sorted(vus)}"


def test_zone_a_cheval_seules_les_aides_situees_dans_le_perimetre(ouvrir):
    """Dunkerque (3213) straddles 59 and 62: a lecteur of 59 sees the aids located in 59 only,
    even the one of a 59 convention located in Oye-Plage (62); national sees them all."""
    noms = {}
    for email in ("lect59@exemple.gouv.fr", "national@exemple.gouv.fr"):
        at = ouvrir(email, "ecrans/carte.py", {"niveau": "zone_emploi", "zone": "3213"})
        noms[email] = set(table(at, "nom_beneficiaire")["nom_beneficiaire"])
    assert noms["national@exemple.gouv.fr"] >= {"Oye Visible59", "Secret62 Oye Plage", "Beneficiaire Fonds Visible59"}
    assert "Beneficiaire Fonds Visible59" in noms["lect59@exemple.gouv.fr"]
    assert not noms["lect59@exemple.gouv.fr"] & {"Oye Visible59", "Secret62 Oye Plage"}


def test_chargement_et_journal_selon_le_role(ouvrir):
    lecteur = ouvrir("lect59@exemple.gouv.fr", "ecrans/donnees.py")
    assert not lecteur.get("file_uploader")
    assert any("ne permet pas de charger" in i.value for i in lecteur.info)
    redacteur = ouvrir("redac13@exemple.gouv.fr", "ecrans/donnees.py")
    assert redacteur.get("file_uploader")
    quarantaine = table(redacteur, "message")
    assert set(quarantaine["departement"]) == {"13"} and "-5" in set(quarantaine["valeur"])
    assert not [s for s in redacteur.subheader if s.value == "Journal des accès"]
    admin = ouvrir("admin@exemple.gouv.fr", "ecrans/donnees.py")
    assert [s for s in admin.subheader if s.value == "Journal des accès"]
    journal = table(admin, "evenement")
    assert {"lect59@exemple.gouv.fr", "redac13@exemple.gouv.fr", "admin@exemple.gouv.fr"} <= set(journal["email"])
    assert set(journal["evenement"]) == {"connexion"}


def test_dossier_copil_d_un_autre_departement_refuse(ouvrir, entrepot):
    from observatoire.copil.collect import CopilError, CopilParams, collect_pack

    at = ouvrir("lect59@exemple.gouv.fr", "ecrans/territoire.py", {"departement": "13"})
    assert any("Dossier diffusable" in c.value for c in at.caption)   # only the aggregate pack is offered
    lecteur = Perimetre("lecteur", frozenset({"59"}), "lect59@exemple.gouv.fr")
    with pytest.raises(CopilError, match="département 13 est hors de votre périmètre"):
        collect_pack(CopilParams("13", 2022), entrepot, lecteur)
    public13 = collect_pack(CopilParams("13", 2022, diffusable=True), entrepot, lecteur)
    assert public13.conventions.is_empty()
    pack = collect_pack(CopilParams("59", 2022), entrepot, lecteur)
    assert set(pack.conventions["departement"]) == {"59"} and pack.fonds["id_fonds"].to_list() == ["F59"]
    ouvert = ouvrir("lect59@exemple.gouv.fr", "ecrans/territoire.py", {"departement": "59"})
    assert [b for b in ouvert.button if b.label == "Générer le dossier COPIL"]


def test_nom_hostile_affiche_tel_quel_jamais_en_markdown(ouvrir, csv_servis):
    at = ouvrir("national@exemple.gouv.fr", "ecrans/conventions.py", {"convention": "C59"})
    titres = [e.proto.body for e in _elements(at.main) if e.type == "html" and e.proto.body.startswith("<h")]
    assert titres and "**X** [clic](https://exemple.fr) Visible59 — convention C59" in titres[0]
    for e in _elements(at.main):
        if e.type in ("markdown", "caption", "alert", "subheader", "header"):
            assert "Visible59" not in str(getattr(e, "value", "")), e
        if e.type == "html":
            assert "<a" not in e.proto.body and "<b>" not in e.proto.body
    cellules = [c for contenu in csv_servis for r in csv.reader(io.StringIO(contenu.decode("utf-8-sig")),
                                                                 delimiter=";") for c in r]
    assert "'-Moins Visible59" in cellules and "'+33 Visible59" in cellules and "'@Arobase Visible59" in cellules
    assert not [c for c in cellules if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [c for c in cellules if c[:1] == "-" and not c.lstrip("-").replace(",", "").isdigit()]


def test_quarantaine_exportee_sans_formule(ouvrir, csv_servis):
    ouvrir("admin@exemple.gouv.fr", "ecrans/donnees.py")
    cellules = [c for contenu in csv_servis for r in csv.reader(io.StringIO(contenu.decode("utf-8-sig")),
                                                                 delimiter=";") for c in r]
    assert "'=HYPERLINK(\"http://x\") Visible59" in cellules
    assert not [c for c in cellules if c.startswith("=")]


def test_visiteur_non_connecte_page_de_connexion(ouvrir, app, entrepot, habilitations):
    at = app(entrepot)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    assert [b for b in at.button if b.label == "Se connecter"]
    assert not at.metric and not at.dataframe


def test_ligne_de_commande_copil_refuse_hors_perimetre(entrepot, habilitations, tmp_path):
    """The COPIL command line's main, in this process (tests/fixtures/commande.py; the real process
    is started by tests/copil/test_cli_ui.py), reads the same habilitations file."""
    from observatoire.copil.__main__ import main
    from tests.fixtures.commande import lancer

    def copil(email, dep):
        return lancer(main, "--departement", dep, "--annee", "2022", "--out", str(tmp_path / dep),
                      "--db", str(entrepot), "--utilisateur", email)
    refus = copil("lect59@exemple.gouv.fr", "13")
    assert refus.returncode == 1 and "dossier COPIL du département 13 est hors de votre périmètre (59)" in refus.stderr
    assert "--diffusable" in refus.stderr
    assert not (tmp_path / "13").exists()
    ok = copil("lect59@exemple.gouv.fr", "59")
    assert ok.returncode == 0, ok.stderr
    assert sorted(p.suffix for p in (tmp_path / "59").iterdir()) == [".pdf", ".xlsx"]
    assert ";dossier_copil;lect59@exemple.gouv.fr;lecteur;59;" in Path(habilitations.parent / "journal.csv").read_text()
