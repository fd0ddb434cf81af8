"""Invoice runs: billing rules per state, corrections in the next run, numbering."""

from datetime import date
from decimal import Decimal

import pytest

from core.billing.models import Invoice, InvoiceLine, InvoiceRun
from core.billing.services.runs import compute_run, create_run
from core.booking.models import Reservation
from tests.support.billing import MONTH, priced_activity, reserve, run_and_publish
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)

OCT = date(2026, 10, 5)


def test_each_state_is_billed_or_not_by_the_rules(alpha):
    activity = priced_activity(price="3.00")
    family, _ = make_family(tenant=alpha)
    child = family.children.get()
    states = {
        Reservation.CONFIRMED: True,
        Reservation.PRESENT: True,
        Reservation.ABSENT_BILLED: True,
        Reservation.CANCEL_REQUESTED: True,
        Reservation.ABSENT_EXCUSED: False,
        Reservation.CANCELLED: False,
        Reservation.REQUESTED: False,
        Reservation.WAITLISTED: False,
        Reservation.REFUSED: False,
    }
    for offset, state in enumerate(states):
        reserve(child, activity, date(2026, 10, 5 + offset), state)
    run = run_and_publish(activities=[activity])
    invoice = Invoice.objects.get(run=run, family=family)
    billed = set(invoice.lines.values_list("state", flat=True))
    assert billed == {s for s, yes in states.items() if yes}
    assert invoice.total == Decimal("12.00")
    assert invoice.number == f"TF{run.issue_date.year}-000001"


def test_absence_excused_after_its_invoice_is_credited_by_a_credit_note_next_run(alpha):
    activity = priced_activity(price="4.20")
    family, _ = make_family(tenant=alpha)
    child = family.children.get()
    absent = reserve(child, activity, OCT)
    reserve(child, activity, date(2026, 10, 6))
    october = run_and_publish(activities=[activity])
    first = Invoice.objects.get(run=october, family=family)
    assert first.total == Decimal("8.40")

    absent.state = Reservation.ABSENT_EXCUSED
    absent.save()
    reserve(child, activity, date(2026, 11, 3))
    november = run_and_publish(
        start=date(2026, 11, 1), end=date(2026, 11, 30), activities=[activity]
    )
    documents = Invoice.objects.filter(run=november, family=family)
    invoice = documents.get(kind=Invoice.KIND_INVOICE)
    note = documents.get(kind=Invoice.KIND_CREDIT_NOTE)
    assert invoice.total == Decimal("4.20")
    assert note.total == Decimal("4.20") and note.refers_to == first
    # The credit note settles the invoice it corrects.
    first.refresh_from_db()
    assert first.settled_amount == Decimal("4.20") and first.status == Invoice.STATUS_PARTLY_PAID
    # Credited once: a third run has nothing more for that day.
    reserve(child, activity, date(2026, 12, 1))
    december = run_and_publish(
        start=date(2026, 12, 1), end=date(2026, 12, 31), activities=[activity]
    )
    assert not Invoice.objects.filter(run=december, kind=Invoice.KIND_CREDIT_NOTE).exists()


def test_reservation_accepted_after_the_run_is_charged_as_a_regularisation(alpha):
    activity = priced_activity(price="2.00")
    family, _ = make_family(tenant=alpha)
    child = family.children.get()
    reserve(child, activity, date(2026, 10, 7))
    late = reserve(child, activity, date(2026, 10, 8), Reservation.REQUESTED)
    run_and_publish(activities=[activity])
    late.state = Reservation.CONFIRMED
    late.save()
    reserve(child, activity, date(2026, 11, 4))
    november = run_and_publish(
        start=date(2026, 11, 1), end=date(2026, 11, 30), activities=[activity]
    )
    invoice = Invoice.objects.get(run=november, family=family)
    labels = list(invoice.lines.values_list("kind", "date"))
    assert (InvoiceLine.KIND_CORRECTION, date(2026, 10, 8)) in labels
    assert invoice.total == Decimal("4.00")


def test_draft_can_be_recomputed_and_families_without_tariff_are_in_error(alpha):
    activity = priced_activity(price="2.00")
    family, _ = make_family(tenant=alpha)
    reserve(family.children.get(), activity, OCT)
    no_price = priced_activity(name="Sans tarif")
    no_price.tariffs.all().delete()
    other, _ = make_family(tenant=alpha)
    reserve(other.children.get(), no_price, OCT)
    run = create_run(
        label="Octobre",
        period_start=MONTH[0],
        period_end=MONTH[1],
        activity_ids=[activity.pk, no_price.pk],
    )
    run = compute_run(run_id=run.pk)
    assert run.status == InvoiceRun.STATUS_DRAFT
    assert (run.family_count, run.error_count, run.total) == (2, 1, Decimal("2.00"))
    error = run.families.get(family=other).error
    assert "Aucun tarif" in error and "05/10/2026" in error
    reserve(family.children.get(), activity, date(2026, 10, 6))
    run = compute_run(run_id=run.pk)
    assert run.total == Decimal("4.00") and run.line_count == 3


def test_numbers_follow_without_gaps_across_runs(alpha):
    activity = priced_activity()
    families = [make_family(tenant=alpha)[0] for _ in range(3)]
    for family in families:
        reserve(family.children.get(), activity, OCT)
    first = run_and_publish(activities=[activity])
    for family in families:
        reserve(family.children.get(), activity, date(2026, 11, 2))
    run_and_publish(start=date(2026, 11, 1), end=date(2026, 11, 30), activities=[activity])
    sequences = sorted(
        Invoice.objects.filter(kind=Invoice.KIND_INVOICE, series=first.series).values_list(
            "sequence", flat=True
        )
    )
    assert sequences == list(range(1, 7))


@pytest.mark.parametrize("prefix,expected", [("F{annee}-", "F2026-000001"), ("FAC", "FAC000001")])
def test_prefix_may_hold_the_year(alpha, prefix, expected):
    from tests.support.billing import test_series

    series = test_series()
    series.invoice_prefix = prefix
    series.save()
    activity = priced_activity()
    family, _ = make_family(tenant=alpha)
    reserve(family.children.get(), activity, OCT)
    run = run_and_publish(issue=date(2026, 11, 2), activities=[activity])
    assert Invoice.objects.get(run=run).number == expected
