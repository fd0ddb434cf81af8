"""Payments recorded by staff: allocation oldest first or by hand, credits, statement."""

from datetime import date
from decimal import Decimal

import pytest

from core.billing.models import Invoice, Payment
from core.billing.services.allocation import (
    AllocationError,
    ManualAllocation,
    cancel_payment,
    record_payment,
)
from core.billing.services.credit_notes import issue_credit_note
from core.billing.services.statement import available_credits, balance, statement
from core.booking.models import Reservation
from tests.support.billing import priced_activity, reserve, run_and_publish
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)


@pytest.fixture
def two_invoices(alpha):
    """October (10,00 €) and November (6,00 €) invoices of one family."""
    activity = priced_activity(price="2.00")
    family, _ = make_family(tenant=alpha)
    child = family.children.get()
    for day in range(5, 10):
        reserve(child, activity, date(2026, 10, day))
    run_and_publish(activities=[activity], issue=date(2026, 11, 2))
    for day in range(2, 5):
        reserve(child, activity, date(2026, 11, day))
    run_and_publish(
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        activities=[activity],
        issue=date(2026, 12, 1),
    )
    october, november = Invoice.objects.filter(family=family).order_by("issue_date")
    return family, october, november, activity


def test_automatic_allocation_settles_the_oldest_invoice_first(two_invoices):
    family, october, november, _ = two_invoices
    payment = record_payment(
        family=family,
        amount=Decimal("12.00"),
        method=Payment.METHOD_CHEQUE,
        received_on=date(2026, 12, 3),
        reference="1234567",
    )
    october.refresh_from_db()
    november.refresh_from_db()
    assert october.status == Invoice.STATUS_PAID and october.settled_amount == Decimal("10.00")
    assert november.status == Invoice.STATUS_PARTLY_PAID
    assert november.outstanding == Decimal("4.00")
    assert payment.allocated_amount == Decimal("12.00") and payment.number.startswith("TR")


def test_manual_allocation_pays_the_chosen_invoice_and_keeps_the_rest_as_credit(two_invoices):
    family, october, november, _ = two_invoices
    payment = record_payment(
        family=family,
        amount=Decimal("8.00"),
        method=Payment.METHOD_CESU,
        received_on=date(2026, 12, 3),
        allocations=[ManualAllocation(invoice_id=november.pk, amount=Decimal("6.00"))],
    )
    november.refresh_from_db()
    october.refresh_from_db()
    assert november.status == Invoice.STATUS_PAID and october.status == Invoice.STATUS_ISSUED
    assert payment.unallocated == Decimal("2.00")
    assert balance(family=family) == Decimal("8.00")  # 16 − 8
    assert available_credits(family_ids=[family.pk]) == {family.pk: Decimal("2.00")}


def test_manual_allocation_beyond_what_is_due_is_refused_and_changes_nothing(two_invoices):
    family, october, _, _ = two_invoices
    with pytest.raises(AllocationError, match="compris entre"):
        record_payment(
            family=family,
            amount=Decimal("50.00"),
            method=Payment.METHOD_CASH,
            received_on=date(2026, 12, 3),
            allocations=[ManualAllocation(invoice_id=october.pk, amount=Decimal("11.00"))],
        )
    assert not Payment.objects.filter(family=family).exists()


def test_another_familys_invoice_cannot_be_allocated(two_invoices, alpha):
    _, october, _, _ = two_invoices
    other, _ = make_family(tenant=alpha)
    with pytest.raises(AllocationError):
        record_payment(
            family=other,
            amount=Decimal("5.00"),
            method=Payment.METHOD_CASH,
            received_on=date(2026, 12, 3),
            allocations=[ManualAllocation(invoice_id=october.pk, amount=Decimal("5.00"))],
        )


