"""What Streamlit does not do for an accessible French State service, done once for every page.

Why a module of its own: RGAA 4.1 / WCAG 2.1 AA asks for things Streamlit 1.67 has no option
for, and they must hold on every page whatever the page does:

- the document's language: Streamlit serves `<html lang="en">` and has no setting for it; a
  script sets `lang="fr"` on the document element (and again if the frontend ever resets it),
  so screen readers speak French (RGAA 8.3);
- French in Streamlit's own widget texts: `st.file_uploader` writes "Upload", "Drag and drop
  files here" and "50MB per file" in English with no parameter to change them (streamlit
  issue 13500, open); the same script rewrites those exact strings (text and aria-label/title
  attributes) into French in the page itself, so sighted users and screen readers get the
  same real French text, not a CSS overlay; only whole strings from the list below are
  touched, never user data;
- a visible keyboard focus on every control (RGAA 10.7): a 3 px bleu France outline on
  `:focus-visible`, which Streamlit's own styles sometimes remove;
- the menu link of the page shown carries `aria-current="page"` (st.page_link only shows it
  by a background colour and bold text).

`appliquer()` is called by app.py on every run, before the page. The menu itself is drawn by
app.py with st.page_link (Streamlit's own navigation list fails axe's list rules).
"""
from __future__ import annotations

import json

import streamlit as st

# Exact English strings of Streamlit's chrome → French. Keys are whole texts (trimmed).
TRADUCTIONS = {
    "Skip to main content": "Aller au contenu principal",
    "Sidebar": "Panneau latéral",
    "Map": "Carte",
    "Choose date": "Choisir une date",
    "Clear value": "Effacer la valeur",
    "Open": "Ouvrir",
    "Toggle attribution": "Afficher ou masquer les crédits de la carte",
    "file upload": "Dépôt de fichiers",
    "progress": "Progression",
    "Link to heading": "Lien vers ce titre",
    "Upload": "Parcourir",
    "Upload directories": "Parcourir les dossiers",
    "Add files": "Ajouter des fichiers",
    "Drag and drop files here": "Déposez les fichiers ici",
    "Drag and drop a file here": "Déposez le fichier ici",
    "Drag and drop directories here": "Déposez les dossiers ici",
    "Remove file": "Retirer le fichier",
    "Delete": "Supprimer",
    "Clear": "Effacer",
    "Download as CSV": "Télécharger en CSV",
    "Search": "Rechercher",
    "Fullscreen": "Plein écran",
    "Close fullscreen": "Quitter le plein écran",
    "Show/hide columns": "Afficher ou masquer des colonnes",
    "Collapse sidebar": "Replier le panneau latéral",
    "Expand sidebar": "Déplier le panneau latéral",
    "Open sidebar": "Ouvrir le panneau latéral",
    "Close sidebar": "Fermer le panneau latéral",
    "Running...": "Calcul en cours…",
    "Stop": "Arrêter",
    "Main menu": "Menu principal",
    "Copy to clipboard": "Copier",
    "Open in new tab": "Ouvrir dans un nouvel onglet",
    "Select all": "Tout sélectionner",
    "No results": "Aucun résultat",
    "No options to select": "Aucune option",
    "Choose an option": "Choisir une option",
    "Clear all": "Tout effacer",
    "Download plot as a png": "Télécharger l'image (PNG)",
    "Download plot as a PNG": "Télécharger l'image (PNG)",
    "Download": "Télécharger",
    "Zoom in": "Zoomer",
    "Zoom out": "Dézoomer",
    "Reset view": "Revenir à la vue initiale",
    "Autoscale": "Échelle automatique",
    "Reset axes": "Réinitialiser les axes",
    "Pan": "Déplacer",
    "Zoom": "Zoom",
    "Box Select": "Sélection rectangulaire",
    "Lasso Select": "Sélection au lasso",
}

# Texts with a variable part: "Help for Emplois créés" (the help icon of a widget).
MOTIFS = [(r"^Help for (.+)$", "Aide : $1"), (r"^(.+) — start$", "$1 — début"), (r"^(.+) — end$", "$1 — fin"),
          (r"^Remove (.+)$", "Retirer $1"), (r"^day, (.+)$", "jour, $1"), (r"^month, (.+)$", "mois, $1"),
          (r"^year, (.+)$", "année, $1")]
# "50MB per file • CSV, XLSX" and file sizes ("1.2KB") follow patterns rather than fixed texts.
UNITES = {"B": "o", "KB": "ko", "MB": "Mo", "GB": "Go"}

COULEUR_FOCUS = "#000091"  # bleu France (DSFR): 11,9:1 on white, visible on the sidebar grey

_CSS = f"""
<style>
:focus-visible, [data-testid="stSidebar"] :focus-visible {{
  outline: 3px solid {COULEUR_FOCUS} !important;
  outline-offset: 2px !important;
}}
</style>
"""

