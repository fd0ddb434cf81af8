"""Builders for the billing tests: priced activities, reservations in given states, runs."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from core.billing.models import InvoiceRun, InvoiceSeries
from core.billing.services.runs import compute_run, create_run, publish_run, request_publish
from core.booking.models import Reservation
from core.catalog.models import Opening
from core.pricing.models import Tariff
from tests.support.booking import enrol, make_activity

MONTH = (date(2026, 10, 1), date(2026, 10, 31))


def weekdays_of(start: date, end: date) -> list[date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def priced_activity(
    *,
    price: str = "2.50",
    kind: str = "accueil_matin",
    name="ALAE Matin",
    meal_only: bool = False,
    **fields,
):
    activity = make_activity(kind=kind, name=name, **fields)
    Tariff.objects.create(
        name=f"Tarif {name}",
        activity=activity,
        valid_from=date(2020, 1, 1),
        amount=Decimal(price),
        meal_only=meal_only,
    )
    return activity


def reserve(child, activity, day: date, state: str = Reservation.CONFIRMED) -> Reservation:
    unit = activity.units.order_by("pk").first()
    opening, _ = Opening.objects.get_or_create(
        unit=unit, date=day, group=None, defaults={"capacity": 50}
    )
    enrolment = activity.enrolments.filter(child=child).first() or enrol(child, activity)
    return Reservation.objects.create(
        child=child, opening=opening, enrolment=enrolment, unit=unit, date=day, state=state
    )


def test_series() -> InvoiceSeries:
    """The default series of this test only (rolled back with it): numbers start at 1 whatever
    the end-to-end tests committed in the same structure."""
    series = InvoiceSeries.objects.filter(name="Série des tests").first()
    if series is None:
        InvoiceSeries.objects.update(is_default=False)
        series = InvoiceSeries.objects.create(
            name="Série des tests",
            invoice_prefix="TF{annee}-",
            credit_note_prefix="TAV{annee}-",
            receipt_prefix="TR{annee}-",
            is_default=True,
        )
    return series


test_series.__test__ = False  # a helper, not a test


def run_and_publish(
    *, start: date = MONTH[0], end: date = MONTH[1], activities=None, issue: date | None = None
) -> InvoiceRun:
    """Create, compute and publish a run (the tasks' bodies, called as the tasks would)."""
    if not activities:
        raise ValueError("Name the activities: other tests commit bookings in this structure.")
    run = create_run(
        label="",
        period_start=start,
        period_end=end,
        activity_ids=[a.pk for a in activities],
        series=test_series(),
    )
    run = compute_run(run_id=run.pk)
    assert run.status == InvoiceRun.STATUS_DRAFT, run.failure
    request_publish(run=run, issue_date=issue or end + timedelta(days=1))
    run = publish_run(run_id=run.pk)
    assert run.status == InvoiceRun.STATUS_PUBLISHED, run.failure
    return run
