"""Builders for the payment tests: issued invoices, provider settings, signed webhooks."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction

from core.billing.models import Invoice, InvoiceSeries
from core.billing.services.numbering import take_numbers
from core.payments.models import ProviderSettings

WEBHOOK_SECRET = "whsec_test_marelle"
ACCOUNT = "acct_1AlphaConnected"


def make_invoice(family, total: str = "30.00", *, due_in: int = 30) -> Invoice:
    """An issued invoice, as a run would publish it (numbered in the default series)."""
    series = InvoiceSeries.default()
    today = date(2026, 11, 2)
    with transaction.atomic():
        [(year, seq, number)] = take_numbers(
            series=series, kind=Invoice.KIND_INVOICE, year=today.year, count=1
        )
        return Invoice.objects.create(
            series=series,
            number=number,
            sequence=seq,
            year=year,
            family=family,
            issue_date=today,
            due_date=today + timedelta(days=due_in),
            recipient_name=family.name,
            family_number=family.number,
            total=Decimal(total),
        )


def use_provider(provider: str, **fields) -> ProviderSettings:
    settings = ProviderSettings.current()
    settings.provider = provider
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def sign(payload: str, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    """Stripe's ``Stripe-Signature`` header: HMAC-SHA256 of ``"<t>.<payload>"``, signed at the
    test's frozen time unless ``at`` says otherwise (the SDK checks it against the same clock)."""
    at = at or int(time.time())
    mac = hmac.new(secret.encode(), f"{at}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={at},v1={mac}"


def event(kind: str, session: dict, *, account: str = ACCOUNT, event_id: str = "") -> str:
    return json.dumps(
        {
            "id": event_id or f"evt_{kind.replace('.', '_')}_{session['id']}",
            "object": "event",
            "api_version": "2025-01-27.acacia",
            "type": kind,
            "account": account,
            "created": int(time.time()),
            "livemode": False,
            "data": {"object": session},
        }
    )


def post_webhook(client, payload: str, *, signature: str | None = None, path: str = ""):
    # The request switches the connection to its host's schema; the test goes on in its own.
    previous = connection.tenant
    try:
        return client.post(
            path or "/api/payments/stripe/webhook/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature if signature is not None else sign(payload),
        )
    finally:
        connection.set_tenant(previous)
