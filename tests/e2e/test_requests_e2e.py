"""« Mes demandes » in real Chromium: a family's booking request is refused by the structure
with a reason, and the family finds it, with the reason, among its requests."""

from __future__ import annotations

import re
import uuid

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.accounts.roles import Role
from core.booking.services.engine import Change, apply_changes
from core.catalog.models import Opening
from tests.e2e.helpers import assert_accessible, log_in
from tests.support.booking import enrol, make_activity, next_weekdays
from tests.support.factories import make_family, make_user

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
REASON = "Effectif complet ce jour"


@pytest.fixture
def booking_request(tenants, committed, clock):
    """An ALAE whose bookings the structure validates, a family that asked for a day of it,
    a gestionnaire."""
    alpha = tenants["alpha"]
    with tenant_context(alpha):
        days = next_weekdays(2, after=7)
        activity = make_activity(
            name=f"ALAE Matin Demandes {uuid.uuid4().hex[:6]}",
            days=days,
            booking_validation="staff",
        )
        family, parent = make_family(tenant=alpha, first_name="Claire")
        staff = make_user(tenant=alpha, role=Role.GESTIONNAIRE)
        child = family.children.get()
        enrol(child, activity)
        opening = Opening.objects.filter(unit__activity=activity).order_by("date").first()
        result = apply_changes(
            changes=[Change(child_id=child.pk, opening_id=opening.pk, action="book")],
            by=parent,
            family=family,
        )
        assert [o.state for o in result.outcomes] == ["requested"], result.outcomes
        yield {
            "activity": activity,
            "child": child,
            "parent": parent,
            "staff": staff,
            "day": opening.date,
        }
        activity.published = False
        activity.save(update_fields=["published"])


def test_a_refused_booking_request_shows_with_its_reason_in_mes_demandes(
    live_url, browser, booking_request
):
    base = live_url.format(slug="alpha")
    data = booking_request
    child = data["child"]
    parent_ctx = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    staff_ctx = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    page, staff = parent_ctx.new_page(), staff_ctx.new_page()
    for p in (page, staff):
        p.set_default_timeout(10_000)
    try:
        # 1. Before the decision, the request waits.
        log_in(page, base, data["parent"].email)
        expect(page.get_by_role("heading", name="Bonjour Claire")).to_be_visible()
        page.goto(f"{base}/mes-demandes?type=reservations")
        expect(page.get_by_role("heading", name="Mes demandes", level=1)).to_be_visible()
        requests = page.get_by_role("region", name="Réservations")
        expect(requests.get_by_text("En attente")).to_be_visible()

        # 2. The structure refuses it, with a reason.
        log_in(staff, base, data["staff"].email)
        expect(staff.get_by_role("button", name="Se déconnecter")).to_be_visible()
        staff.goto(f"{base}/gestion/reservations")
        mine = staff.get_by_role("checkbox", name=re.compile(re.escape(child.last_name)))
        expect(mine).to_have_count(1)
        mine.check()
        staff.get_by_role("button", name="Refuser").click()
        staff.get_by_label("Motif du refus").fill(REASON)
        staff.get_by_role("button", name="Confirmer le refus").click()
        expect(mine).to_have_count(0)

        # 3. The family sees the refusal and its reason in « Mes demandes ».
        page.goto(f"{base}/mes-demandes")
        types = page.get_by_role("group", name="Type de demande")
        types.get_by_role("button", name="Réservations").click()
        expect(page).to_have_url(re.compile(r"/mes-demandes\?type=reservations$"))
        requests = page.get_by_role("region", name="Réservations")
        row = requests.get_by_role("row").filter(has_text=REASON)
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Refusée")
        expect(row).to_contain_text(child.first_name)
        expect(row).to_contain_text(f"{data['day']:%d/%m/%Y}")
        expect(row.get_by_text(REASON)).to_be_visible()
        assert_accessible(page, "mes demandes")

        # 4. On a phone, the table reflows and the reason is still there.
        page.set_viewport_size(PHONE)
        expect(requests.get_by_text(REASON)).to_be_visible()
        assert_accessible(page, "mes demandes (téléphone)")
    finally:
        parent_ctx.close()
        staff_ctx.close()
