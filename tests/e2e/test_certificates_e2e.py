"""Attestation d'inscription in real Chromium: the family asks from « Mes inscriptions », the
structure issues it in one click, the family downloads the PDF."""

from __future__ import annotations

import re
import uuid

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.accounts.roles import Role
from core.booking.models import Enrolment
from tests.e2e.helpers import assert_accessible, log_in
from tests.support.booking import enrol, make_activity
from tests.support.factories import make_family, make_user

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def certificate_setup(tenants, committed):
    alpha = tenants["alpha"]
    with tenant_context(alpha):
        activity = make_activity(name=f"ALAE Attestation {uuid.uuid4().hex[:6]}")
        family, parent = make_family(tenant=alpha, first_name="Claire")
        enrolment = enrol(family.children.get(), activity, status=Enrolment.STATUS_VALIDATED)
        staff = make_user(tenant=alpha, role=Role.GESTIONNAIRE)
        yield {"activity": activity, "enrolment": enrolment, "parent": parent, "staff": staff}
        activity.published = False
        activity.save(update_fields=["published"])


def test_family_asks_staff_issue_and_the_family_downloads_the_certificate(
    live_url, browser, certificate_setup
):
    base = live_url.format(slug="alpha")
    data = certificate_setup
    name = data["activity"].name
    parent_ctx = browser.new_context(locale="fr-FR", viewport=PHONE)
    staff_ctx = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    page, staff = parent_ctx.new_page(), staff_ctx.new_page()
    for p in (page, staff):
        p.set_default_timeout(10_000)
    try:
        log_in(page, base, data["parent"].email)
        expect(page.get_by_role("heading", name="Bonjour Claire")).to_be_visible()
        page.goto(f"{base}/inscriptions")
        card = page.get_by_role("article", name=re.compile(re.escape(name)))
        ask = card.get_by_role("button", name=re.compile("Demander une attestation d'inscription"))
        ask.click()
        expect(card.get_by_text(re.compile("la structure la prépare"))).to_be_visible()
        assert_accessible(page, "attestation demandée")

        log_in(staff, base, data["staff"].email)
        expect(staff.get_by_role("button", name="Se déconnecter")).to_be_visible()
        staff.goto(f"{base}/gestion/attestations")
        staff.get_by_role("checkbox", name=re.compile(re.escape(name))).check()
        assert_accessible(staff, "attestations à délivrer")
        staff.get_by_role("button", name="Délivrer").click()
        expect(staff.get_by_text(re.compile(r"1 attestation délivrée"))).to_be_visible()

        page.reload()
        card = page.get_by_role("article", name=re.compile(re.escape(name)))
        link = card.get_by_role("link", name=re.compile("Télécharger l'attestation d'inscription"))
        expect(link).to_be_visible()
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename.startswith("Attestation")
        with open(download.value.path(), "rb") as pdf:
            assert pdf.read(4) == b"%PDF"
    finally:
        parent_ctx.close()
        staff_ctx.close()
