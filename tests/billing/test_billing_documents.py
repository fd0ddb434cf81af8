"""Invoice, credit note and receipt PDFs: content, access by family and staff, isolation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from core.accounts.roles import Role
from core.billing.documents.invoices import (
    group_lines,
    render_invoice_html,
    render_invoice_pdf,
    render_receipt_html,
)
from core.billing.models import BillingSettings, Invoice
from core.billing.services.allocation import record_payment
from core.billing.services.credit_notes import issue_credit_note
from tests.support.billing import priced_activity, reserve, run_and_publish, test_series
from tests.support.clients import client_ip
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family, make_user

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)


@pytest.fixture
def billed(alpha):
    """A family with two children on two activities, invoiced for October, partly paid."""
    morning = priced_activity(price="2.50", name="ALAE Matin")
    evening = priced_activity(price="3.10", kind="accueil_soir", name="ALAE Soir")
    family, user = make_family(tenant=alpha, children=2)
    first, second = family.children.order_by("first_name")
    for day in (5, 6):
        reserve(first, morning, date(2026, 10, day))
        reserve(second, evening, date(2026, 10, day))
    reserve(first, evening, date(2026, 10, 7))
    run = run_and_publish(activities=[morning, evening])
    invoice = Invoice.objects.get(run=run, family=family)
    test_series()
    payment = record_payment(
        family=family,
        amount=Decimal("5.00"),
        method="cheque",
        received_on=date(2026, 11, 10),
        reference="CHQ 1234567",
    )
    return {"family": family, "user": user, "invoice": invoice, "payment": payment}


def test_invoice_shows_identity_lines_by_child_and_activity_and_payments(billed):
    settings = BillingSettings.current()
    settings.siret = "21690123400019"
    settings.legal_mentions = "Régie municipale – TVA non applicable."
    settings.save()
    invoice = billed["invoice"]
    invoice.refresh_from_db()
    assert invoice.total == Decimal("14.30")

    groups = group_lines(invoice.lines.order_by("child_name", "activity_name", "date", "pk"))
    assert [(g.name, [(a.name, a.total) for a in g.activities]) for g in groups] == [
        (
            groups[0].name,
            [("ALAE Matin", Decimal("5.00")), ("ALAE Soir", Decimal("3.10"))],
        ),
        (groups[1].name, [("ALAE Soir", Decimal("6.20"))]),
    ]
    html = render_invoice_html(invoice=invoice)
    for text in (
        invoice.number,
        "Mairie d&#x27;Alpha",
        "21690123400019",
        "Régie municipale – TVA non applicable.",
        groups[0].name,
        "Sous-total ALAE Matin",
        "14,30 €",  # French decimal comma
        "Règlements reçus",
        billed["payment"].number,
        "CHQ 1234567",
        "Reste à payer",
        "9,30 €",
    ):
        assert text in html, text
    assert html.index(groups[0].name) < html.index(groups[1].name)

    data, filename = render_invoice_pdf(invoice=invoice)
    assert data.startswith(b"%PDF") and filename == f"facture-{invoice.number}.pdf"


def test_credit_note_says_avoir_and_names_the_invoice_it_corrects(billed, alpha):
    invoice = billed["invoice"]
    note = issue_credit_note(invoice=invoice, reason="Erreur de pointage", amount=Decimal("2.00"))
    html = render_invoice_html(invoice=note)
    assert "<h1>Avoir</h1>" in html
    assert f"Avoir sur la facture n° {invoice.number}" in html
    assert "Erreur de pointage" in html
    assert render_invoice_pdf(invoice=note)[1] == f"avoir-{note.number}.pdf"
    # The invoice lists its credit note.
    assert note.number in render_invoice_html(invoice=invoice)


def test_receipt_names_payment_and_the_invoices_it_settled(billed):
    payment = billed["payment"]
    html = render_receipt_html(payment=payment)
    assert "Reçu de règlement" in html and payment.number in html
    assert billed["invoice"].number in html and "5,00 €" in html and "Chèque" in html


def test_parent_downloads_own_invoice_and_receipt_not_another_familys(billed, alpha_client):
    alpha_client.force_login(billed["user"])
    response = alpha_client.get(f"/api/v1/billing/invoices/{billed['invoice'].pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="facture-{billed["invoice"].number}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    receipt = alpha_client.get(f"/api/v1/billing/payments/{billed['payment'].pk}/receipt/")
    assert receipt.status_code == 200

    _, other = make_family(tenant=None)
    alpha_client.force_login(other)
    assert alpha_client.get(
        f"/api/v1/billing/invoices/{billed['invoice'].pk}/pdf/"
    ).status_code == (404)
    receipt = alpha_client.get(f"/api/v1/billing/payments/{billed['payment'].pk}/receipt/")
    assert receipt.status_code == 404


def test_staff_with_billing_role_downloads_any_invoice_animateur_cannot(billed, alpha_client):
    url = f"/api/v1/staff/billing/invoices/{billed['invoice'].pk}/pdf/"
    alpha_client.force_login(make_user(role=Role.COMPTABLE))
    assert alpha_client.get(url).status_code == 200
    receipt = f"/api/v1/staff/billing/payments/{billed['payment'].pk}/receipt/"
    assert alpha_client.get(receipt).status_code == 200
    alpha_client.force_login(make_user(role=Role.ANIMATEUR))
    assert alpha_client.get(url).status_code == 403
    # A parent is not staff.
    alpha_client.force_login(billed["user"])
    assert alpha_client.get(url).status_code == 403


def test_beta_cannot_see_alphas_invoice(billed, beta):
    invoice_id = billed["invoice"].pk
    admin = make_user(tenant=beta, role=Role.ADMINISTRATEUR)
    client = Client(HTTP_HOST="beta.localhost", REMOTE_ADDR=client_ip())
    with tenant_context(beta):
        client.force_login(admin)
        assert not Invoice.objects.filter(pk=invoice_id).exists()
    assert client.get(f"/api/v1/staff/billing/invoices/{invoice_id}/pdf/").status_code == 404
