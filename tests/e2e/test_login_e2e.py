"""Parents and staff log in to their own structure's branded portal, in real Chromium."""

from __future__ import annotations

import re

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.accounts.models import User
from core.accounts.roles import Role
from tests.e2e.helpers import answer_consents, assert_accessible, log_in
from tests.support.factories import make_family, make_user


@pytest.mark.parametrize(
    ("slug", "name", "color", "present", "absent"),
    [
        ("alpha", "Mairie d'Alpha", "#0b5fff", ["Inscriptions", "Planning"], ["Séjours", "Crèche"]),
        (
            "beta",
            "Association Bêta",
            "#8a1c7c",
            ["Catalogue des séjours", "Mes séjours", "Crèche"],
            ["Planning"],
        ),
    ],
)
def test_parent_logs_in_and_sees_the_structures_branding_and_navigation(
    live_url, page, tenants, committed, slug, name, color, present, absent
):
    _, user = make_family(tenant=tenants[slug], first_name="Claire", consents=False)
    base = live_url.format(slug=slug)

    page.goto(f"{base}/connexion")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page).to_have_title(re.compile(re.escape(name)))
    primary = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--primary').trim()"
    )
    assert primary.lower() == color
    assert_accessible(page, f"login {slug}")

    log_in(page, base, user.email)
    answer_consents(page)

    expect(page.get_by_role("heading", name="Bonjour Claire")).to_be_visible()
    page.get_by_role("button", name="Menu").click()  # mobile first: the menu is folded
    nav = page.get_by_role("navigation", name="Navigation principale")
    for label in present:
        expect(nav.get_by_role("link", name=label)).to_have_count(1)
    for label in absent:
        expect(nav.get_by_role("link", name=label)).to_have_count(0)
    expect(nav.get_by_role("link", name="Gestion")).to_have_count(0)
    assert_accessible(page, f"home {slug}")


def test_account_of_one_structure_is_refused_on_another(live_url, page, tenants, committed):
    user = make_user(tenant=tenants["alpha"])

    log_in(page, live_url.format(slug="beta"), user.email)

    expect(page.get_by_role("alert").first).to_contain_text("incorrect")
    assert "/connexion" in page.url


def test_first_login_with_a_temporary_password_forces_a_change_that_follows_the_policy(
    live_url, page, tenants, committed
):
    _, user = make_family(
        tenant=tenants["alpha"], temporary_password="Provisoire2026", consents=False
    )
    base = live_url.format(slug="alpha")

    log_in(page, base, user.email, "Provisoire2026")
    expect(page).to_have_url(re.compile(r"/changer-mot-de-passe"))
    expect(page.get_by_text("Pour votre sécurité")).to_be_visible()
    assert_accessible(page, "forced change")

    page.goto(f"{base}/mon-compte")  # every other route leads back to the change
    expect(page).to_have_url(re.compile(r"/changer-mot-de-passe"))

    page.get_by_label("Mot de passe actuel").fill("Provisoire2026")
    page.get_by_label("Nouveau mot de passe", exact=True).fill("sansmajuscule1")
    page.get_by_label("Confirmation du nouveau mot de passe").fill("sansmajuscule1")
    page.get_by_role("button", name=re.compile("Enregistrer|Changer|Valider")).click()
    expect(page.get_by_role("alert").first).to_be_visible()
    with tenant_context(tenants["alpha"]):
        assert User.objects.get(pk=user.pk).must_change_password is True

    page.get_by_label("Nouveau mot de passe", exact=True).fill("Nouveau-Depart-2026")
    page.get_by_label("Confirmation du nouveau mot de passe").fill("Nouveau-Depart-2026")
    page.get_by_role("button", name=re.compile("Enregistrer|Changer|Valider")).click()

    answer_consents(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Bonjour"))
    with tenant_context(tenants["alpha"]):
        refreshed = User.objects.get(pk=user.pk)
        assert refreshed.must_change_password is False
        assert refreshed.check_password("Nouveau-Depart-2026")


def test_staff_lands_on_the_back_office_with_role_and_legend(live_url, page, tenants, committed):
    user = make_user(tenant=tenants["alpha"], role=Role.GESTIONNAIRE)
    base = live_url.format(slug="alpha")

    log_in(page, base, user.email)

    expect(page.get_by_role("heading", name="Espace de gestion")).to_be_visible()
    expect(page.get_by_role("main").get_by_text("Gestionnaire", exact=True)).to_be_visible()
    expect(page.get_by_role("main").get_by_text("A Exc.", exact=True)).to_be_visible()
    assert_accessible(page, "staff home")
    page.get_by_role("button", name="Se déconnecter").first.click()
    expect(page).to_have_url(re.compile(r"/connexion"))
