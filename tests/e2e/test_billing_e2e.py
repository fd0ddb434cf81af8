"""Billing in real Chromium: the structure publishes a month's run, the parent sees the two
unpaid invoices on the home page, ticks them, pays with the demonstration provider, and finds
them paid, a receipt e-mail and the payment in the statement."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from core.accounts.roles import Role
from core.billing.models import Invoice, InvoiceRun, InvoiceSeries, Payment
from core.billing.services.runs import compute_run, create_run, publish_run, request_publish
from core.booking.models import Reservation
from core.catalog.models import Opening
from core.payments.models import ProviderSettings
from core.pricing.models import Tariff
from tests.e2e.helpers import assert_accessible, log_in
from tests.support.booking import enrol, make_activity
from tests.support.factories import make_family, make_user

DESKTOP = {"width": 1280, "height": 900}


def month_before(day: date) -> tuple[date, date]:
    """The first and last days of the month before ``day``'s."""
    end = day.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def weekdays(start: date, count: int) -> list[date]:
    """The first ``count`` weekdays from the 8th of ``start``'s month."""
    days, day = [], start.replace(day=8)
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


@pytest.fixture
def billing_setup(tenants, committed, clock):
    """Two months ago already invoiced (6,00 €); last month booked (9,00 €) and not yet
    invoiced. Dates come from today: the browser and the live server run on the real clock."""
    alpha = tenants["alpha"]
    last_month = month_before(clock.today)
    month_before_last = month_before(last_month[0])
    with tenant_context(alpha):
        settings = ProviderSettings.current()
        settings.provider, settings.enabled = ProviderSettings.PROVIDER_DUMMY, True
        settings.save()
        activity = make_activity(name=f"ALAE Factu E2E {uuid.uuid4().hex[:6]}")
        Tariff.objects.create(
            name="ALAE E2E", activity=activity, valid_from=month_before_last[0], amount=Decimal("3")
        )
        family, parent = make_family(tenant=alpha, first_name="Inès")
        child = family.children.get()
        enrolment = enrol(child, activity)
        unit = activity.units.order_by("pk").first()
        for day in weekdays(month_before_last[0], 2) + weekdays(last_month[0], 3):
            opening = Opening.objects.create(unit=unit, date=day, capacity=10, booked=1)
            Reservation.objects.create(
                child=child,
                opening=opening,
                enrolment=enrolment,
                unit=unit,
                date=day,
                state=Reservation.PRESENT,
            )
        run = create_run(
            label="Avant-dernier mois E2E",
            period_start=month_before_last[0],
            period_end=month_before_last[1],
            activity_ids=[activity.pk],
            series=InvoiceSeries.default(),
        )
        compute_run(run_id=run.pk)
        request_publish(run=run, issue_date=last_month[0] + timedelta(days=1))
        publish_run(run_id=run.pk)
        staff = make_user(tenant=alpha, role=Role.COMPTABLE)
        yield {
            "activity": activity,
            "family": family,
            "parent": parent,
            "staff": staff,
            "last_month": last_month,
        }


def test_staff_publishes_parent_pays_two_invoices_with_the_demo_provider(
    live_url, browser, tenants, billing_setup
):
    base = live_url.format(slug="alpha")
    data = billing_setup
    activity, family = data["activity"], data["family"]
    staff_ctx = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    parent_ctx = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    staff, page = staff_ctx.new_page(), parent_ctx.new_page()
    for p in (staff, page):
        p.set_default_timeout(15_000)
    try:
        # 1. The accountant computes last month's draft for the activity, reviews and publishes.
        log_in(staff, base, data["staff"].email)
        expect(staff.get_by_role("button", name="Se déconnecter")).to_be_visible()
        staff.goto(f"{base}/gestion/facturation")
        staff.get_by_label("Libellé").fill("Dernier mois E2E")
        staff.get_by_label("Période du").fill(data["last_month"][0].isoformat())
        staff.get_by_label("Au", exact=True).fill(data["last_month"][1].isoformat())
        staff.get_by_label(re.compile(re.escape(activity.name))).check()
        assert_accessible(staff, "nouvelle facturation")
        staff.get_by_role("button", name="Calculer le brouillon").click()
        expect(staff.get_by_role("button", name="Émettre…")).to_be_visible()
        expect(staff.get_by_text(re.compile(r"9,00\s€")).first).to_be_visible()
        assert_accessible(staff, "brouillon")
        staff.get_by_role("button", name="Émettre…").click()
        mail.outbox.clear()
        staff.get_by_role("button", name="Émettre les factures").click()
        dialog = staff.get_by_role("alertdialog")
        expect(
            dialog.get_by_text(re.compile(r"Émettre 1 facture pour un total de 9,00"))
        ).to_be_visible()
        dialog.get_by_role("button", name="Émettre", exact=True).click()
        expect(staff.get_by_text(re.compile(r"1 document émis"))).to_be_visible()
        with tenant_context(tenants["alpha"]):
            run = InvoiceRun.objects.filter(activities=activity, label="Dernier mois E2E").get()
            assert run.status == InvoiceRun.STATUS_PUBLISHED
            numbers = list(
                Invoice.objects.filter(family=family)
                .order_by("issue_date")
                .values_list("number", flat=True)
            )
        assert len(numbers) == 2
        assert any("Nouvelle facture" in m.subject for m in mail.outbox)

        # 2. The parent sees both unpaid invoices and the balance on the home page.
        log_in(page, base, data["parent"].email)
        account = page.get_by_role("region", name="Informations compte")
        expect(account.get_by_text(re.compile(r"solde de 15,00\s€"))).to_be_visible()
        for number in numbers:
            expect(account.get_by_text(number)).to_be_visible()
        assert_accessible(page, "accueil avec factures")
        account.get_by_role("link", name="Payer mes factures").click()

        # 3. Ticks the two invoices (ticked by default), checks the total, pays.
        for number in numbers:
            expect(page.get_by_label(f"Sélectionner la facture {number}")).to_be_checked()
        expect(page.get_by_text(re.compile(r"Total sélectionné : 15,00\s€"))).to_be_visible()
        assert_accessible(page, "factures à payer")
        mail.outbox.clear()
        page.get_by_role("button", name="Payer", exact=True).click()
        expect(page.get_by_role("heading", name=re.compile("Paiement à"))).to_be_visible()
        expect(
            page.get_by_text(re.compile("aucun débit réel", re.IGNORECASE)).first
        ).to_be_visible()
        page.get_by_role("button", name="Payer (simulation)").click()

        # 4. Back in the portal: paid, receipt e-mailed, payment in the statement.
        expect(page.get_by_role("heading", name="Paiement accepté")).to_be_visible()
        assert_accessible(page, "paiement accepté")
        with tenant_context(tenants["alpha"]):
            statuses = set(Invoice.objects.filter(family=family).values_list("status", flat=True))
            payment = Payment.objects.get(family=family)
        assert statuses == {Invoice.STATUS_PAID}
        assert payment.amount == Decimal("15.00") and payment.method == Payment.METHOD_ONLINE
        assert [m for m in mail.outbox if payment.number in m.subject]
        page.goto(f"{base}/facturation?onglet=releve")
        expect(page.get_by_text(payment.number).first).to_be_visible()
        expect(page.get_by_text(re.compile(r"Solde.*0,00\s€")).first).to_be_visible()
        assert_accessible(page, "relevé")
    finally:
        staff_ctx.close()
        parent_ctx.close()
