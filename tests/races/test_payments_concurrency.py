"""Parallel deliveries of Stripe's events: each thread has its own database connection (as
gunicorn workers would), the data is committed, and exactly one payment is recorded."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import tenant_context

from core.billing.models import Invoice, Payment
from core.payments.models import PaymentAttempt
from core.payments.services import start_payment
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family
from tests.support.payments import ACCOUNT, WEBHOOK_SECRET, event, make_invoice, sign, use_provider
from tests.support.stripe_fake import FakeStripe

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)

DELIVERIES = 8


@pytest.fixture
def fake_stripe(httpserver, settings):
    fake = FakeStripe(httpserver)
    settings.STRIPE_SECRET_KEY = "sk_test_marelle"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake.url
    return fake


def test_parallel_deliveries_record_exactly_one_payment(tenants, django_db_blocker, fake_stripe):
    alpha = tenants["alpha"]
    with django_db_blocker.unblock(), tenant_context(alpha):
        use_provider("stripe", stripe_account_id=ACCOUNT)
        family, user = make_family(tenant=alpha)
        invoice = make_invoice(family, "31.00")
        attempt, _ = start_payment(family=family, user=user, invoice_ids=[invoice.pk])
    session = fake_stripe.pay(attempt.provider_reference)
    kinds = ["checkout.session.completed", "checkout.session.async_payment_succeeded"]
    payloads = [event(kinds[i % 2], fake_stripe.public(session["id"])) for i in range(DELIVERIES)]
    statuses: list[int] = []
    start = threading.Barrier(DELIVERIES)

    def deliver(payload: str) -> None:
        try:
            with django_db_blocker.unblock():
                client = Client(HTTP_HOST="localhost")
                start.wait()
                response = client.post(
                    "/api/payments/stripe/webhook/",
                    data=payload,
                    content_type="application/json",
                    HTTP_STRIPE_SIGNATURE=sign(payload),
                )
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with django_db_blocker.unblock(), tenant_context(alpha):
        try:
            assert statuses == [200] * DELIVERIES
            assert Payment.objects.filter(family=family).count() == 1
            attempt.refresh_from_db()
            assert attempt.status == PaymentAttempt.STATUS_SUCCEEDED
            invoice.refresh_from_db()
            assert invoice.status == Invoice.STATUS_PAID
            # Every delivery asked Stripe or found the attempt already settled.
            gets = [r for r in fake_stripe.requests if r[0] == "GET"]
            assert 1 <= len(gets) <= DELIVERIES
        finally:
            # Committed data: leave the shared provider settings as the other tests expect.
            use_provider("dummy", stripe_account_id="")


def _settle_twice_at_once(tenant, attempt_id: int) -> None:
    from core.payments.services import settle_attempt

    errors: list[Exception] = []

    def settle() -> None:
        try:
            with tenant_context(tenant):
                settle_attempt(attempt_id=attempt_id)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=settle) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors


@pytest.mark.parametrize("guard", [True, False], ids=["with-lock", "control-without-lock"])
def test_two_settlements_paused_after_reading_pay_once_only_with_the_lock(
    tenants, django_db_blocker, guard
):
    """Both callers read the pending attempt, then go on together: with the row lock the
    second waits and finds it final; without it (the control) the family pays twice."""
    from core.payments import services

    alpha = tenants["alpha"]
    with django_db_blocker.unblock(), tenant_context(alpha):
        use_provider("dummy")
        family, user = make_family(tenant=alpha)
        invoice = make_invoice(family, "12.00")
        attempt, _ = start_payment(family=family, user=user, invoice_ids=[invoice.pk])
        attempt.provider_state = {**attempt.provider_state, "outcome": "pay"}
        attempt.save(update_fields=["provider_state"])
    pause = threading.Barrier(2, timeout=3)

    def wait_for_the_other() -> None:
        # With the lock the other caller is blocked on the row: go on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            pause.wait()

    services.GUARD = guard
    services._after_read = wait_for_the_other
    try:
        with django_db_blocker.unblock():
            _settle_twice_at_once(alpha, attempt.pk)
    finally:
        services.GUARD = True
        services._after_read = None
    with django_db_blocker.unblock(), tenant_context(alpha):
        payments = Payment.objects.filter(family=family).count()
    assert payments == (1 if guard else 2)
