"""Who is looking: the viewer's périmètre, resolved once per script run and read by every query.

`app.py` calls `ouvrir_session()` at the top of every run: it decides the mode and the viewer
(and stops the run on a sign-in page or a malformed habilitations file), then stores the
périmètre in the session. The query wrappers (`observatoire.queries`, `queries_details`, the
COPIL pack) take it from `perimetre_courant()`, never from a page, so a page cannot forget it.

Modes, decided by configuration only:
- **local**: no `[auth]` section in `.streamlit/secrets.toml` → one person on their machine,
  administrator, with the notice "Mode local : pas d'authentification";
- **signed-in** (`[auth]` present): Streamlit's OIDC sign-in (`st.login`); the e-mail is looked up
  in the habilitations file (`core.habilitations`); someone not in it gets the public level;
- **public** (`OBSERVATOIRE_ACCES_PUBLIC=1`): visitors who are not signed in browse at the public
  level (with `[auth]`, a "Se connecter" button stays in the sidebar); without it, an anonymous
  visitor of a signed-in deployment sees only the sign-in page.

Fail closed: inside the Streamlit server, a read outside a script run or before `ouvrir_session`
gets the public level. Outside Streamlit (command lines, scripts, tests) the périmètre is the one
set with `hors_session(...)`, by default the local administrator: whoever runs Python next to the
warehouse file can read it anyway; the access control protects the web app.
"""
from __future__ import annotations

import contextlib
import contextvars
import logging
import os

import streamlit as st

from core import journal
from core.habilitations import HabilitationsInvalides, perimetre_de
from core.perimetre import ADMINISTRATEUR_LOCAL, PUBLIC, Perimetre

log = logging.getLogger(__name__)
CLE = "_observatoire_perimetre"
ENV_PUBLIC = "OBSERVATOIRE_ACCES_PUBLIC"
AVIS_LOCAL = "Mode local : pas d'authentification"
_hors_session_var: contextvars.ContextVar[Perimetre] = contextvars.ContextVar(
    "perimetre_hors_session", default=ADMINISTRATEUR_LOCAL)


def _dans_un_run() -> bool:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return get_script_run_ctx(suppress_warning=True) is not None


def _serveur_streamlit() -> bool:
    from streamlit import runtime

    return runtime.exists()


def perimetre_courant() -> Perimetre:
    """The viewer's périmètre for the read being made (see the module docstring)."""
    if _dans_un_run():
        p = st.session_state.get(CLE)
        return p if isinstance(p, Perimetre) else PUBLIC
    if _serveur_streamlit():
        return PUBLIC
    return _hors_session_var.get()


@contextlib.contextmanager
def hors_session(perimetre: Perimetre):
    """Reads made outside Streamlit (a CLI, a script) in this block use `perimetre`."""
    jeton = _hors_session_var.set(perimetre)
    try:
        yield perimetre
    finally:
        _hors_session_var.reset(jeton)


def auth_configuree() -> bool:
    """True when `.streamlit/secrets.toml` has an `[auth]` section (sign-in mode)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all: local mode
        return False


def mode_public() -> bool:
    return os.environ.get(ENV_PUBLIC, "").strip().lower() in ("1", "true", "oui", "yes")


def _connecte() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:  # noqa: BLE001
        return False


def _page_de_connexion() -> None:
    st.title("Observatoire de la revitalisation")
    st.info("L'observatoire est réservé aux agents habilités. Connectez-vous avec votre compte "
            "professionnel pour continuer.", icon=":material/lock:")
    if st.button("Se connecter", type="primary", key="connexion_page", icon=":material/login:"):
        st.login()
    st.stop()


def _encart(perimetre: Perimetre, connecte: bool) -> None:
    """Who the viewer is, in the sidebar (plain text: an e-mail is never Markdown)."""
    with st.sidebar:
        if connecte:
            st.text(f"Connecté : {perimetre.email or st.user.get('email') or ''}")
            st.caption("Public (aucune habilitation)" if perimetre.public else perimetre.libelle())
            if st.button("Se déconnecter", key="deconnexion", icon=":material/logout:"):
                st.logout()
        elif perimetre.public:
            st.caption("Accès public : chiffres agrégés uniquement.")
            if auth_configuree() and st.button("Se connecter", key="connexion", icon=":material/login:"):
                st.login()


def resoudre() -> tuple[Perimetre, bool]:
    """(périmètre, signed in) for this run; may draw the sign-in page and stop the run."""
    if not auth_configuree():
        return (PUBLIC if mode_public() else ADMINISTRATEUR_LOCAL), False
    if not _connecte():
        if mode_public():
            return PUBLIC, False
        _page_de_connexion()
    email = str(st.user.get("email") or "").strip()
    try:
        perimetre = perimetre_de(email) if email else PUBLIC
    except HabilitationsInvalides as exc:
        log.error("habilitations : %s", exc)
        st.error(f"L'observatoire ne peut pas démarrer : le fichier des habilitations est invalide "
                 f"({exc}). Prévenez l'administrateur de l'observatoire.", icon=":material/block:")
        st.stop()
    if perimetre.public and email:
        perimetre = Perimetre("public", frozenset(), email.lower())
    return perimetre, True


def ouvrir_session() -> Perimetre:
    """Resolve the viewer, store it for this session's reads, show who they are; journal a sign-in once."""
    perimetre, connecte = resoudre()
    st.session_state[CLE] = perimetre
    if perimetre == ADMINISTRATEUR_LOCAL and not auth_configuree():
        st.sidebar.warning(AVIS_LOCAL, icon=":material/lock_open:")
    _encart(perimetre, connecte)
    if connecte and st.session_state.get("_observatoire_connexion_notee") != perimetre.email:
        st.session_state["_observatoire_connexion_notee"] = perimetre.email
        journal.noter("connexion", perimetre, "connexion à l'application")
    return perimetre


def afficher_journal(moi: Perimetre) -> None:
    """The journal on the Données page (administrators only: core.journal.lire refuses others)."""
    from observatoire import layout, tableaux

    st.subheader("Journal des accès")
    st.caption("Connexions, chargements, dossiers de COPIL et téléchargements de lignes par entreprise "
               f"(fichier {journal.chemin_journal().name}, le plus récent en premier).")
    evenements = journal.lire(moi)
    if evenements.is_empty():
        layout.vide("Le journal est vide.")
        return
    C = tableaux.colonne
    tableaux.tableau(evenements, journal.COLONNES, "journal", cle="t_journal", hauteur=320, config={
        "horodatage": C("Quand (UTC)"), "evenement": C("Événement"), "email": C("Qui"), "role": C("Rôle"),
        "perimetre": C("Départements"), "objet": C("Quoi", width="large")})
