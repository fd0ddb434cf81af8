"""Stripe Connect: the real SDK against a fake Stripe API, webhooks signed for real."""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django_tenants.utils import tenant_context

from core.accounts.roles import Role
from core.billing.models import Invoice, Payment
from core.payments.models import PaymentAttempt
from core.payments.tasks import poll_pending_attempts
from tenants.models import ProviderReference
from tests.support.clients import JSON, logged
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family, make_user
from tests.support.payments import (
    ACCOUNT,
    WEBHOOK_SECRET,
    event,
    make_invoice,
    post_webhook,
    sign,
    use_provider,
)
from tests.support.stripe_fake import FakeStripe

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)

HOST = "alpha.localhost"


@pytest.fixture
def fake_stripe(httpserver, settings):
    fake = FakeStripe(httpserver)
    settings.STRIPE_SECRET_KEY = "sk_test_marelle"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake.url
    return fake


@pytest.fixture
def parent(alpha, fake_stripe):
    use_provider("stripe", stripe_account_id=ACCOUNT)
    family, user = make_family(tenant=alpha)
    client = logged(HOST, user.email)
    client.family, client.user = family, user
    return client


@pytest.fixture
def root() -> Client:
    """The platform's root domain, where Stripe Connect sends its webhooks."""
    return Client(HTTP_HOST="localhost")