_SCRIPT = """
<script>
(function () {
  const T = %(traductions)s, U = %(unites)s;
  const M = %(motifs)s.map(([motif, remplacement]) => [new RegExp(motif), remplacement]);
  const ATTRS = ["aria-label", "title", "placeholder", "data-title"];
  // Sizes ("0.6KB", "50MB per file", "aides.csv, 309.0B") only inside the upload widget, so
  // that no user text (a company called "Groupe 3B") is ever touched.
  const taille = /^((?:.*, )?)(\\d+(?:\\.\\d+)?)\\s?(B|KB|MB|GB)( per file)?$/;
  function francais(texte, televersement) {
    const brut = texte.trim();
    if (Object.prototype.hasOwnProperty.call(T, brut)) return texte.replace(brut, T[brut]);
    const m = televersement ? brut.match(taille) : null;
    if (m) {
      const nombre = m[2].replace(/\\.0$/, "").replace(".", ",");
      return texte.replace(brut, m[1] + nombre + "\\u00a0" + U[m[3]] + (m[4] ? " par fichier" : ""));
    }
    for (const [motif, remplacement] of M) {
      if (motif.test(brut)) return texte.replace(brut, brut.replace(motif, remplacement));
    }
    return null;
  }
  const TELEVERSEMENT = '[data-testid="stFileUploader"]';
  function pageCourante() {  // the menu link of the page shown is announced as such
    const ici = cible.location.pathname.split("/").filter(Boolean).pop() || "";
    for (const a of doc.querySelectorAll('.st-key-menu a[data-testid="stPageLink-NavLink"]')) {
      const oui = (a.getAttribute("href") || "").split("?")[0].split("/").pop() === ici;
      if (oui && a.getAttribute("aria-current") !== "page") a.setAttribute("aria-current", "page");
      if (!oui && a.hasAttribute("aria-current")) a.removeAttribute("aria-current");
    }
  }
  function traduire(racine) {
    if (doc.documentElement.lang !== "fr") doc.documentElement.lang = "fr";
    const marcheur = document.createTreeWalker(racine, NodeFilter.SHOW_TEXT);
    for (let n = marcheur.nextNode(); n; n = marcheur.nextNode()) {
      if (!n.nodeValue || !n.nodeValue.trim()) continue;
      const f = francais(n.nodeValue, !!(n.parentElement && n.parentElement.closest(TELEVERSEMENT)));
      if (f !== null && f !== n.nodeValue) n.nodeValue = f;
    }
    const elements = racine.querySelectorAll ? racine.querySelectorAll("[aria-label],[title],[placeholder],[data-title]") : [];
    for (const e of elements) traduireElement(e);
  }
  function traduireElement(e) {
    if (!e.getAttribute) return;
    const televersement = !!e.closest(TELEVERSEMENT);
    for (const a of ATTRS) {
      const v = e.getAttribute(a);
      const f = v ? francais(v, televersement) : null;
      if (f !== null && f !== v) e.setAttribute(a, f);
    }
  }
  const cible = window.parent && window.parent.document ? window.parent : window;
  const doc = cible.document;
  if (cible.__observatoireFr) { pageCourante(); traduire(doc.body); return; }
  cible.__observatoireFr = true;
  doc.documentElement.lang = "fr";
  pageCourante();
  traduire(doc.body);
  // Only what changed is looked at again (added nodes, changed texts and attributes), once per
  // animation frame, so that the page's own updates stay cheap.
  let attente = null, aRevoir = new Set();
  new cible.MutationObserver(function (mutations) {
    for (const m of mutations) {
      if (m.type === "childList") m.addedNodes.forEach((n) => aRevoir.add(n.nodeType === 3 ? n.parentNode : n));
      else aRevoir.add(m.type === "characterData" ? m.target.parentNode : m.target);
    }
    if (attente) return;
    attente = cible.requestAnimationFrame(function () {
      attente = null;
      const noeuds = aRevoir;
      aRevoir = new Set();
      pageCourante();
      for (const n of noeuds) {
        if (!n || !n.isConnected || n.nodeType !== 1) continue;
        traduireElement(n);
        traduire(n);
      }
    });
  }).observe(doc.documentElement, {subtree: true, childList: true, characterData: true,
                                   attributes: true, attributeFilter: ["lang", "href"].concat(ATTRS)});
})();
</script>
"""


def script() -> str:
    """The page script (language, French chrome), with the translation tables inlined."""
    return _SCRIPT % {"traductions": json.dumps(TRADUCTIONS, ensure_ascii=False),
                      "unites": json.dumps(UNITES), "motifs": json.dumps(MOTIFS, ensure_ascii=False)}


def appliquer() -> None:
    """On every run: French document language and chrome, visible focus. Drawn in the sidebar's
    event area (no visible element): style and script only."""
    st.html(_CSS + script(), unsafe_allow_javascript=True)
