"""Accounting CSV exports and SEPA direct debit batches (pain.008), with their collection."""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from decimal import Decimal

import pytest
import sepaxml
import xmlschema
from lxml import etree

from core.accounts.roles import Role
from core.billing.documents.sepa import save_mandate
from core.billing.models import BillingSettings, DirectDebitMandate, Invoice, Payment
from core.billing.services.allocation import record_payment
from core.billing.services.credit_notes import issue_credit_note
from core.families.models import Family
from tests.support.billing import priced_activity, reserve, run_and_publish, test_series
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family, make_user

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"}
COLLECTION = date(2026, 12, 5)


def rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.fixture
def accountant(alpha, alpha_client):
    alpha_client.force_login(make_user(role=Role.COMPTABLE))
    return alpha_client


@pytest.fixture
def invoiced(alpha):
    activity = priced_activity(price="1234.56", name="Séjour")
    family, _ = make_family(tenant=alpha)
    reserve(family.children.get(), activity, date(2026, 10, 5))
    run = run_and_publish(activities=[activity])
    test_series()
    return {"family": family, "activity": activity, "invoice": Invoice.objects.get(run=run)}


def test_invoice_credit_note_and_payment_exports_are_french_csv(invoiced, accountant):
    invoice, family = invoiced["invoice"], invoiced["family"]
    note = issue_credit_note(invoice=invoice, reason="Geste commercial", amount=Decimal("34.56"))
    payment = record_payment(
        family=family, amount=Decimal("200.00"), method="cheque", received_on=date(2026, 11, 3)
    )
    response = accountant.get("/api/v1/staff/billing/exports/invoices.csv?from=2026-11-01")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="factures-20261101.csv"'
    table = rows(response)
    assert table[0][:4] == ["Numéro", "Date d'émission", "Échéance", "N° famille"]
    [row] = [r for r in table if r[0] == invoice.number]
    assert row[1] == "01/11/2026"
    assert row[3] == str(family.number)
    assert row[7:10] == ["1234,56", "234,56", "1000,00"]  # decimal comma, no grouping

    before = accountant.get("/api/v1/staff/billing/exports/invoices.csv?to=2026-10-31")
    assert invoice.number not in before.content.decode()

    notes = rows(accountant.get("/api/v1/staff/billing/exports/credit-notes.csv"))
    [row] = [r for r in notes if r[0] == note.number]
    assert row[4] == invoice.number and row[5] == "34,56" and row[8] == "Geste commercial"

    payments = rows(
        accountant.get("/api/v1/staff/billing/exports/payments.csv?from=2026-11-03&to=2026-11-03")
    )
    [row] = [r for r in payments if r[0] == payment.number]
    assert row[1] == "03/11/2026" and row[4] == "Chèque" and row[7] == "200,00"
    assert row[11] == f"{invoice.number} (200,00)"

    bad = accountant.get("/api/v1/staff/billing/exports/payments.csv?from=2026-13-01")
    assert bad.status_code == 400
    accountant.force_login(make_user(role=Role.ANIMATEUR))
    assert accountant.get("/api/v1/staff/billing/exports/invoices.csv").status_code == 403


# SEPA ------------------------------------------------------------------------------------


def configure_creditor() -> None:
    settings = BillingSettings.current()
    settings.sepa_creditor_name = "Régie périscolaire d'Alpha"
    settings.sepa_creditor_id = "FR72ZZZ123456"
    settings.sepa_iban = "FR7630006000011234567890189"
    settings.sepa_bic = "AGRIFRPP"
    settings.save()


def debtor(family: Family, reference: str, iban: str = "FR1420041010050500013M02606"):
    Family.objects.filter(pk=family.pk).update(iban=iban, account_holder="Camille Martin")
    family.refresh_from_db()
    return save_mandate(family=family, reference=reference, signed_on=date(2026, 9, 1))


def sequence_types(xml: str) -> list[str]:
    tree = etree.fromstring(xml.encode())
    return tree.xpath("//p:PmtTpInf/p:SeqTp/text()", namespaces=NS)


def validate(xml: str) -> None:
    schema = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.008.001.02.xsd")
    xmlschema.XMLSchema(schema).validate(xml)


