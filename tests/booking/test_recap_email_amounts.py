"""The sign of an amount comes from one place: a cancellation credited to the family reads
« −1,20 € » (typographic minus, as the SPA's ``formatMoney``) in the recap e-mail as on the page.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.template import Context, Template

from core.catalog.models import Opening
from core.money import format_money
from core.pricing.models import Tariff
from tests.support.booking import add, enrol, make_activity, next_weekdays
from tests.support.clients import HOST, JSON, logged
from tests.support.factories import make_family

pytestmark = pytest.mark.frozen_at("2026-11-20 10:00")

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1.2"), "1,20 €"),
        (Decimal("-1.2"), "\u22121,20 €"),
        ("-1234.5", f"\u22121{NNBSP}234,50 €"),
        (Decimal("1234567.891"), f"1{NNBSP}234{NNBSP}567,89 €"),
        (0, "0,00 €"),
        (None, ""),
    ],
)
def test_format_money_writes_the_sign_with_the_typographic_minus(value, text):
    assert format_money(value) == text
    assert Template("{% load money %}{{ v|money }}").render(Context({"v": value})) == text


def test_cancellation_recap_email_shows_the_credit_with_a_minus(
    alpha, django_capture_on_commit_callbacks
):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day])
    Tariff.objects.create(
        name="ALAE MATIN",
        activity=activity,
        valid_from=day - timedelta(days=60),
        amount=Decimal("1.20"),
    )
    family, user = make_family(tenant=alpha)
    parent = logged(HOST, user.email)
    child = family.children.get()
    enrol(child, activity)
    opening = Opening.objects.filter(unit__activity=activity).order_by("pk").first()

    add(parent, (child.pk, opening.pk, "book"))
    with django_capture_on_commit_callbacks(execute=True):
        parent.post("/api/v1/booking/cart/checkout/", content_type=JSON)
    booked = mail.outbox[-1]
    assert "Réservation" in booked.body and "1,20 €" in booked.body
    assert "\u22121,20" not in booked.body

    add(parent, (child.pk, opening.pk, "cancel"))
    # The page's total (and each line, signed by the SPA's signedAmount) is a credit…
    assert Decimal(parent.get("/api/v1/booking/cart/").json()["total"]) == Decimal("-1.20")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = parent.post("/api/v1/booking/cart/checkout/", content_type=JSON).json()
    assert done["done"][0]["state"] == "cancelled"
    assert Decimal(done["total"]) == Decimal("-1.20")

    # … and the e-mail writes it the same way, in the text and in the HTML part.
    [recap] = [m for m in mail.outbox if "Récapitulatif" in m.subject]
    html = recap.alternatives[0][0]
    for body in (recap.body, html):
        assert "Annulation" in body
        assert "\u22121,20 €" in body
        assert "+1,20" not in body and "-1,20" not in body
    assert " · 1,20 €" not in recap.body  # not the unsigned price either
