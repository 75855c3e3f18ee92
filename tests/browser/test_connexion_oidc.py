"""Sign-in for real, in headless Chromium, through a local OpenID Connect provider.

`oidc-provider-mock` (a test OIDC server speaking the real protocol) runs on a free port of
127.0.0.1 with four predefined users; `streamlit run app.py` gets an `[auth]` section pointing at
its discovery document (a secrets file given with --secrets.files) and a habilitations file.
Each user signs in by clicking their name on the provider's page, then the test checks what they
see and what they can load: a lecteur of 59, a redacteur of 13 (who uploads a batch with a row
of 59), a national user (who downloads CSVs: no live formula, no Markdown link), the public
level (an anonymous visitor with OBSERVATOIRE_ACCES_PUBLIC=1) and the local mode (no [auth]).
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_app_browser import ARGS, CHROMIUM, ERREURS, ROOT, _attendre_rendu, _port_libre, _sans_erreur

pytestmark = pytest.mark.browser
LOT = ROOT / "tests" / "app" / "lot_perimetre"
UTILISATEURS = {"lect59": "lect59@exemple.gouv.fr", "redac13": "redac13@exemple.gouv.fr",
                "national": "national@exemple.gouv.fr"}
HABILITATIONS = ("email;role;departements\nlect59@exemple.gouv.fr;lecteur;59\n"
                 "redac13@exemple.gouv.fr;redacteur;13\nnational@exemple.gouv.fr;national;*\n")


def _attendre_http(url: str, proc: subprocess.Popen, delai: float = 60) -> None:
    import time
    import urllib.request

    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if proc.poll() is not None:
            raise RuntimeError(f"le serveur s'est arrêté (code {proc.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} ne répond pas")


def _arreter(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def entrepot(empty_warehouse, tmp_path_factory) -> Path:
    from pipelines.ingest import ingerer_lot

    db = tmp_path_factory.mktemp("wh_oidc") / "warehouse.duckdb"
    shutil.copy2(empty_warehouse, db)
    assert not ingerer_lot(db, LOT).refused
    return db


@pytest.fixture(scope="module")
def fournisseur(tmp_path_factory):
    """The OIDC provider on a free port of 127.0.0.1, stopped after the module."""
    port = _port_libre()
    args = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    for sub, email in UTILISATEURS.items():
        args += ["--user-claims", json.dumps({"sub": sub, "email": email})]
    journal = open(tmp_path_factory.mktemp("oidc") / "oidc.log", "wb")
    proc = subprocess.Popen(args, cwd=ROOT, stdout=journal, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _attendre_http(f"{url}/.well-known/openid-configuration", proc)
        yield url
    finally:
        _arreter(proc)
        journal.close()


@pytest.fixture
def lancer(entrepot, copy_of, tmp_path):
    """lancer(auth=…, public=…) -> (url, db) of a streamlit server, stopped after the test."""
    procs = []

    def _lancer(fournisseur_url: str | None, public: bool = False):
        db = copy_of(entrepot)
        port = _port_libre()
        dossier = tmp_path / f"srv{port}"
        dossier.mkdir()
        (dossier / "habilitations.csv").write_text(HABILITATIONS, encoding="utf-8")
        secrets = dossier / "secrets.toml"
        if fournisseur_url:
            secrets.write_text(
                "[auth]\n"
                f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
                'cookie_secret = "un-secret-de-test-assez-long-pour-signer"\n'
                'client_id = "observatoire"\nclient_secret = "secret-client"\n'
                f'server_metadata_url = "{fournisseur_url}/.well-known/openid-configuration"\n', encoding="utf-8")
        else:
            secrets.write_text("", encoding="utf-8")
        env = {**os.environ, "OBSERVATOIRE_DB": str(db), "PYTHONUNBUFFERED": "1",
               "OBSERVATOIRE_HABILITATIONS": str(dossier / "habilitations.csv"),
               "OBSERVATOIRE_JOURNAL": str(dossier / "journal.csv")}
        env.pop("OBSERVATOIRE_ACCES_PUBLIC", None)
        if public:
            env["OBSERVATOIRE_ACCES_PUBLIC"] = "1"
        log = open(dossier / "streamlit.log", "wb")
        proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/streamlit"), "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none", "--secrets.files", str(secrets)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        procs.append((proc, log))
        url = f"http://127.0.0.1:{port}"
        _attendre_http(f"{url}/_stcore/health", proc)
        return url, db, dossier
    yield _lancer
    for proc, log in procs:
        _arreter(proc)
        log.close()


def _texte(page) -> str:
    return page.locator('[data-testid="stApp"]').inner_text()


def _ouvrir(page, url: str, chemin: str) -> str:
    page.goto(f"{url}/{chemin}")
    page.wait_for_selector('[data-testid="stMain"] h1')
    _attendre_rendu(page)
    _sans_erreur(page, chemin)
    return _texte(page)


def _se_connecter(navigateur, url: str, sub: str):
    contexte = navigateur.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = contexte.new_page()
    page.set_default_timeout(30000)
    page.goto(url)
    _attendre_rendu(page)
    assert "réservé aux agents habilités" in _texte(page)
    page.get_by_role("button", name="Se connecter").first.click()
    page.wait_for_selector(f'button[name="sub"][value="{sub}"]')
    page.click(f'button[name="sub"][value="{sub}"]')
    page.wait_for_url(f"{url}/**")
    _attendre_rendu(page)
    page.wait_for_selector(f'text=Connecté : {UTILISATEURS[sub]}')
    return contexte, page


def _csv(page, rang: int, dans=None) -> list[list[str]]:
    """Rows of the `rang`-th CSV download of the page (or of the locator `dans`), as a user gets it."""
    with page.expect_download() as attente:
        (dans or page).get_by_role("button", name="CSV", exact=True).nth(rang).click()
    contenu = Path(attente.value.path()).read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(contenu), delimiter=";"))


def test_connexion_par_role(fournisseur, lancer, tmp_path, test_output):
    from playwright.sync_api import sync_playwright

    url, db, dossier = lancer(fournisseur)
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            ctx, page = _se_connecter(navigateur, url, "lect59")
            assert "Visible59" in _ouvrir(page, url, "conventions?convention=C59")
            liste = "\n".join(";".join(r) for r in _csv(page, 0))      # the list, as downloaded
            assert "Visible59" in liste and "Secret13" not in liste and "Secret62" not in liste
            texte = _ouvrir(page, url, "conventions?convention=C13")
            assert "Secret13" not in texte and "Cliquez sur une ligne" in texte
            _ouvrir(page, url, "carte?niveau=zone_emploi&zone=3213")
            page.get_by_role("tab", name="Entreprises et actions aidées").click()
            aides = "\n".join(";".join(r) for r in _csv(page, 0, page.locator('[role="tabpanel"]:visible')))
            assert "Beneficiaire Fonds Visible59" in aides
            assert "Secret62" not in aides and "Oye Visible59" not in aides
            texte = _ouvrir(page, url, "donnees")
            assert page.locator('[data-testid="stFileUploader"]').count() == 0
            assert "ne permet pas de charger" in texte
            page.screenshot(path=str(test_output / "oidc_lecteur59_donnees.png"), full_page=True)
            ctx.close()

            ctx, page = _se_connecter(navigateur, url, "redac13")
            assert "Secret13 Provence" in _ouvrir(page, url, "conventions?convention=C13")
            liste = "\n".join(";".join(r) for r in _csv(page, 0))
            assert "Secret13" in liste and "Visible59" not in liste and "Secret62" not in liste
            assert "Visible59" not in _ouvrir(page, url, "conventions?convention=C59")
            _ouvrir(page, url, "donnees")
            lot = tmp_path / "fonds.csv"
            lot.write_text("id_fonds;nom;departement;gestionnaire\nF13B;Fonds Sud;13;Op\nF59B;Fonds Nord;59;Op\n",
                           encoding="utf-8")
            page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(lot))
            page.get_by_role("button", name="Charger ce lot").click()
            page.wait_for_selector("text=Lot chargé", timeout=120000)
            _attendre_rendu(page)
            assert "1 lignes chargées, 1 rejetées" in _texte(page).replace("\u202f", " ")
            quarantaine = "\n".join(";".join(r) for r in _csv(page, 0))   # the rows of their own batch
            assert "département 59 hors de votre périmètre (13)" in quarantaine
            page.screenshot(path=str(test_output / "oidc_redacteur13_chargement.png"), full_page=True)
            ctx.close()

            ctx, page = _se_connecter(navigateur, url, "national")
            texte = _ouvrir(page, url, "conventions?convention=C59")
            assert "**X** [clic](https://exemple.fr) Visible59 — convention C59" in texte
            liste = "\n".join(";".join(r) for r in _csv(page, 0))
            assert all(n in liste for n in ("Visible59", "Secret13", "Secret62"))
            assert page.locator('a[href^="https://exemple.fr"]').count() == 0
            lignes = _csv(page, 1)          # the aids of C59
            cellules = [c for r in lignes for c in r]
            assert {"'-Moins Visible59", "'+33 Visible59", "'@Arobase Visible59"} <= set(cellules)
            assert not [c for c in cellules if c[:1] in "=+@\t\r" and c]
            montants = [r[lignes[0].index("Revitalisation")] for r in lignes[1:]
                        if "Revitalisation" in lignes[0]]
            assert all(m.replace(",", "").replace("-", "").isdigit() for m in montants if m)
            _ouvrir(page, url, "donnees")
            assert page.locator('[data-testid="stFileUploader"]').count() == 0
            quarantaine = [c for r in _csv(page, 0) for c in r]
            assert "'=HYPERLINK(\"http://x\") Visible59" in quarantaine
            assert not [c for c in quarantaine if c.startswith("=")]
            ctx.close()
        finally:
            navigateur.close()
    journal = (dossier / "journal.csv").read_text(encoding="utf-8")
    for email in UTILISATEURS.values():
        assert f";connexion;{email};" in journal
    assert ";chargement;redac13@exemple.gouv.fr;redacteur;13;" in journal
    assert ";telechargement;national@exemple.gouv.fr;" in journal


def test_niveau_public_et_mode_local(fournisseur, lancer):
    from playwright.sync_api import sync_playwright

    public, _, _ = lancer(fournisseur, public=True)
    local, _, _ = lancer(None)
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = navigateur.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(30000)
            assert "réservé aux agents habilités" in _ouvrir(page, public, "conventions")
            for chemin in ("nationale", "conventions?convention=C59", "fonds?fonds=F59",
                           "carte?niveau=zone_emploi&zone=3213", "territoire?departement=59", "donnees"):
                texte = _ouvrir(page, public, chemin)
                assert "Visible59" not in texte and "Secret" not in texte, chemin
                assert page.locator(ERREURS).count() == 0
            assert page.get_by_role("button", name="Se connecter").count() >= 1
            texte = _ouvrir(page, local, "conventions")
            assert "Mode local : pas d'authentification" in texte
            liste = "\n".join(";".join(r) for r in _csv(page, 0))
            assert all(n in liste for n in ("Visible59", "Secret13", "Secret62"))
        finally:
            navigateur.close()