def start(parent, *invoices) -> tuple[PaymentAttempt, str]:
    response = parent.post(
        "/api/v1/billing/payments/checkout/",
        {"invoice_ids": [i.pk for i in invoices]},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    attempt = PaymentAttempt.objects.get(pk=body["attempt_id"])
    return attempt, body["redirect_url"]


def test_checkout_session_is_created_on_the_connected_account(parent, fake_stripe):
    first = make_invoice(parent.family, "30.00")
    second = make_invoice(parent.family, "4.20", due_in=60)
    attempt, url = start(parent, first, second)
    session = fake_stripe.sessions[attempt.provider_reference]
    assert url == session["url"]
    assert fake_stripe.accounts[session["id"]] == ACCOUNT
    assert session["amount_total"] == 3420 and session["currency"] == "eur"
    assert session["mode"] == "payment"
    assert session["_lines"] == [f"Facture {first.number}", f"Facture {second.number}"]
    assert session["metadata"] == {"attempt_id": str(attempt.pk), "schema": "t_alpha"}
    assert session["client_reference_id"] == str(attempt.pk)
    assert session["success_url"].endswith(f"/facturation/paiement/{attempt.pk}")
    ref = ProviderReference.objects.get(provider="stripe", reference=session["id"])
    assert ref.tenant.schema_name == "t_alpha"


def test_bad_signature_is_refused(parent, fake_stripe, root, clock):
    attempt, _ = start(parent, make_invoice(parent.family, "10.00"))
    fake_stripe.pay(attempt.provider_reference)
    payload = event("checkout.session.completed", fake_stripe.public(attempt.provider_reference))
    assert post_webhook(root, payload, signature=sign(payload, "whsec_other")).status_code == 400
    assert post_webhook(root, payload, signature="t=1,v1=deadbeef").status_code == 400
    assert post_webhook(root, payload, signature="").status_code == 400
    stale = sign(payload, at=int(clock.now.timestamp()) - 3600)
    assert post_webhook(root, payload, signature=stale).status_code == 400
    attempt.refresh_from_db()
    assert attempt.status == "pending"
    assert not Payment.objects.filter(family=parent.family).exists()


def test_same_event_twice_then_async_succeeded_records_one_payment(
    parent, fake_stripe, root, django_capture_on_commit_callbacks
):
    invoice = make_invoice(parent.family, "25.00")
    attempt, _ = start(parent, invoice)
    session = fake_stripe.pay(attempt.provider_reference)
    payload = event("checkout.session.completed", fake_stripe.public(session["id"]))
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            response = post_webhook(root, payload)
            assert response.status_code == 200
        late = event("checkout.session.async_payment_succeeded", fake_stripe.public(session["id"]))
        assert post_webhook(root, late).status_code == 200
    attempt.refresh_from_db()
    assert attempt.status == "succeeded"
    payment = Payment.objects.get(family=parent.family)
    assert attempt.payment == payment
    assert payment.reference == f"pi_{session['id']}"
    assert payment.amount == Decimal("25.00")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_PAID
    assert len(mail.outbox) == 1
    # Every delivery was checked against Stripe, on the connected account.
    gets = [r for r in fake_stripe.requests if r[0] == "GET"]
    assert gets and all(account == ACCOUNT for _, _, account in gets)


def test_expired_delivered_first_does_not_lose_the_payment_stripe_reports(
    parent, fake_stripe, root
):
    """Events only say "look at session X": what counts is the session re-fetched."""
    attempt, _ = start(parent, make_invoice(parent.family, "12.00"))
    open_session = fake_stripe.public(attempt.provider_reference)
    fake_stripe.pay(attempt.provider_reference)
    # A stale "expired" (or any event, in any order) carrying an old copy of the session.
    stale = event("checkout.session.expired", {**open_session, "status": "expired"})
    assert post_webhook(root, stale).status_code == 200
    completed = event("checkout.session.completed", fake_stripe.public(attempt.provider_reference))
    assert post_webhook(root, completed).status_code == 200
    attempt.refresh_from_db()
    assert attempt.status == "succeeded"
    assert Payment.objects.filter(family=parent.family).count() == 1


def test_expired_session_changes_nothing_and_a_late_completed_is_ignored(parent, fake_stripe, root):
    invoice = make_invoice(parent.family, "12.00")
    attempt, _ = start(parent, invoice)
    fake_stripe.expire(attempt.provider_reference)
    expired = event("checkout.session.expired", fake_stripe.public(attempt.provider_reference))
    assert post_webhook(root, expired).status_code == 200
    attempt.refresh_from_db()
    assert attempt.status == "expired"
    # Whatever arrives next, a final attempt is never reopened.
    fake_stripe.pay(attempt.provider_reference)
    completed = event("checkout.session.completed", fake_stripe.public(attempt.provider_reference))
    assert post_webhook(root, completed).status_code == 200
    attempt.refresh_from_db()
    assert attempt.status == "expired"
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_ISSUED
    assert not Payment.objects.filter(family=parent.family).exists()


def test_delayed_payment_waits_then_fails_without_changing_anything(parent, fake_stripe, root):
    invoice = make_invoice(parent.family, "40.00")
    attempt, _ = start(parent, invoice)
    session = fake_stripe.complete_unpaid(attempt.provider_reference)
    assert post_webhook(root, event("checkout.session.completed", session)).status_code == 200
    attempt.refresh_from_db()
    assert attempt.status == "pending"
    assert attempt.provider_state["payment_intent"] == f"pi_{session['id']}"
    fake_stripe.sessions[session["id"]]["_intent_status"] = "requires_payment_method"
    failed = event("checkout.session.async_payment_failed", fake_stripe.public(session["id"]))
    assert post_webhook(root, failed).status_code == 200
    attempt.refresh_from_db()
    assert attempt.status == "failed"
    assert not Payment.objects.filter(family=parent.family).exists()


@pytest.mark.parametrize(("cents", "currency"), [(999, "eur"), (1000, "usd")])
def test_amount_or_currency_mismatch_is_refused_and_logged(
    parent, fake_stripe, root, caplog, cents, currency
):
    invoice = make_invoice(parent.family, "10.00")
    attempt, _ = start(parent, invoice)
    session = fake_stripe.pay(attempt.provider_reference, amount_cents=cents, currency=currency)
    with caplog.at_level(logging.WARNING, logger="core.payments.services"):
        post_webhook(root, event("checkout.session.completed", fake_stripe.public(session["id"])))
    attempt.refresh_from_db()
    assert attempt.status == "failed"
    assert "Montant ou devise" in attempt.last_error
    assert any("refused" in r.getMessage() for r in caplog.records)
    assert not Payment.objects.filter(family=parent.family).exists()
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_ISSUED


def test_webhook_naming_another_structures_object_does_nothing(
    parent, fake_stripe, root, beta, beta_client
):
    with tenant_context(beta):
        use_provider("stripe", stripe_account_id="acct_1BetaConnected")
    attempt, _ = start(parent, make_invoice(parent.family, "10.00"))
    session = fake_stripe.pay(attempt.provider_reference)
    payload_as_beta = event(
        "checkout.session.completed",
        fake_stripe.public(session["id"]),
        account="acct_1BetaConnected",
    )
    # Another connected account naming alpha's session: ignored.
    response = post_webhook(root, payload_as_beta)
    assert response.status_code == 200 and response.json() == {"received": False}
    # The right event sent to another structure's host: ignored there.
    payload = event("checkout.session.completed", fake_stripe.public(session["id"]))
    assert post_webhook(beta_client, payload, path="/api/v1/payments/stripe/webhook/").json() == {
        "received": False
    }
    # A session nobody knows.
    unknown = event("checkout.session.completed", {**session, "id": "cs_test_unknown"})
    assert post_webhook(root, unknown).json() == {"received": False}
    attempt.refresh_from_db()
    assert attempt.status == "pending"
    assert not [r for r in fake_stripe.requests if r[0] == "GET"]
    # On its own host, the same event is accepted.
    ok = post_webhook(parent, payload, path="/api/v1/payments/stripe/webhook/")
    assert ok.json() == {"received": True}
    attempt.refresh_from_db()
    assert attempt.status == "succeeded"


def test_session_of_another_attempt_is_not_accepted(parent, fake_stripe, root):
    """A forged routing row cannot make one attempt settle on another's paid session."""
    first, _ = start(parent, make_invoice(parent.family, "10.00"))
    second, _ = start(parent, make_invoice(parent.family, "10.00"))
    fake_stripe.pay(first.provider_reference)
    PaymentAttempt.objects.filter(pk=second.pk).update(provider_reference="cs_forged")
    ProviderReference.objects.filter(reference=second.provider_reference).update(
        reference="cs_forged"
    )
    fake_stripe.sessions["cs_forged"] = {**fake_stripe.sessions[first.provider_reference]}
    fake_stripe.accounts["cs_forged"] = ACCOUNT
    fake_stripe.sessions["cs_forged"]["id"] = "cs_forged"
    post_webhook(root, event("checkout.session.completed", fake_stripe.public("cs_forged")))
    second.refresh_from_db()
    assert second.status == "failed"
    assert not Payment.objects.filter(family=parent.family).exists()


def test_return_to_the_portal_settles_at_once(parent, fake_stripe):
    attempt, _ = start(parent, make_invoice(parent.family, "10.00"))
    pending = parent.get(f"/api/v1/billing/payments/attempts/{attempt.pk}/").json()
    assert pending["status"] == "pending"
    fake_stripe.pay(attempt.provider_reference)
    paid = parent.get(f"/api/v1/billing/payments/attempts/{attempt.pk}/").json()
    assert paid["status"] == "succeeded" and paid["payment_number"]


def test_polling_settles_an_attempt_whose_webhook_never_came(parent, fake_stripe, clock):
    attempt, _ = start(parent, make_invoice(parent.family, "10.00"))
    fake_stripe.pay(attempt.provider_reference)
    PaymentAttempt.objects.filter(pk=attempt.pk).update(
        created_at=clock.now - timedelta(minutes=20)
    )
    assert poll_pending_attempts() == 1
    attempt.refresh_from_db()
    assert attempt.status == "succeeded"


def test_refund_goes_through_stripe_then_cancels_the_payment(parent, fake_stripe, alpha):
    invoice = make_invoice(parent.family, "22.00")
    attempt, _ = start(parent, invoice)
    fake_stripe.pay(attempt.provider_reference)
    parent.get(f"/api/v1/billing/payments/attempts/{attempt.pk}/")
    payment = Payment.objects.get(family=parent.family)
    admin = logged(HOST, make_user(tenant=alpha, role=Role.ADMINISTRATEUR).email)
    response = admin.post(f"/api/v1/staff/billing/payments/{payment.pk}/refund/")
    assert response.status_code == 200, response.content
    [refund] = fake_stripe.refunds
    assert refund["payment_intent"] == f"pi_{attempt.provider_reference}"
    assert refund["account"] == ACCOUNT
    payment.refresh_from_db()
    assert payment.status == Payment.STATUS_CANCELLED
    assert payment.cancel_reason.startswith("Remboursement")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_ISSUED


def test_stripe_without_connected_account_is_refused_in_french(parent):
    use_provider("stripe", stripe_account_id="")
    invoice = make_invoice(parent.family, "10.00")
    response = parent.post(
        "/api/v1/billing/payments/checkout/", {"invoice_ids": [invoice.pk]}, content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["detail"] == ["Le compte Stripe de la structure n'est pas renseigné."]


def test_other_family_cannot_pay_with_stripe_either(parent, alpha):
    other, _ = make_family(tenant=alpha)
    response = parent.post(
        "/api/v1/billing/payments/checkout/",
        {"invoice_ids": [make_invoice(other, "5.00").pk]},
        content_type=JSON,
    )
    assert response.status_code == 404
