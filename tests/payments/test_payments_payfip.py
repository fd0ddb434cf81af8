"""PayFiP through eopayment's payfip_ws backend, its SOAP calls answered by a fake server."""

from __future__ import annotations

import logging
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.db import connection

from core.accounts.roles import Role
from core.billing.models import Invoice, Payment
from core.payments.models import PaymentAttempt
from tenants.models import ProviderReference
from tests.support.clients import JSON, logged
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family, make_user
from tests.support.payfip_fake import FakePayFiP
from tests.support.payments import make_invoice, use_provider

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)

HOST = "alpha.localhost"
NOTIFY = "/api/v1/payments/payfip/notify/"


@pytest.fixture
def payfip(httpserver, settings):
    fake = FakePayFiP(httpserver)
    settings.PAYFIP_SERVICE_URL = fake.url
    return fake


@pytest.fixture
def parent(alpha, payfip):
    use_provider("payfip", payfip_numcli="123456", payfip_mode="T")
    family, user = make_family(tenant=alpha)
    client = logged(HOST, user.email)
    client.family, client.user = family, user
    return client


def start(parent, *invoices) -> tuple[PaymentAttempt, str]:
    response = parent.post(
        "/api/v1/billing/payments/checkout/",
        {"invoice_ids": [i.pk for i in invoices]},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    return PaymentAttempt.objects.get(pk=body["attempt_id"]), body["redirect_url"]


def notify(client, idop: str, method: str = "post"):
    previous = connection.tenant
    try:
        if method == "post":
            return client.post(NOTIFY, {"idop": idop})
        return client.get(NOTIFY, {"idop": idop})
    finally:
        connection.set_tenant(previous)


def test_idop_is_created_for_the_regie_and_the_parent_is_sent_to_payfip(parent, payfip):
    invoice = make_invoice(parent.family, "23.40")
    attempt, url = start(parent, invoice)
    assert attempt.provider_reference.startswith("idop")
    assert parse_qs(urlsplit(url).query) == {"idop": [attempt.provider_reference]}
    assert url.startswith("https://www.payfip.gouv.fr/")
    sent = payfip.operations[attempt.provider_reference]
    assert sent["numcli"] == "123456" and sent["saisie"] == "T"
    assert sent["montant"] == "2340"
    assert sent["mel"] == parent.user.email
    assert sent["urlnotif"].endswith(NOTIFY)
    assert sent["urlredirect"].endswith(f"/facturation/paiement/{attempt.pk}")
    assert ProviderReference.objects.filter(
        provider="payfip", reference=attempt.provider_reference
    ).exists()


def test_notification_then_return_record_one_payment(
    parent, payfip, django_capture_on_commit_callbacks
):
    invoice = make_invoice(parent.family, "23.40")
    attempt, _ = start(parent, invoice)
    # Before PayFiP knows the outcome (P5), a notification changes nothing.
    assert notify(parent, attempt.provider_reference).json() == {"received": False}
    attempt.refresh_from_db()
    assert attempt.status == "pending"

    payfip.results[attempt.provider_reference] = "P"
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(parent, attempt.provider_reference).json() == {"received": True}
        notify(parent, attempt.provider_reference, method="get")
        back = parent.get(f"/api/v1/billing/payments/attempts/{attempt.pk}/").json()
    assert back["status"] == "succeeded"
    payment = Payment.objects.get(family=parent.family)
    assert payment.amount == Decimal("23.40") and payment.method == Payment.METHOD_ONLINE
    assert attempt.provider_reference in payment.reference
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_PAID
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("code", "status"), [("R", "failed"), ("Z", "failed")])
def test_refused_payment_changes_nothing(parent, payfip, code, status):
    invoice = make_invoice(parent.family, "15.00")
    attempt, _ = start(parent, invoice)
    payfip.results[attempt.provider_reference] = code
    notify(parent, attempt.provider_reference)
    attempt.refresh_from_db()
    assert attempt.status == status
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_ISSUED
    assert not Payment.objects.filter(family=parent.family).exists()


def test_amount_reported_by_payfip_that_differs_is_refused(parent, payfip, caplog):
    attempt, _ = start(parent, make_invoice(parent.family, "15.00"))
    payfip.results[attempt.provider_reference] = "P"
    payfip.amounts[attempt.provider_reference] = "1400"
    with caplog.at_level(logging.WARNING, logger="core.payments.services"):
        notify(parent, attempt.provider_reference)
    attempt.refresh_from_db()
    assert attempt.status == "failed"
    assert not Payment.objects.filter(family=parent.family).exists()
    assert any("refused" in r.getMessage() for r in caplog.records)


def test_unknown_idop_and_other_structures_idop_do_nothing(parent, payfip, beta_client):
    attempt, _ = start(parent, make_invoice(parent.family, "15.00"))
    payfip.results[attempt.provider_reference] = "P"
    assert notify(parent, "idop-unknown").json() == {"received": False}
    # Notified on another structure's host: that structure has no such attempt.
    assert notify(beta_client, attempt.provider_reference).json() == {"received": False}
    attempt.refresh_from_db()
    assert attempt.status == "pending"


def test_payfip_refund_is_refused_with_a_french_message(parent, payfip, alpha):
    attempt, _ = start(parent, make_invoice(parent.family, "15.00"))
    payfip.results[attempt.provider_reference] = "P"
    notify(parent, attempt.provider_reference)
    payment = Payment.objects.get(family=parent.family)
    admin = logged(HOST, make_user(tenant=alpha, role=Role.ADMINISTRATEUR).email)
    response = admin.post(f"/api/v1/staff/billing/payments/{payment.pk}/refund/")
    assert response.status_code == 400
    assert "mandat administratif" in response.json()["detail"][0]
    payment.refresh_from_db()
    assert payment.status == Payment.STATUS_RECORDED


def test_payfip_refuses_less_than_one_euro(parent):
    response = parent.post(
        "/api/v1/billing/payments/checkout/",
        {"invoice_ids": [make_invoice(parent.family, "0.80").pk]},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "moins de 1 €" in response.json()["detail"][0]


def test_other_family_invoice_is_a_404(parent, alpha):
    other, _ = make_family(tenant=alpha)
    response = parent.post(
        "/api/v1/billing/payments/checkout/",
        {"invoice_ids": [make_invoice(other, "5.00").pk]},
        content_type=JSON,
    )
    assert response.status_code == 404
