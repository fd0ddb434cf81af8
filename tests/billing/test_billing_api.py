"""The billing API: the parent's account and statement, the staff's runs, payments, credit
notes; another family's or structure's ids answer 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from core.accounts.roles import Role
from core.billing.models import Invoice, InvoiceRun, Payment
from tests.support.billing import priced_activity, reserve, run_and_publish, test_series
from tests.support.clients import JSON, logged
from tests.support.factories import make_family, make_user

# After the December payments these tests record (a payment cannot be dated in the future).
pytestmark = pytest.mark.frozen_at("2026-12-07 10:00")

HOST = "alpha.localhost"


@pytest.fixture
def billed(alpha):
    """A parent with two unpaid invoices (October 7,50 €, November 5,00 €)."""
    activity = priced_activity(price="2.50")
    family, user = make_family(tenant=alpha)
    child = family.children.get()
    for day in (5, 6, 7):
        reserve(child, activity, date(2026, 10, day))
    run_and_publish(activities=[activity], issue=date(2026, 11, 2))
    for day in (2, 3):
        reserve(child, activity, date(2026, 11, day))
    run_and_publish(
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        activities=[activity],
        issue=date(2026, 12, 1),
    )
    client = logged(HOST, user.email)
    client.family = family
    client.activity = activity
    return client


@pytest.fixture
def accountant(alpha):
    user = make_user(tenant=alpha, role=Role.COMPTABLE)
    client = logged(HOST, user.email)
    client.user = user
    return client


def test_parent_sees_unpaid_invoices_oldest_due_first_and_the_balance(billed):
    body = billed.get("/api/v1/billing/account/").json()
    assert body["balance"] == "12.50" and body["unpaid_count"] == 2
    assert [i["total"] for i in body["unpaid"]] == ["7.50", "5.00"]
    assert body["unpaid"][0]["number"].startswith("TF2026-")
    home = billed.get("/api/v1/family/home/").json()
    assert home["counters"]["unpaid_invoices"] == 2


def test_parent_reads_an_invoice_grouped_lines_but_not_another_familys(billed, alpha):
    invoice = Invoice.objects.filter(family=billed.family).order_by("issue_date").first()
    body = billed.get(f"/api/v1/billing/invoices/{invoice.pk}/").json()
    assert [line["amount"] for line in body["lines"]] == ["2.50"] * 3
    assert body["lines"][0]["activity_name"] == "ALAE Matin"
    other, _ = make_family(tenant=alpha)
    activity = billed.activity
    reserve(other.children.get(), activity, date(2026, 12, 1))
    run = run_and_publish(start=date(2026, 12, 1), end=date(2026, 12, 31), activities=[activity])
    foreign = Invoice.objects.get(run=run, family=other)
    assert billed.get(f"/api/v1/billing/invoices/{foreign.pk}/").status_code == 404
    listed = billed.get("/api/v1/billing/invoices/").json()
    assert foreign.pk not in [i["id"] for i in listed["results"]]


def test_another_structure_sees_nothing_of_alphas_invoices(billed, beta):
    from django_tenants.utils import tenant_context

    invoice = Invoice.objects.filter(family=billed.family).first()
    with tenant_context(beta):
        user = make_user(tenant=beta, role=Role.ADMINISTRATEUR)
    client = logged("beta.localhost", user.email)
    assert client.get(f"/api/v1/staff/billing/invoices/{invoice.pk}/").status_code == 404
    assert client.get("/api/v1/staff/billing/invoices/").json()["count"] == 0


def test_statement_endpoint_gives_the_running_balance(billed):
    body = billed.get("/api/v1/billing/statement/").json()
    assert [e["balance"] for e in body["entries"]] == ["7.50", "12.50"]
    bad = billed.get("/api/v1/billing/statement/?from=demain")
    assert bad.status_code == 400 and "Date invalide" in str(bad.json()["from"])


def test_staff_records_a_cheque_allocated_by_hand_and_the_family_gets_a_receipt(
    billed, accountant, django_capture_on_commit_callbacks
):
    november = Invoice.objects.filter(family=billed.family).order_by("issue_date").last()
    with django_capture_on_commit_callbacks(execute=True):
        response = accountant.post(
            "/api/v1/staff/billing/payments/",
            {
                "family": billed.family.pk,
                "method": "cheque",
                "amount": "5.00",
                "received_on": "2026-12-05",
                "reference": "0001234",
                "allocation": "manual",
                "allocations": [{"invoice": november.pk, "amount": "5.00"}],
            },
            content_type=JSON,
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["invoices"] == [{"id": november.pk, "number": november.number, "amount": "5.00"}]
    november.refresh_from_db()
    assert november.status == Invoice.STATUS_PAID
    assert any("Reçu de votre règlement" in m.subject for m in mail.outbox)


def test_bad_payment_input_gets_french_errors_and_writes_nothing(billed, accountant):
    response = accountant.post(
        "/api/v1/staff/billing/payments/",
        {"family": billed.family.pk, "method": "bitcoin", "amount": "-3", "received_on": "x"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"method", "amount", "received_on"}
    over = accountant.post(
        "/api/v1/staff/billing/payments/",
        {
            "family": billed.family.pk,
            "method": "cash",
            "amount": "100.00",
            "received_on": "2026-12-05",
            "allocation": "manual",
            "allocations": [{"invoice": 999999, "amount": "1.00"}],
        },
        content_type=JSON,
    )
    assert over.status_code == 400 and "facture" in over.json()["detail"][0]
    assert not Payment.objects.filter(family=billed.family).exists()


def test_staff_corrects_an_invoice_by_a_credit_note(billed, accountant):
    october = Invoice.objects.filter(family=billed.family).order_by("issue_date").first()
    response = accountant.post(
        f"/api/v1/staff/billing/invoices/{october.pk}/credit-note/",
        {"reason": "Sortie annulée", "amount": "2.50"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "credit_note"
    assert response.json()["refers_to_number"] == october.number
    too_much = accountant.post(
        f"/api/v1/staff/billing/invoices/{october.pk}/credit-note/",
        {"reason": "Encore", "amount": "9.00"},
        content_type=JSON,
    )
    assert too_much.status_code == 400 and "compris entre" in too_much.json()["detail"][0]


def test_staff_run_goes_from_draft_to_published_through_the_api(
    alpha, accountant, django_capture_on_commit_callbacks
):
    test_series()
    activity = priced_activity(price="4.00", name="CL Mercredis")
    family, _ = make_family(tenant=alpha)
    reserve(family.children.get(), activity, date(2026, 9, 9))
    with django_capture_on_commit_callbacks(execute=True):
        created = accountant.post(
            "/api/v1/staff/billing/runs/",
            {
                "period_start": "2026-09-01",
                "period_end": "2026-09-30",
                "activity_ids": [activity.pk],
            },
            content_type=JSON,
        )
    assert created.status_code == 201, created.content
    run_id = created.json()["id"]
    run = accountant.get(f"/api/v1/staff/billing/runs/{run_id}/").json()
    assert (run["status"], run["total"], run["family_count"]) == ("draft", "4.00", 1)
    families = accountant.get(f"/api/v1/staff/billing/runs/{run_id}/families/").json()
    rf = families["results"][0]
    lines = accountant.get(f"/api/v1/staff/billing/runs/{run_id}/families/{rf['id']}/lines/")
    assert lines.json()[0]["label"].startswith("Accueil") or lines.json()[0]["amount"] == "4.00"
    with django_capture_on_commit_callbacks(execute=True):
        published = accountant.post(
            f"/api/v1/staff/billing/runs/{run_id}/publish/",
            {"issue_date": "2026-10-01"},
            content_type=JSON,
        )
    assert published.status_code == 200, published.content
    assert InvoiceRun.objects.get(pk=run_id).status == InvoiceRun.STATUS_PUBLISHED
    invoice = Invoice.objects.get(run_id=run_id)
    assert invoice.due_date == date(2026, 10, 31)
    assert any("Nouvelle facture" in m.subject for m in mail.outbox)
    again = accountant.post(
        f"/api/v1/staff/billing/runs/{run_id}/publish/",
        {"issue_date": "2026-10-01"},
        content_type=JSON,
    )
    assert again.status_code == 400
    assert accountant.delete(f"/api/v1/staff/billing/runs/{run_id}/").status_code == 400


def test_animateur_cannot_see_billing(alpha):
    user = make_user(tenant=alpha, role=Role.ANIMATEUR)
    client = logged(HOST, user.email)
    assert client.get("/api/v1/staff/billing/invoices/").status_code == 403
    assert client.get("/api/v1/staff/billing/runs/").status_code == 403
