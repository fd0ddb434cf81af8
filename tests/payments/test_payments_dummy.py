"""Online payment with the demonstration provider, through the API and its page."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail

from core.accounts.roles import Role
from core.billing.models import Invoice, Payment
from core.billing.services.allocation import record_payment
from core.billing.services.statement import statement
from core.payments.models import PaymentAttempt
from core.payments.tasks import poll_pending_attempts
from tests.support.clients import JSON, logged
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family, make_user
from tests.support.payments import make_invoice

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)

HOST = "alpha.localhost"


@pytest.fixture
def parent(alpha):
    family, user = make_family(tenant=alpha)
    client = logged(HOST, user.email)
    client.family, client.user = family, user
    return client


def checkout(client, *invoices):
    return client.post(
        "/api/v1/billing/payments/checkout/",
        {"invoice_ids": [i.pk for i in invoices]},
        content_type=JSON,
    )


def choose(client, redirect_url: str, choice: str):
    return client.post(redirect_url, {"choice": choice})


def test_parent_pays_two_invoices_on_the_demo_page(parent, django_capture_on_commit_callbacks):
    first = make_invoice(parent.family, "30.00")
    second = make_invoice(parent.family, "12.50", due_in=60)
    info = parent.get("/api/v1/billing/payments/provider/").json()
    assert info == {
        "provider": "dummy",
        "label": "Paiement de démonstration — aucun débit réel",
        "enabled": True,
        "is_demo": True,
    }

    response = checkout(parent, first, second)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["provider"] == "dummy"
    page = parent.get(body["redirect_url"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "aucun débit réel" in html and "42,50 €" in html
    assert first.number in html and second.number in html
    assert "Payer (simulation)" in html and "Abandonner" in html

    with django_capture_on_commit_callbacks(execute=True):
        done = choose(parent, body["redirect_url"], "pay")
    assert done.status_code == 302
    assert done["Location"] == f"/facturation/paiement/{body['attempt_id']}"
    result = parent.get(f"/api/v1/billing/payments/attempts/{body['attempt_id']}/").json()
    assert result["status"] == "succeeded"
    assert result["amount"] == "42.50"
    assert [i["number"] for i in result["invoices"]] == [first.number, second.number]
    payment = Payment.objects.get(family=parent.family)
    assert result["payment_number"] == payment.number
    assert payment.method == Payment.METHOD_ONLINE and payment.amount == Decimal("42.50")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == Invoice.STATUS_PAID
    assert len(mail.outbox) == 1 and payment.number in mail.outbox[0].subject
    entries = statement(family=parent.family)["entries"]
    assert any(e.kind == "payment" and e.reference == payment.number for e in entries)

    # The page again (back button, double click): nothing more happens.
    choose(parent, body["redirect_url"], "pay")
    assert Payment.objects.filter(family=parent.family).count() == 1


@pytest.mark.parametrize(("choice", "status"), [("refuse", "failed"), ("abandon", "cancelled")])
def test_refused_or_abandoned_changes_nothing_and_the_parent_can_try_again(parent, choice, status):
    invoice = make_invoice(parent.family, "20.00")
    body = checkout(parent, invoice).json()
    choose(parent, body["redirect_url"], choice)
    result = parent.get(f"/api/v1/billing/payments/attempts/{body['attempt_id']}/").json()
    assert result["status"] == status
    assert result["payment_number"] is None
    assert "réessayer" in result["message"] or "restent à payer" in result["message"]
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_ISSUED
    assert not Payment.objects.filter(family=parent.family).exists()
    # A later choice on the same page cannot turn it into a payment.
    choose(parent, body["redirect_url"], "pay")
    assert not Payment.objects.filter(family=parent.family).exists()

    again = checkout(parent, invoice)
    assert again.status_code == 201
    choose(parent, again.json()["redirect_url"], "pay")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_PAID


def test_server_rechecks_ownership_and_what_is_left_to_pay(parent, alpha, clock):
    other, _ = make_family(tenant=alpha)
    theirs = make_invoice(other, "10.00")
    assert checkout(parent, theirs).status_code == 404
    mine = make_invoice(parent.family, "10.00")
    record_payment(
        family=parent.family,
        amount=Decimal("10.00"),
        method=Payment.METHOD_CHEQUE,
        received_on=clock.today,
    )
    refused = checkout(parent, mine)
    assert refused.status_code == 400
    assert refused.json()["detail"] == [f"La facture {mine.number} n'est plus à payer."]
    assert (
        parent.post(
            "/api/v1/billing/payments/checkout/", {"invoice_ids": []}, content_type=JSON
        ).status_code
        == 400
    )
    assert not PaymentAttempt.objects.exists()


def test_a_partly_paid_invoice_is_charged_what_is_left(parent, clock):
    invoice = make_invoice(parent.family, "30.00")
    record_payment(
        family=parent.family,
        amount=Decimal("10.00"),
        method=Payment.METHOD_CASH,
        received_on=clock.today,
    )
    body = checkout(parent, invoice).json()
    assert PaymentAttempt.objects.get(pk=body["attempt_id"]).amount == Decimal("20.00")


def test_invoice_paid_by_staff_meanwhile_leaves_the_rest_as_credit(parent, clock):
    invoice = make_invoice(parent.family, "30.00")
    body = checkout(parent, invoice).json()
    record_payment(
        family=parent.family,
        amount=Decimal("25.00"),
        method=Payment.METHOD_CHEQUE,
        received_on=clock.today,
    )
    choose(parent, body["redirect_url"], "pay")
    attempt = PaymentAttempt.objects.get(pk=body["attempt_id"])
    assert attempt.status == "succeeded"
    assert attempt.payment.amount == Decimal("30.00")
    assert attempt.payment.allocated_amount == Decimal("5.00")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_PAID


def test_attempts_pages_and_tokens_of_another_family_answer_404(parent, alpha):
    invoice = make_invoice(parent.family, "15.00")
    body = checkout(parent, invoice).json()
    other, user = make_family(tenant=alpha)
    stranger = logged(HOST, user.email)
    assert (
        stranger.get(f"/api/v1/billing/payments/attempts/{body['attempt_id']}/").status_code == 404
    )
    assert stranger.get(body["redirect_url"]).status_code == 404
    assert choose(stranger, body["redirect_url"], "pay").status_code == 404
    forged = body["redirect_url"].replace("/demo/", "/demo/x")
    assert parent.get(forged).status_code == 404
    assert PaymentAttempt.objects.get(pk=body["attempt_id"]).status == "pending"


def test_an_attempt_left_on_the_page_is_settled_by_polling(parent, clock):
    invoice = make_invoice(parent.family, "15.00")
    body = checkout(parent, invoice).json()
    attempt = PaymentAttempt.objects.get(pk=body["attempt_id"])
    assert poll_pending_attempts() == 0  # too recent to be asked about
    PaymentAttempt.objects.filter(pk=attempt.pk).update(created_at=clock.now - timedelta(hours=2))
    assert poll_pending_attempts() == 1
    attempt.refresh_from_db()
    assert attempt.status == "cancelled"
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_ISSUED


def test_administrator_sees_attempts_and_refunds_a_demo_payment(parent, alpha):
    invoice = make_invoice(parent.family, "18.00")
    body = checkout(parent, invoice).json()
    choose(parent, body["redirect_url"], "pay")
    admin = logged(HOST, make_user(tenant=alpha, role=Role.ADMINISTRATEUR).email)
    listing = admin.get("/api/v1/staff/billing/payment-attempts/?status=succeeded").json()
    assert [a["id"] for a in listing["results"]] == [body["attempt_id"]]
    assert listing["results"][0]["family_id"] == parent.family.pk

    payment = Payment.objects.get(family=parent.family)
    refunded = admin.post(f"/api/v1/staff/billing/payments/{payment.pk}/refund/")
    assert refunded.status_code == 200, refunded.content
    assert refunded.json()["status"] == "cancelled"
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_ISSUED
    assert PaymentAttempt.objects.get(pk=body["attempt_id"]).status == "refunded"
    again = admin.post(f"/api/v1/staff/billing/payments/{payment.pk}/refund/")
    assert again.status_code == 400

    manager = logged(HOST, make_user(tenant=alpha, role=Role.GESTIONNAIRE).email)
    assert manager.get("/api/v1/staff/billing/payment-settings/").status_code == 403
    assert parent.get("/api/v1/staff/billing/payment-attempts/").status_code == 403


def test_administrator_configures_the_provider(alpha):
    admin = logged(HOST, make_user(tenant=alpha, role=Role.ADMINISTRATEUR).email)
    assert admin.get("/api/v1/staff/billing/payment-settings/").json()["provider"] == "dummy"
    missing = admin.put(
        "/api/v1/staff/billing/payment-settings/",
        {"provider": "payfip", "enabled": True, "payfip_numcli": "", "payfip_mode": "T"},
        content_type=JSON,
    )
    assert missing.status_code == 400 and "payfip_numcli" in missing.json()
    bad = admin.put(
        "/api/v1/staff/billing/payment-settings/",
        {"provider": "payfip", "payfip_numcli": "12345"},
        content_type=JSON,
    )
    assert bad.status_code == 400
    ok = admin.put(
        "/api/v1/staff/billing/payment-settings/",
        {"provider": "payfip", "enabled": True, "payfip_numcli": "123456", "payfip_mode": "W"},
        content_type=JSON,
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["payfip_mode"] == "W"


def test_demo_provider_cannot_take_payments_where_it_is_not_allowed(alpha, settings):
    """In production (no demo mode) the demonstration provider would mark invoices paid
    without any money: refused at checkout and in the staff settings."""
    from core.payments.services import PaymentError, start_payment
    from tests.support.payments import make_invoice, use_provider

    settings.PAYMENT_DUMMY_ALLOWED = False
    use_provider("dummy")
    family, user = make_family(tenant=alpha)
    invoice = make_invoice(family, "10.00")
    with pytest.raises(PaymentError, match="pas ouvert"):
        start_payment(family=family, user=user, invoice_ids=[invoice.pk])
