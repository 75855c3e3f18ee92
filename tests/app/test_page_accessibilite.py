"""The accessibility statement gives the deployment's contact address, as plain text."""
from __future__ import annotations

import html
import re

from tests.fixtures.ecran import ouvrir, textes


def _paragraphes(at) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", h.proto.body)) for h in at.get("html")]


def test_the_contact_set_for_the_deployment_is_given_where_the_statement_names_it(sample_warehouse, monkeypatch):
    monkeypatch.setenv("OBSERVATOIRE_CONTACT", "observatoire-revitalisation@travail.gouv.fr")
    at = ouvrir(sample_warehouse, monkeypatch, "ecrans/accessibilite.py")
    assert "Contact : observatoire-revitalisation@travail.gouv.fr" in _paragraphes(at)
    tout = textes(at)
    assert "Retour d'information et contact" in tout and "Voies de recours" in tout   # both halves shown
    assert "<!--" not in tout and "OBSERVATOIRE_CONTACT" not in tout


def test_without_a_contact_the_page_says_it_is_not_set(sample_warehouse, monkeypatch):
    monkeypatch.delenv("OBSERVATOIRE_CONTACT", raising=False)
    at = ouvrir(sample_warehouse, monkeypatch, "ecrans/accessibilite.py")
    assert any(p.startswith("Contact : l'adresse de l'équipe n'a pas encore été renseignée") for p in _paragraphes(at))


def test_a_contact_is_text_not_markup(sample_warehouse, monkeypatch):
    monkeypatch.setenv("OBSERVATOIRE_CONTACT", "[écrivez-nous](javascript:alert(1)) <b>gras</b>")
    at = ouvrir(sample_warehouse, monkeypatch, "ecrans/accessibilite.py")
    corps = [h.proto.body for h in at.get("html") if "Contact" in h.proto.body]
    assert corps and "<b>" not in corps[0] and "&lt;b&gt;" in corps[0]
