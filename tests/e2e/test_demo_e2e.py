"""The demo structures, as a newcomer finds them after `make demo`."""

from __future__ import annotations

import pytest
from django.db import connection
from playwright.sync_api import expect

from tenants.demo import DEMO_PASSWORD, seed_demo
from tests.e2e.helpers import answer_consents, assert_accessible, log_in


@pytest.fixture(scope="module")
def demo(tenants, django_db_blocker):
    with django_db_blocker.unblock():
        structures = {t.slug: t for t in seed_demo()}
        connection.set_schema_to_public()
    return structures


@pytest.mark.parametrize(
    ("slug", "title", "modules"),
    [
        ("colos-vercors", "Les Colos du Vercors", ["Séjours"]),
        ("val-de-brenne", "Enfance Val de Brenne", ["Périscolaire", "Crèche"]),
    ],
)
def test_demo_parent_logs_in_on_two_demo_structures(live_url, page, demo, slug, title, modules):
    base = live_url.format(slug=slug)
    page.goto(f"{base}/connexion")

    logo = page.get_by_role("img", name=title)
    expect(logo).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", logo.element_handle()) > 0

    log_in(page, base, "parent@exemple.fr", DEMO_PASSWORD)
    answer_consents(page)

    expect(page.get_by_role("heading", name="Bonjour Claire")).to_be_visible()
    services = page.get_by_role("region", name="Vos services").get_by_role("link")
    expect(services).to_have_text(modules)
    assert_accessible(page, f"demo home {slug}")


def test_demo_new_parent_must_change_the_temporary_password(live_url, page, demo):
    base = live_url.format(slug="saint-alban")

    log_in(page, base, "nouveau.parent@exemple.fr", "Provisoire2026")

    expect(page.get_by_text("Pour votre sécurité")).to_be_visible()