def test_batch_first_then_recurring_and_confirm_records_payments_once(invoiced, accountant):
    configure_creditor()
    family, invoice = invoiced["family"], invoiced["invoice"]
    mandate = debtor(family, "RUM-ALPHA-0001")
    without_iban, _ = make_family()
    reserve(without_iban.children.get(), invoiced["activity"], date(2026, 10, 6))
    # Nothing to debit for a family without IBAN even with a mandate.
    save_mandate(family=without_iban, reference="RUM-ALPHA-0002", signed_on=date(2026, 9, 1))

    response = accountant.post(
        "/api/v1/staff/billing/sepa/batches/",
        {"collection_date": COLLECTION.isoformat(), "invoice_ids": [invoice.pk]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    batch = response.json()
    assert batch["count"] == 1 and batch["total"] == "1234.56"
    xml_response = accountant.get(batch["download_url"])
    assert xml_response.status_code == 200
    assert xml_response["Content-Type"].startswith("application/xml")
    xml = xml_response.content.decode()
    validate(xml)
    assert sequence_types(xml) == ["FRST"]
    assert "RUM-ALPHA-0001" in xml and "FR1420041010050500013M02606" in xml
    # An invoice already in a batch waiting for collection is not debited twice.
    again = accountant.post(
        "/api/v1/staff/billing/sepa/batches/",
        {"collection_date": COLLECTION.isoformat(), "invoice_ids": [invoice.pk]},
        content_type="application/json",
    )
    assert again.status_code == 400
    assert "Aucune facture à prélever" in again.json()["detail"][0]

    confirm = f"/api/v1/staff/billing/sepa/batches/{batch['id']}/confirm/"
    assert accountant.post(confirm).json()["status"] == "collected"
    assert accountant.post(confirm).status_code == 200  # a double click changes nothing
    payments = Payment.objects.filter(family=family)
    assert payments.count() == 1
    payment = payments.get()
    assert payment.method == Payment.METHOD_DIRECT_DEBIT
    assert payment.received_on == COLLECTION and payment.amount == Decimal("1234.56")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.STATUS_PAID
    mandate.refresh_from_db()
    assert mandate.first_collected

    # Next month: the mandate's second debit is recurring.
    reserve(family.children.get(), invoiced["activity"], date(2026, 11, 3))
    run = run_and_publish(
        start=date(2026, 11, 1), end=date(2026, 11, 30), activities=[invoiced["activity"]]
    )
    november = Invoice.objects.get(run=run, family=family)
    second = accountant.post(
        "/api/v1/staff/billing/sepa/batches/",
        {"collection_date": "2027-01-05", "due_until": "2027-01-31"},
        content_type="application/json",
    )
    assert second.status_code == 201, second.content
    xml = accountant.get(second.json()["download_url"]).content.decode()
    validate(xml)
    assert november.number in xml and "RCUR" in sequence_types(xml)
    assert "RUM-ALPHA-0002" not in xml  # no IBAN
    listing = accountant.get("/api/v1/staff/billing/sepa/batches/").json()
    assert [b["id"] for b in listing["results"]][:2] == [second.json()["id"], batch["id"]]


def test_batch_errors_are_french(invoiced, accountant):
    url = "/api/v1/staff/billing/sepa/batches/"
    body = {"collection_date": COLLECTION.isoformat(), "invoice_ids": [invoiced["invoice"].pk]}
    settings = BillingSettings.current()
    settings.sepa_creditor_id = ""
    settings.save()
    response = accountant.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "créancier SEPA n'est pas configuré" in response.json()["detail"][0]
    configure_creditor()
    response = accountant.post(url, body, content_type="application/json")
    assert response.status_code == 400  # the family has no mandate
    assert "Aucune facture à prélever" in response.json()["detail"][0]
    past = accountant.post(
        url, {**body, "collection_date": "2020-01-01"}, content_type="application/json"
    )
    assert "postérieure à aujourd'hui" in past.json()["detail"][0]


def test_staff_reads_and_updates_a_familys_mandate(invoiced, accountant):
    family = invoiced["family"]
    url = f"/api/v1/staff/billing/mandates/{family.pk}/"
    assert accountant.get(url).status_code == 404
    body = {"reference": "RUM-2026-042", "signed_on": "2026-09-01", "active": True}
    response = accountant.put(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json() == {**body, "first_collected": False}
    DirectDebitMandate.objects.filter(family=family).update(first_collected=True)
    # Another reference is another mandate: its first debit is FRST again.
    changed = accountant.put(
        url, {**body, "reference": "RUM-2026-043"}, content_type="application/json"
    )
    assert changed.json()["first_collected"] is False
    invalid = accountant.put(url, {**body, "reference": "RUM é"}, content_type="application/json")
    assert invalid.status_code == 400
    other, _ = make_family()
    taken = accountant.put(
        f"/api/v1/staff/billing/mandates/{other.pk}/",
        {**body, "reference": "RUM-2026-043"},
        content_type="application/json",
    )
    assert taken.status_code == 400 and "déjà utilisée" in taken.json()["detail"][0]
