"""CSV formula injection: no cell of a CSV Marelle writes is run by a spreadsheet.

A family's name, a payment's reference or a staff member's label typed as ``=…`` is written
with a leading quote (text, still readable); amounts stay plain French numbers.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from core import csv_safe
from core.accounts.roles import Role
from core.billing.documents import exports
from core.billing.models import Invoice, InvoiceRun, InvoiceSeries
from core.billing.services.allocation import record_payment
from core.billing.services.credit_notes import issue_credit_note
from core.billing.services.runs import compute_run, create_run, publish_run, request_publish
from core.families.models import Family, Guardian
from tests.support.billing import MONTH, priced_activity, reserve
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family, make_user

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FRENCH_NUMBER = re.compile(r"-?[0-9]+(,[0-9]+)?")
AMOUNT = re.compile(r"-?[0-9]+,[0-9]{2}")


def parse(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


# The helper --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [*HOSTILE, "-", "=", "+12,50", "-12.50", "-1\n=1", "-١٢"])
def test_a_cell_starting_with_a_formula_character_gets_a_leading_quote(value):
    assert csv_safe.escape_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-12,50", "1234,56", "-7", "0,00", "12"])
def test_a_french_number_is_written_as_is(value):
    assert csv_safe.escape_cell(value) == value


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("Martin", "Martin"),
        ("Geste commercial", "Geste commercial"),
        ("", ""),
        (None, ""),
        (3, "3"),
    ],
)
def test_text_without_a_formula_character_is_untouched(value, cell):
    assert csv_safe.escape_cell(value) == cell


def test_the_writer_escapes_every_cell_of_every_row():
    buffer = io.StringIO()
    writer = csv_safe.writer(buffer, delimiter=";")
    writer.writerow(["=1", "Nom"])
    writer.writerows([name, "-12,50"] for name in ["@A1", "Martin; =2"])
    assert list(csv.reader(io.StringIO(buffer.getvalue()), delimiter=";")) == [
        ["'=1", "Nom"],
        ["'@A1", "-12,50"],
        ["Martin; =2", "-12,50"],  # quoted by csv: one cell, which does not start with "="
    ]


def test_the_accounting_csv_keeps_negative_amounts_as_numbers():
    text = exports.to_csv(["Nom", "Montant"], [["-2+3", exports.money(Decimal("-12.50"))]])
    assert parse(text) == [["Nom", "Montant"], ["'-2+3", "-12,50"]]


def test_no_csv_is_written_without_the_helper():
    # Any new export must go through core.csv_safe: a plain csv.writer would reopen the hole.
    writers = re.compile(r"\bcsv\.(writer|DictWriter)\b|from csv import[^\n]*\b(writer|DictWriter)")
    helper = ROOT / "platform" / "core" / "csv_safe.py"
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("platform", "api", "modules", "tenants")
        for path in (ROOT / folder).rglob("*.py")
        if path != helper and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# Every export, through the API -------------------------------------------------------------


@pytest.fixture
def accountant(alpha, alpha_client):
    alpha_client.force_login(make_user(role=Role.COMPTABLE))
    return alpha_client


def hostile_documents(alpha, payload: str) -> dict:
    """An invoice, a credit note and a payment with ``payload`` in every text a family or staff
    can set that reaches an export."""
    InvoiceSeries.objects.update(is_default=False)
    series = InvoiceSeries.objects.create(
        name="Série piégée",
        # Prefixes hold 20 characters; invoices and credit notes share one numbering space.
        invoice_prefix=f"{payload[:18]}F",
        credit_note_prefix=f"{payload[:18]}A",
        receipt_prefix=f"{payload[:18]}R",
        is_default=True,
    )
    activity = priced_activity(price="1234.56", name="Séjour")
    family, _ = make_family(tenant=alpha)
    # Straight into the database: the attack is what the family stored, whatever the form.
    Family.objects.filter(pk=family.pk).update(name=payload)
    Guardian.objects.filter(family=family).update(
        first_name=payload, last_name=payload, civility=""
    )
    reserve(family.children.get(), activity, date(2026, 10, 5))
    run = create_run(
        label=payload,
        period_start=MONTH[0],
        period_end=MONTH[1],
        activity_ids=[activity.pk],
        series=series,
    )
    run = compute_run(run_id=run.pk)
    request_publish(run=run, issue_date=MONTH[1] + timedelta(days=1))
    run = publish_run(run_id=run.pk)
    assert run.status == InvoiceRun.STATUS_PUBLISHED, run.failure
    invoice = Invoice.objects.get(run=run)
    note = issue_credit_note(invoice=invoice, reason=payload, amount=Decimal("34.56"))
    payment = record_payment(
        family=family,
        amount=Decimal("200.00"),
        method="cheque",
        received_on=date(2026, 11, 3),
        reference=payload,
        payer=payload,
    )
    family.refresh_from_db()
    return {"family": family, "run": run, "invoice": invoice, "note": note, "payment": payment}


def expected_cells(docs: dict) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """Per export: the text cells (column → stored value) and the amounts of the document."""
    invoice, note, payment = docs["invoice"], docs["note"], docs["payment"]
    return {
        "invoices": (
            {
                "Numéro": invoice.number,
                "Destinataire": invoice.recipient_name,
                "Lot de facturation": docs["run"].label,
            },
            {"Montant": "1234,56", "Réglé": "234,56", "Reste dû": "1000,00"},
        ),
        "credit-notes": (
            {
                "Numéro": note.number,
                "Destinataire": note.recipient_name,
                "Facture corrigée": invoice.number,
                "Motif": note.reason,
            },
            {"Montant": "34,56", "Imputé": "34,56", "Reste à imputer": "0,00"},
        ),
        "payments": (
            {
                "N° de reçu": payment.number,
                "Famille": docs["family"].name,
                "Référence": payment.reference,
                "Payeur": payment.payer,
                "Factures réglées": f"{invoice.number} (200,00)",
            },
            {"Montant": "200,00", "Affecté": "200,00", "Non affecté": "0,00"},
        ),
    }


@pytest.mark.parametrize("payload", HOSTILE, ids=repr)
def test_every_csv_export_writes_hostile_text_as_text_and_amounts_as_numbers(
    payload, alpha, accountant
):
    docs = hostile_documents(alpha, payload)
    for export, (texts, amounts) in expected_cells(docs).items():
        response = accountant.get(f"/api/v1/staff/billing/exports/{export}.csv")
        assert response.status_code == 200, export
        header, *rows = parse(response.content.decode("utf-8"))
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_START) or FRENCH_NUMBER.fullmatch(cell), (
                    export,
                    cell,
                )
        [row] = [r for r in rows if r[0] == "'" + texts[header[0]]]
        cells = dict(zip(header, row, strict=True))
        for column, value in texts.items():
            # The hostile value reached the export (forms may strip a leading tab or return)…
            assert value.startswith(FORMULA_START), (export, column, value)
            # …and is still readable right after the quote.
            assert cells[column] == "'" + value, (export, column)
        for column, amount in amounts.items():
            assert AMOUNT.fullmatch(cells[column]) and cells[column] == amount, (export, column)
