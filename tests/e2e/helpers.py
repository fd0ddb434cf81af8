"""What the end-to-end tests do again and again in the browser: log in, answer the consents,
check a page's accessibility."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from tests.support.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


def log_in(page, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/connexion")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()


def answer_consents(page, *, accept: bool = True) -> None:
    """First login of a guardian: the structure's consents come before anything else."""
    expect(page.get_by_role("heading", name="Vos consentements")).to_be_visible()
    for choice in page.get_by_label("J'accepte" if accept else "Je refuse", exact=True).all():
        choice.check()
    page.get_by_role("button", name="Valider").click()


def assert_accessible(page, context: str = "") -> None:
    """axe-core (WCAG 2 A/AA rules): no serious or critical violation."""
    # Evaluated rather than added as a <script>: the pages' Content-Security-Policy refuses
    # inline scripts, and a test must not weaken it (no bypass_csp).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    serious = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, f"axe violations {context}: {json.dumps(serious, indent=1)}"


def day_label(day) -> str:
    """ "lundi 7 décembre", as the planning names a day (Django's French calendar names)."""
    with translation.override("fr"):
        return date_format(day, "l j F")


def weekday_name(day) -> str:
    """ "Lundi", as the semaine type labels a weekday."""
    return day_label(day).split()[0].capitalize()
