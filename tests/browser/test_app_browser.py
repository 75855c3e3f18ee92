"""End to end in headless Chromium: the real app, every page, a click on the map, an upload.

Starts `streamlit run app.py` on a free port against a copy of the sample warehouse, drives it
with Playwright's sync API (Debian's /usr/bin/chromium, no download), saves a full-page
screenshot of every step under test-output/screenshots/, and fails on any Streamlit exception
box or error alert. Accessibility: axe-core (axe-playwright-python) runs the WCAG 2.1 A/AA
rules on every page, on the map with a zone open, on a convention's detail and on the upload
result, and the test fails on any serious or critical violation; every page is in French
(`lang="fr"`, the upload widget's texts); a keyboard walk checks that the menu and the controls
are reached with Tab, each with a visible focus outline, and that the map's territory can be
chosen without a mouse; the Échéances page's .ics download parses back to as many events as it
announces. Run with `pytest -m browser tests/browser`.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from observatoire import calendrier
from tests.fixtures.lots import EXEMPLE, ecrire_lot

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
PAGES = [("nationale", "Vue nationale"), ("carte", "Carte des bassins d'emploi"),
         ("territoire", "Territoire"), ("echeances", "Échéances"), ("conventions", "Conventions"), ("fonds", "Fonds mutualisés"),
         ("donnees", "Données"), ("methodologie", "Méthodologie"), ("accessibilite", "Accessibilité")]
MENU = ".st-key-menu"  # the app's menu (app.py draws it with st.page_link)
ERREURS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _attendre_serveur(url: str, proc: subprocess.Popen, delai: float = 60) -> None:
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit s'est arrêté (code {proc.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit ne répond pas")


def _attendre_rendu(page, delai_ms: int = 30000) -> None:
    """Wait until the script run is over: no 'running' widget for a short while."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=delai_ms)
    # the run has begun: the app's menu, which every page draws first, is there (on a slow machine
    # the first run could start after a second of calm, and the menu was still empty: CI, 2 Dec.)
    page.locator(f"{MENU} a").first.wait_for(state="attached", timeout=delai_ms)
    fin = time.monotonic() + delai_ms / 1000
    calme = 0
    while time.monotonic() < fin and calme < 4:
        en_cours = page.locator('[data-testid="stStatusWidget"]').count() > 0
        calme = 0 if en_cours else calme + 1
        page.wait_for_timeout(250)


def _sans_erreur(page, etape: str) -> None:
    erreurs = page.locator(ERREURS)
    if erreurs.count():
        pytest.fail(f"{etape} : {erreurs.first.inner_text()[:500]}")
    if page.get_by_text("Page not found").count():
        pytest.fail(f"{etape} : Streamlit affiche « Page not found » pour {page.url}")


AXE_REGLES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}