def test_an_advance_settles_the_next_invoice_when_it_is_published(alpha):
    activity = priced_activity(price="3.00")
    family, _ = make_family(tenant=alpha)
    record_payment(
        family=family,
        amount=Decimal("20.00"),
        method=Payment.METHOD_TRANSFER,
        received_on=date(2026, 10, 1),
    )
    reserve(family.children.get(), activity, date(2026, 10, 5))
    run = run_and_publish(activities=[activity])
    invoice = Invoice.objects.get(run=run)
    assert invoice.status == Invoice.STATUS_PAID
    assert balance(family=family) == Decimal("-17.00")


def test_cancelled_cheque_reopens_the_invoice(two_invoices):
    family, october, _, _ = two_invoices
    payment = record_payment(
        family=family,
        amount=Decimal("10.00"),
        method=Payment.METHOD_CHEQUE,
        received_on=date(2026, 12, 3),
    )
    cancel_payment(payment=payment, reason="Chèque sans provision")
    october.refresh_from_db()
    assert october.status == Invoice.STATUS_ISSUED and october.settled_amount == 0
    assert balance(family=family) == Decimal("16.00")


def test_full_credit_note_cancels_the_invoice(two_invoices):
    family, october, _, _ = two_invoices
    note = issue_credit_note(invoice=october, reason="Erreur de tarif")
    october.refresh_from_db()
    assert note.total == Decimal("10.00") and note.lines.count() == october.lines.count()
    assert october.status == Invoice.STATUS_CANCELLED
    with pytest.raises(AllocationError):
        issue_credit_note(invoice=october, reason="Encore", amount=Decimal("1.00"))


def test_statement_lists_documents_and_payments_with_a_running_balance(two_invoices):
    family, october, november, activity = two_invoices
    record_payment(
        family=family,
        amount=Decimal("10.00"),
        method=Payment.METHOD_CASH,
        received_on=date(2026, 11, 20),
    )
    absent = Reservation.objects.filter(child__family=family).order_by("date").first()
    absent.state = Reservation.ABSENT_EXCUSED
    absent.save()
    run_and_publish(
        start=date(2026, 12, 1),
        end=date(2026, 12, 31),
        activities=[activity],
        issue=date(2027, 1, 2),
    )
    result = statement(family=family)
    rows = [(e.kind, e.debit, e.credit, e.balance) for e in result["entries"]]
    assert rows == [
        ("invoice", Decimal("10.00"), Decimal("0.00"), Decimal("10.00")),
        ("payment", Decimal("0.00"), Decimal("10.00"), Decimal("0.00")),
        ("invoice", Decimal("6.00"), Decimal("0.00"), Decimal("6.00")),
        ("credit_note", Decimal("0.00"), Decimal("2.00"), Decimal("4.00")),
    ]
    assert result["closing_balance"] == balance(family=family) == Decimal("4.00")
    later = statement(family=family, start=date(2026, 12, 1))
    assert later["opening_balance"] == Decimal("0.00")
    assert [e.kind for e in later["entries"]] == ["invoice", "credit_note"]


def test_cancelling_a_payment_allocated_twice_to_one_invoice_reopens_it_by_the_whole_amount(
    two_invoices,
):
    from core.billing.models import Allocation

    family, october, _, _ = two_invoices
    payment = record_payment(
        family=family,
        amount=Decimal("6.00"),
        method=Payment.METHOD_CHEQUE,
        received_on=date(2026, 12, 3),
        allocations=[ManualAllocation(invoice_id=october.pk, amount=Decimal("4.00"))],
    )
    # What is left of it reached the same invoice later (e.g. after another payment's
    # cancellation reopened it): a second allocation of the same payment.
    Allocation.objects.create(invoice=october, payment=payment, amount=Decimal("2.00"))
    Invoice.objects.filter(pk=october.pk).update(settled_amount=Decimal("6.00"))
    Payment.objects.filter(pk=payment.pk).update(allocated_amount=Decimal("6.00"))
    cancel_payment(payment=payment, reason="Chèque sans provision")
    october.refresh_from_db()
    assert october.settled_amount == Decimal("0.00") and october.status == Invoice.STATUS_ISSUED
