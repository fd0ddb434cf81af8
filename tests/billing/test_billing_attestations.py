"""Attestations: payments of a year, childcare costs of children under 6, presence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.accounts.roles import Role
from core.billing.documents.attestations import (
    attestation_html,
    available_attestations,
    childcare_attestation,
    payment_attestation,
    presence_attestation,
)
from core.billing.models import Invoice
from core.billing.services.allocation import record_payment
from core.billing.services.credit_notes import issue_credit_note
from core.booking.models import Reservation
from core.families.models import Child
from core.pricing.models import Tariff
from tests.support.billing import priced_activity, reserve, run_and_publish, test_series
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family, make_user

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)


def born(child: Child, day: date) -> Child:
    Child.objects.filter(pk=child.pk).update(birth_date=day)
    child.refresh_from_db()
    return child


@pytest.fixture
def household(alpha):
    """Three children: under 6 on 1 January 2026, exactly 6 that day, and older.

    October 2026: the youngest has 2 mornings (2 × 2,50) and 2 lunches (2 × 5,00 of which
    2,00 is the meal); the eldest 2 mornings. Invoice: 20,00 €."""
    morning = priced_activity(price="2.50", name="ALAE Matin")
    lunch = priced_activity(price="3.00", kind="pause_meridienne", name="Midi")
    Tariff.objects.filter(activity=lunch).update(meal_supplement=Decimal("2.00"))
    family, user = make_family(tenant=alpha, children=3)
    young, six, old = family.children.order_by("first_name")
    young = born(young, date(2021, 3, 1))
    six = born(six, date(2020, 1, 1))
    for day in (date(2026, 10, 5), date(2026, 10, 6)):
        reserve(young, morning, day, Reservation.PRESENT)
        reserve(young, lunch, day, Reservation.PRESENT)
        reserve(old, morning, day)
    reserve(young, morning, date(2026, 10, 7), Reservation.ABSENT_BILLED)
    run = run_and_publish(activities=[morning, lunch])
    invoice = Invoice.objects.get(run=run, family=family)
    test_series()
    return {
        "family": family,
        "user": user,
        "young": young,
        "six": six,
        "old": old,
        "invoice": invoice,
    }


def pay(family, amount: str, method: str, on: date):
    return record_payment(family=family, amount=Decimal(amount), method=method, received_on=on)


def test_childcare_excludes_meals_aids_older_children_and_other_years(household):
    family, invoice = household["family"], household["invoice"]
    # The absent-billed morning is charged too: 3 × 2,50 + 2 × 5,00 + 2 × 2,50.
    assert invoice.total == Decimal("22.50")
    pay(family, "4.50", "caf", date(2026, 11, 5))  # an aid: not paid by the family
    pay(family, "9.00", "cheque", date(2026, 12, 10))
    pay(family, "9.00", "transfer", date(2027, 1, 15))  # next year

    attestation = childcare_attestation(family=family, year=2026)
    # Care of the youngest: 7,50 + 10,00 − 4,00 of meals = 13,50 of the invoice's 22,50;
    # the family paid 9,00 in 2026: 9,00 × 13,50 / 22,50 = 5,40.
    assert [(row.child, row.amount) for row in attestation.children] == [
        (household["young"], Decimal("5.40"))
    ]
    assert attestation.total == Decimal("5.40")
    assert childcare_attestation(family=family, year=2027).total == Decimal("5.40")
    # The youngest is 6 on 1 January 2028 (born in March 2021): nobody left that year.
    assert childcare_attestation(family=family, year=2028).children == []

    html = attestation_html(attestation)
    assert "5,40 €" in html and "moins de 6 ans" in html and "200 quater B" in html


def test_childcare_deducts_credit_notes(household):
    family, invoice = household["family"], household["invoice"]
    pay(family, "22.50", "cheque", date(2026, 11, 20))
    assert childcare_attestation(family=family, year=2026).total == Decimal("13.50")
    # The whole invoice is credited after it was paid: the family paid for nothing.
    issue_credit_note(invoice=invoice, reason="Accueil fermé")
    assert childcare_attestation(family=family, year=2026).total == Decimal("0.00")


def test_payment_attestation_lists_the_years_payments_per_invoice(household):
    family, invoice = household["family"], household["invoice"]
    pay(family, "4.50", "caf", date(2026, 11, 5))
    pay(family, "30.00", "cheque", date(2026, 12, 10))  # 12,00 left on the account
    pay(family, "9.00", "transfer", date(2027, 1, 15))
    cancelled = pay(family, "1.00", "cash", date(2026, 12, 11))
    from core.billing.services.allocation import cancel_payment

    cancel_payment(payment=cancelled, reason="Erreur de saisie")

    attestation = payment_attestation(family=family, year=2026)
    assert attestation.total == Decimal("34.50")
    assert [(r.invoice_number, r.amount) for r in attestation.rows] == [
        (invoice.number, Decimal("4.50")),
        (invoice.number, Decimal("18.00")),
        ("", Decimal("12.00")),
    ]
    assert "34,50 €" in attestation_html(attestation)
    years = available_attestations(family=family)
    assert [(y.year, y.payments_total) for y in years] == [
        (2027, Decimal("9.00")),
        (2026, Decimal("34.50")),
    ]
    assert years[1].children_under_six == [household["young"]]


def test_presence_counts_the_days_present_with_their_units(household):
    attestation = presence_attestation(
        child=household["young"], start=date(2026, 10, 1), end=date(2026, 10, 31)
    )
    assert [d.on for d in attestation.days] == [date(2026, 10, 5), date(2026, 10, 6)]
    assert [(u.activity, u.count) for u in attestation.units] == [("ALAE Matin", 2), ("Midi", 2)]
    html = attestation_html(attestation)
    assert "2 jours" in html and "Midi + repas" in html
    outside = presence_attestation(
        child=household["young"], start=date(2026, 10, 6), end=date(2026, 10, 31)
    )
    assert len(outside.days) == 1


def test_parent_lists_and_downloads_attestations_of_own_children_only(household, alpha_client):
    family = household["family"]
    pay(family, "9.00", "cheque", date(2026, 12, 10))
    alpha_client.force_login(household["user"])
    listing = alpha_client.get("/api/v1/billing/attestations/").json()
    assert listing["years"][0]["year"] == 2026
    assert listing["years"][0]["children_under_six"] == [
        {
            "id": household["young"].pk,
            "first_name": "Léa0",
            "last_name": household["young"].last_name,
        }
    ]
    for url in (
        listing["years"][0]["payments_url"],
        listing["years"][0]["childcare_url"],
        f"{listing['presence_url']}?child={household['young'].pk}&from=2026-10-01&to=2026-10-31",
    ):
        response = alpha_client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    response = alpha_client.get(listing["years"][0]["childcare_url"])
    assert response["Content-Disposition"] == (
        f'attachment; filename="attestation-frais-de-garde-2026-{family.number}.pdf"'
    )

    other, _ = make_family()
    stranger = other.children.get()
    presence = f"/api/v1/billing/attestations/presence/?child={stranger.pk}"
    assert alpha_client.get(presence).status_code == 404
    bad = alpha_client.get(
        f"/api/v1/billing/attestations/presence/?child={household['young'].pk}"
        "&from=2026-10-31&to=2026-10-01"
    )
    assert bad.status_code == 400 and "to" in bad.json()


def test_staff_downloads_a_familys_attestations(household, alpha_client):
    family = household["family"]
    pay(family, "9.00", "cheque", date(2026, 12, 10))
    alpha_client.force_login(make_user(role=Role.COMPTABLE))
    base = f"/api/v1/staff/billing/families/{family.pk}/attestations"
    listing = alpha_client.get(f"{base}/").json()
    assert listing["years"][0]["childcare_url"] == f"{base}/childcare/2026/pdf/"
    assert alpha_client.get(f"{base}/payments/2026/pdf/").status_code == 200
    assert alpha_client.get(f"{base}/childcare/2026/pdf/").status_code == 200
    young = household["young"].pk
    assert alpha_client.get(f"{base}/presence/?child={young}&from=2026-10-01").status_code == 200
    other, _ = make_family()
    wrong = f"/api/v1/staff/billing/families/{other.pk}/attestations/presence/?child={young}"
    assert alpha_client.get(wrong).status_code == 404
