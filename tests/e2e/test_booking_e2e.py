"""The booking flow in real Chromium: a parent asks for an enrolment, the structure validates
it, the parent fills the cart with a semaine type, checks the priced recap, presses "Terminer"
and gets the recap e-mail; a cell past its deadline says why and cannot be changed."""

from __future__ import annotations

import re
import uuid
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.accounts.roles import Role
from core.booking.models import BookingPolicy, Reservation
from core.pricing.models import Tariff
from tests.e2e.helpers import assert_accessible, day_label, log_in, weekday_name
from tests.support.booking import complete_file, make_activity, next_weekdays
from tests.support.factories import make_family, make_user

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def booking_setup(tenants, committed, clock):
    """An ALAE with a 3-day booking deadline: tomorrow is past it, the following weeks are
    open; a flat tariff; a family whose file is complete; a gestionnaire."""
    alpha = tenants["alpha"]
    with tenant_context(alpha):
        tomorrow = clock.today + timedelta(days=1)
        later = next_weekdays(8, after=7)
        policy = BookingPolicy.objects.create(
            name="J-3 à 9h30", kind=BookingPolicy.KIND_RELATIVE, days=3, at=time(9, 30)
        )
        activity = make_activity(
            name=f"ALAE Matin E2E {uuid.uuid4().hex[:6]}",
            days=[tomorrow, *later],
            policy=policy,
            enrolment_validation="staff",
        )
        Tariff.objects.create(
            name="ALAE MATIN",
            activity=activity,
            valid_from=tomorrow - timedelta(days=30),
            amount=Decimal("2.10"),
        )
        family, parent = make_family(tenant=alpha, first_name="Claire")
        staff = make_user(tenant=alpha, role=Role.GESTIONNAIRE)
        complete_file(family, staff_user=staff)
        yield {
            "activity": activity,
            "family": family,
            "child": family.children.get(),
            "parent": parent,
            "staff": staff,
            "tomorrow": tomorrow,
            "later": later,
        }
        activity.published = False
        activity.save(update_fields=["published"])


def test_enrol_validate_semaine_type_recap_terminer_and_email(
    live_url, browser, tenants, booking_setup
):
    base = live_url.format(slug="alpha")
    data = booking_setup
    activity, child = data["activity"], data["child"]
    parent_ctx = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    staff_ctx = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    page, staff = parent_ctx.new_page(), staff_ctx.new_page()
    for p in (page, staff):
        p.set_default_timeout(10_000)
    try:
        # 1. The parent asks for the enrolment: service → type → activité → période.
        log_in(page, base, data["parent"].email)
        expect(page.get_by_role("heading", name="Bonjour Claire")).to_be_visible()
        page.goto(f"{base}/inscriptions")
        expect(page.get_by_role("heading", name="Mes inscriptions")).to_be_visible()
        page.get_by_role("button", name="Nouvelle inscription").click()
        form = page.locator("form", has=page.get_by_role("button", name="Envoyer la demande"))
        enfant = form.get_by_label("Enfant")
        if enfant.count():
            enfant.select_option(label=f"{child.first_name} {child.last_name}")
        form.get_by_label("Service").select_option(label="Périscolaire")
        form.get_by_label("Type d'activité").select_option(label="Accueil du matin")
        form.get_by_label(re.compile(r"^Activité")).select_option(label=activity.name)
        period = form.get_by_role("radio")
        if not period.first.is_checked():
            period.first.check()
        assert_accessible(page, "nouvelle inscription")
        form.get_by_role("button", name="Envoyer la demande").click()
        expect(page.get_by_text("Demande d'inscription enregistrée")).to_be_visible()

        # 2. The structure validates it.
        log_in(staff, base, data["staff"].email)
        expect(staff.get_by_role("button", name="Se déconnecter")).to_be_visible()
        staff.goto(f"{base}/gestion/inscriptions")
        staff.get_by_role("checkbox", name=re.compile(re.escape(activity.name))).check()
        assert_accessible(staff, "demandes d'inscription")
        mail.outbox.clear()
        staff.get_by_role("button", name="Accepter").click()
        expect(
            staff.get_by_role("checkbox", name=re.compile(re.escape(activity.name)))
        ).to_have_count(0)
        assert any("Inscription validée" in m.subject for m in mail.outbox)

        # 3. Tomorrow is past the deadline: the cell says why and cannot be ticked.
        tomorrow = data["tomorrow"]
        page.goto(f"{base}/planning?mois={tomorrow:%Y-%m}")
        block = page.get_by_role("region", name=activity.name).first
        expect(block).to_be_visible()
        assert_accessible(page, "planning")
        block.get_by_role("button", name="Modifier").click()
        name = f"{day_label(tomorrow)} – Accueil du matin"
        expect(block.get_by_role("checkbox", name=name)).to_have_count(0)
        reason = block.locator("details.cell__reason", has_text="").filter(
            has=page.locator(f"summary:has-text('{name}')")
        )
        reason.first.locator("summary").click()
        expect(reason.first.get_by_text(re.compile(r"Délai dépassé le \d\d/\d\d"))).to_be_visible()

        # 4. The semaine type fills the cart with the open days.
        later = data["later"]
        page.goto(f"{base}/planning?mois={later[0]:%Y-%m}")
        block = page.get_by_role("region", name=activity.name).first
        block.get_by_role("button", name="Semaine type").click()
        dialog = page.get_by_role("dialog")
        weekday = weekday_name(later[0])
        dialog.get_by_label(f"{weekday} – Accueil du matin").check()
        dialog.get_by_role("textbox", name="Du").fill(later[0].isoformat())
        dialog.get_by_role("textbox", name="Au").fill(later[-1].isoformat())
        assert_accessible(page, "semaine type")
        dialog.get_by_role("button", name="Ajouter au panier").click()
        wanted = [d for d in later if d.weekday() == later[0].weekday()]
        expect(
            dialog.get_by_text(re.compile(f"{len(wanted)} réservations? ajoutée"))
        ).to_be_visible()
        dialog.get_by_role("button", name="Fermer").first.click()

        # 5. The priced recap, then "Terminer".
        page.get_by_role("link", name="Voir le récapitulatif").click()
        expect(page.get_by_role("heading", name="Validation des modifications")).to_be_visible()
        expect(page.get_by_text("ALAE MATIN").first).to_be_visible()
        total = f"{Decimal('2.10') * len(wanted):.2f}".replace(".", ",")
        expect(page.get_by_text(re.compile(total)).first).to_be_visible()
        assert_accessible(page, "récapitulatif")
        mail.outbox.clear()
        page.get_by_role("button", name="Terminer").click()
        expect(page.get_by_role("heading", name="Votre réservation est terminée")).to_be_visible()
        expect(page.get_by_text(re.compile("Coût de la période"))).to_be_visible()
        assert_accessible(page, "confirmation")

        with tenant_context(tenants["alpha"]):
            states = list(Reservation.objects.filter(child=child).values_list("state", flat=True))
        assert states == ["confirmed"] * len(wanted)
        recap = [m for m in mail.outbox if "Récapitulatif" in m.subject]
        assert len(recap) == 1, [m.subject for m in mail.outbox]
        assert recap[0].body.count("Réservation") >= len(wanted)
        assert "ALAE MATIN" in recap[0].body and "2.10" in recap[0].body.replace(",", ".")
    finally:
        parent_ctx.close()
        staff_ctx.close()