def _axe(page, etape: str, constats: list[str]) -> None:
    """Run axe-core on the page as it is; record every serious or critical WCAG 2.1 A/AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_timeout(500)  # late layout (charts) settles, colours are final
    reponse = Axe().run(page, options=AXE_REGLES).response
    for v in reponse["violations"]:
        if v["impact"] in ("serious", "critical"):
            cibles = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
            constats.append(f"{etape} : {v['id']} ({v['impact']}, {len(v['nodes'])} nœud(s)) — {v['help']} — {cibles}")


def _en_francais(page, etape: str) -> None:
    assert page.evaluate("document.documentElement.lang") == "fr", f"{etape} : la page n'est pas en lang=fr"


def _photo(page, dossier: Path, nom: str) -> None:
    """Full-page screenshot: Streamlit scrolls inside its main block, so grow the window to it."""
    taille = page.viewport_size
    hauteur = page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                            " return m ? m.scrollHeight : document.body.scrollHeight; }")
    page.set_viewport_size({"width": taille["width"], "height": max(taille["height"], min(hauteur, 8000))})
    page.wait_for_timeout(800)
    page.screenshot(path=str(dossier / f"{nom}.png"), full_page=True)
    page.set_viewport_size(taille)


@pytest.fixture
def serveur(sample_warehouse, copy_of):
    db = copy_of(sample_warehouse)
    port = _port_libre()
    env = {**os.environ, "OBSERVATOIRE_DB": str(db), "PYTHONUNBUFFERED": "1"}
    journal = open(db.parent / "streamlit.log", "wb")
    proc = subprocess.Popen(
        [str(ROOT / ".venv/bin/streamlit"), "run", "app.py", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"], cwd=ROOT, env=env, stdout=journal, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _attendre_serveur(url, proc)
        yield url, db
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        journal.close()


def test_parcours_complet(serveur, test_output, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, _ = serveur
    dossier = test_output / "screenshots"
    dossier.mkdir(parents=True, exist_ok=True)
    lot = ecrire_lot(EXEMPLE, tmp_path / "lot")
    constats: list[str] = []  # axe violations, reported together at the end
    expect.set_options(timeout=20_000)  # a loaded machine renders slowly; the checks are unchanged
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # An English browser: tables and charts must still be French (tableaux.grille, charts.francais).
        page = navigateur.new_context(locale="en-US", viewport={"width": 1440, "height": 1000}).new_page()
        page.set_default_timeout(30000)

        for chemin, titre in PAGES:
            page.goto(f"{url}/{chemin}")
            _attendre_rendu(page)
            expect(page.locator("h1").first).to_contain_text(titre)
            # the app's own menu, even on a fresh server's first visit to a deep link
            expect(page.locator(MENU)).to_contain_text("Carte des bassins d'emploi")
            expect(page.locator(f"{MENU} a[aria-current='page']")).to_have_attribute("href", chemin)
            _sans_erreur(page, f"page {chemin}")
            _en_francais(page, f"page {chemin}")
            # every chart and map is followed by its text summary
            # (the summaries come with the page's elements, the charts' component loads after: wait for it)
            expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(page.locator("p.resume-graphique").count())
            _axe(page, f"page {chemin}", constats)
            _photo(page, dossier, f"{PAGES.index((chemin, titre)) + 1:02d}_{chemin}")

        # The root URL forwards to /nationale with its query parameters; a link's filters apply.
        page.goto(f"{url}/")
        _attendre_rendu(page)
        _sans_erreur(page, "racine")
        assert re.search(r"/nationale(\?|$)", page.url), page.url
        for chemin in ("?debut=2010&fin=2015", "nationale?debut=2010&fin=2015"):
            page.goto(f"{url}/{chemin}")
            _attendre_rendu(page)
            _sans_erreur(page, f"lien {chemin}")
            assert re.search(r"/nationale\?(.*&)?debut=2010&fin=2015", page.url), page.url
            expect(page.locator("h1").first).to_contain_text("Vue nationale")
            expect(page.get_by_text("Filtres : années 2010–2015")).to_be_visible()
            curseur = page.locator('[data-testid="stSlider"]').first
            expect(curseur).to_contain_text("2010")
            expect(curseur).to_contain_text("2015")
        _photo(page, dossier, "01b_nationale_2010_2015")

        # The map: drawn (MapLibre canvas), then a click on a zone opens its panel.
        page.goto(f"{url}/carte")
        _attendre_rendu(page)
        carte = page.locator('[data-testid="stPlotlyChart"]').first
        expect(carte.locator("canvas").first).to_be_visible()
        page.wait_for_timeout(1500)  # let MapLibre draw the polygons
        boite = carte.bounding_box()
        page.mouse.click(boite["x"] + boite["width"] * 0.55, boite["y"] + boite["height"] * 0.45)
        _attendre_rendu(page)
        expect(page.get_by_role("heading", name=re.compile(r"\(\d{4}\)"))).to_be_visible()
        assert re.search(r"zone=\d{4}", page.url), page.url
        _sans_erreur(page, "clic sur la carte")
        _axe(page, "carte, zone ouverte", constats)
        _photo(page, dossier, "08_carte_zone_cliquee")

        # Euro indicators: French colour-bar labels ("25 M€"), never Plotly's SI ("25M").
        page.goto(f"{url}/carte?indicateur=montant_revitalisation")
        _attendre_rendu(page)
        barre = page.locator('[data-testid="stPlotlyChart"]').first.locator("g.colorbar")
        expect(barre).to_contain_text("M€")
        assert not re.search(r"\d[kMG] ?€", barre.text_content()), barre.text_content()
        _sans_erreur(page, "carte en euros")
        _photo(page, dossier, "08b_carte_euros")

        # Upload a small valid CSV batch on Données; the other pages see it without a restart.
        page.goto(f"{url}/donnees")
        _attendre_rendu(page)
        televersement = page.locator('[data-testid="stFileUploader"]')
        expect(televersement).to_contain_text("Parcourir")
        expect(televersement).to_contain_text("50\u00a0Mo par fichier")
        for anglais in ("Upload", "Drag and drop", "per file", "MB"):
            expect(televersement).not_to_contain_text(anglais)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(sorted(map(str, lot.iterdir())))
        _attendre_rendu(page)
        page.get_by_role("button", name="Charger ce lot").click()
        expect(page.get_by_text("Lot chargé")).to_be_visible(timeout=60000)
        _attendre_rendu(page)
        _sans_erreur(page, "chargement du lot")
        for anglais in ("Upload", "Drag and drop", "per file", "KB", "Add files"):
            expect(televersement).not_to_contain_text(anglais)
        _axe(page, "résultat du téléversement", constats)
        _photo(page, dossier, "09_donnees_lot_charge")

        page.goto(f"{url}/conventions?convention=C-T1")
        _attendre_rendu(page)
        expect(page.get_by_role("heading", name=re.compile("Usine Témoin Provence"))).to_be_visible()
        _sans_erreur(page, "convention du lot chargé")
        _axe(page, "détail d'une convention", constats)
        _photo(page, dossier, "10_convention_detail")

        page.goto(f"{url}/fonds?fonds=F-T1")
        _attendre_rendu(page)
        expect(page.get_by_role("heading", name=re.compile("Fonds témoin"))).to_be_visible()
        _sans_erreur(page, "fonds du lot chargé")
        _photo(page, dossier, "11_fonds_detail")

        # Échéances of one département: late first, and the .ics download parses back to its events.
        page.goto(f"{url}/echeances?departement=59")
        _attendre_rendu(page)
        expect(page.get_by_text("Nord (59) · échéances au")).to_be_visible()
        expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
        bouton = page.get_by_role("button", name=re.compile(r"Calendrier \(\.ics\)"))
        nombre = int(re.search(r"([\d\u202f]+) échéance", bouton.inner_text()).group(1).replace("\u202f", ""))
        with page.expect_download() as telechargement:
            bouton.click()
        assert telechargement.value.suggested_filename.endswith(".ics")
        evenements = calendrier.evenements(Path(telechargement.value.path()).read_bytes())
        assert len(evenements) == nombre > 0 and len({e["uid"] for e in evenements}) == nombre
        _sans_erreur(page, "échéances du Nord")
        _photo(page, dossier, "11b_echeances_59")

        page.goto(f"{url}/carte?zone=9301&indicateur=taux_recreation")
        _attendre_rendu(page)
        expect(page.get_by_role("heading", name=re.compile(r"Aix-en-Provence \(9301\)"))).to_be_visible()
        _sans_erreur(page, "fiche de zone par lien")
        _photo(page, dossier, "12_carte_zone_par_lien")
        navigateur.close()
    assert not constats, "violations axe (WCAG 2.1 A/AA, graves ou critiques) :\n" + "\n".join(constats)


FOCUS = """() => { const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {etiquette: (e.getAttribute("aria-label") || e.innerText || e.tagName).trim().slice(0, 60),
          href: e.getAttribute("href"), testid: (e.closest("[data-testid]") || {dataset: {}}).dataset.testid,
          contour: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 ? s.outlineColor : null,
          ombre: s.boxShadow !== "none", largeur: r.width, hauteur: r.height}; }"""


def _tabuler(page, nb: int, jusqu_a=None) -> list[dict]:
    """Press Tab up to `nb` times; the focused element after each press (stops at `jusqu_a`)."""
    vus = []
    for _ in range(nb):
        page.keyboard.press("Tab")
        page.wait_for_timeout(120)
        etat = page.evaluate(FOCUS)
        if etat:
            vus.append(etat)
            if jusqu_a and jusqu_a(etat):
                break
    return vus


def test_clavier_et_focus_visible(serveur, test_output):
    """Tab reaches the skip link, every menu link and the sidebar filters, each with a visible
    3 px focus outline; Enter on a menu link opens its page; on the map, a zone is chosen with
    the keyboard alone in the 'Choisir une zone d'emploi' list and its panel opens."""
    from playwright.sync_api import expect, sync_playwright

    url, _ = serveur
    dossier = test_output / "screenshots"
    dossier.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = navigateur.new_context(viewport={"width": 1440, "height": 1000}).new_page()
        page.set_default_timeout(30000)
        page.goto(f"{url}/nationale")
        _attendre_rendu(page)
        liens = page.locator(f"{MENU} a").evaluate_all("(as) => as.map(a => a.getAttribute('href'))")
        assert len(liens) >= 8, liens
        vus = _tabuler(page, 40, jusqu_a=lambda e: e["testid"] == "stSelectbox")
        assert vus[0]["etiquette"] == "Aller au contenu principal", vus[0]
        atteints = [e["href"] for e in vus if e["href"]]
        assert all(lien in atteints for lien in liens), (liens, atteints)
        assert any(e["testid"] == "stSlider" for e in vus), "le curseur des années n'est pas atteint au clavier"
        assert vus[-1]["testid"] == "stSelectbox", "le premier filtre (liste) n'est pas atteint au clavier"
        sans_focus = [e for e in vus if not e["contour"] or e["largeur"] == 0 or e["hauteur"] == 0]
        assert not sans_focus, f"éléments sans contour de focus visible : {sans_focus}"
        page.keyboard.press("Shift+Tab")
        _photo(page, dossier, "13_focus_clavier")

        # Enter on the focused menu link opens the map.
        page.locator(f"{MENU} a[href='carte']").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/carte"))
        _attendre_rendu(page)
        expect(page.locator("h1").first).to_contain_text("Carte des bassins d'emploi")

        # The map's alternative: the territory list, reached with Tab, typed into, Enter.
        choix = lambda e: e["testid"] == "stSelectbox" and e["etiquette"] == "Choisir une zone d'emploi"  # noqa: E731
        vus = _tabuler(page, 80, jusqu_a=choix)
        assert vus and choix(vus[-1]), f"la liste des zones n'est pas atteinte au clavier : {vus[-3:]}"
        page.keyboard.type("Aix-en-Provence")
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")
        _attendre_rendu(page)
        expect(page.get_by_role("heading", name=re.compile(r"Aix-en-Provence \(9301\)"))).to_be_visible()
        _sans_erreur(page, "zone choisie au clavier")
        _photo(page, dossier, "14_carte_zone_au_clavier")
        navigateur.close()
