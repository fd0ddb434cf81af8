"""The demo is not bound to the year it was written in: seeded on any day, it shows the school
year of that day, days ahead to book, booking deadlines passed and to come, and the two months
before this one invoiced.

Each test moves the clock to days far apart and awkward for a school calendar: the first day of
a school year, the middle of the summer, the end of February of a year whose school holidays
the calendar does not know yet, and New Year's Eve late in the evening.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.billing.demo import seed_billing
from core.billing.models import Invoice, InvoiceRun, Payment
from core.booking.models import Enrolment, PolicyWindow, Reservation
from core.booking.services.context import ACTION_BOOK, BookingContext
from core.booking.services.rules import Snapshot, check_book
from core.booking.windows import DEADLINE_PASSED, NOT_OPEN_YET, deadline_for
from core.catalog.models import Activity, Closure, Opening
from core.pricing.models import Tariff
from modules.periscolaire.demo import enrol_demo_family, seed_periscolaire
from tests.support.factories import make_family, make_user

CLOCKS = ["2027-09-01 08:00", "2028-07-15 10:00", "2029-02-28 10:00", "2027-12-31 23:30"]


def seed_demo_family(alpha):
    """The demo seeding that runs inside the test structure, for a family of its own."""
    seed_periscolaire()
    family, _ = make_family(tenant=alpha)
    enrol_demo_family(family)
    seed_billing(family)
    return family


def first_year(today: date) -> int:
    """The year the school year of ``today`` starts (it is the next one from August)."""
    return today.year if today.month >= 8 else today.year - 1


def month_start(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def future_decisions(family, clock):
    """Each opening from today of what the child is enrolled in (validated), with the booking
    decision of the structure's rules at the test's "now"."""
    child = family.children.get()
    enrolments = Enrolment.objects.filter(child=child, status=Enrolment.STATUS_VALIDATED)
    ctx = BookingContext.load(
        now=clock.now, activity_ids=list(enrolments.values_list("activity_id", flat=True))
    )
    openings = Opening.objects.filter(
        unit__activity__enrolments__in=enrolments, date__gte=clock.today
    ).select_related("unit__activity")
    return ctx, [
        (opening, ctx.decide(unit=opening.unit, day=opening.date, action=ACTION_BOOK))
        for opening in openings
    ]


@pytest.mark.parametrize("when", CLOCKS)
def test_demo_season_is_the_school_year_of_the_day(alpha, clock, when):
    clock.move_to(when)
    seed_demo_family(alpha)

    first = first_year(clock.today)
    season = f"{first}/{first + 1}"
    matin = Activity.objects.get(module="periscolaire", name="ALAE Matin", season=season)
    assert matin.start_date == date(first, 9, 1)
    assert matin.end_date.year == first + 1
    days = Opening.objects.filter(unit__activity=matin).values_list("date", flat=True)
    assert 120 < len(days) < 150, len(days)  # the school days of a year, without its holidays
    assert Activity.objects.filter(season=season, kind="alsh_vacances").count() >= 4


@pytest.mark.parametrize("when", CLOCKS)
def test_demo_family_has_days_ahead_it_can_book(alpha, clock, when):
    clock.move_to(when)
    family = seed_demo_family(alpha)

    ctx, decisions = future_decisions(family, clock)
    ahead = [opening for opening, decision in decisions if opening.date > clock.today]
    child = family.children.get()
    snap = Snapshot.load(
        ctx=ctx,
        child_ids=[child.pk],
        dates={o.date for o in ahead},
        activity_ids={o.unit.activity_id for o in ahead},
    )
    bookable = [o for o in ahead if check_book(snap, child_id=child.pk, opening=o).allowed]
    assert bookable
    # Soon, not only at the far end of the year: at the latest the rentrée, from the last days
    # of a school year.
    assert min(o.date for o in bookable) <= clock.today + timedelta(days=70)


@pytest.mark.parametrize("when", CLOCKS)
def test_demo_has_booking_deadlines_passed_and_to_come(alpha, clock, when):
    clock.move_to(when)
    family = seed_demo_family(alpha)

    ctx, decisions = future_decisions(family, clock)
    codes = {decision.code for _, decision in decisions}
    assert DEADLINE_PASSED in codes  # days ahead whose deadline is over
    assert any(decision.allowed for _, decision in decisions)

    # The holiday centres: a window already closed, and one still open or not open yet.
    centres = Opening.objects.filter(
        unit__activity__kind="alsh_vacances", unit__activity__enrolments__child__family=family
    ).select_related("unit__activity")
    closed = [
        o
        for o in centres
        if deadline_for(
            ctx.policy_for(o.unit, ACTION_BOOK),
            target=o.date,
            tz=ctx.tz,
            is_working_day=ctx.calendar.is_working_day,
        )
        < clock.now
    ]
    assert closed
    to_come = [
        o
        for o, decision in decisions
        if o.unit.activity.kind == "alsh_vacances"
        and (decision.allowed or decision.code == NOT_OPEN_YET)
    ]
    assert to_come


@pytest.mark.parametrize("when", CLOCKS)
def test_demo_family_has_the_two_months_before_this_one_invoiced_one_partly_paid(
    alpha, clock, when
):
    clock.move_to(when)
    family = seed_demo_family(alpha)

    invoices = Invoice.objects.filter(family=family, kind=Invoice.KIND_INVOICE)
    before, last = month_start(clock.today, 2), month_start(clock.today, 1)
    periods = sorted(invoices.values_list("period_start", "period_end"))
    assert periods == [
        (before, last - timedelta(days=1)),
        (last, month_start(clock.today, 0) - timedelta(days=1)),
    ]
    assert all(i.lines.exists() and i.issue_date <= clock.today for i in invoices)
    assert invoices.filter(status=Invoice.STATUS_PARTLY_PAID).count() == 1
    assert invoices.filter(status=Invoice.STATUS_ISSUED).count() == 1
    payment = Payment.objects.get(family=family)
    assert payment.received_on <= clock.today


@pytest.mark.parametrize("when", CLOCKS)
def test_demo_writes_no_date_outside_the_school_years_around_today(alpha, clock, when):
    """A year written in the seeding would fall outside under one clock or another."""
    clock.move_to(when)
    family = seed_demo_family(alpha)

    first = first_year(clock.today)
    # From the previous school year's windows (opened in the summer before it) to the end of
    # the next one's summer.
    low, high = date(first - 1, 7, 1), date(first + 2, 8, 31)
    dates = []
    for activity in Activity.objects.filter(module="periscolaire"):
        dates += [activity.start_date, activity.end_date]
        assert activity.season in {f"{y}/{y + 1}" for y in (first - 1, first, first + 1)}
    dates += Opening.objects.values_list("date", flat=True)
    for window in PolicyWindow.objects.all():
        dates += [window.opens_at.date(), window.closes_at.date()]
        dates += [window.first_date, window.last_date]
    dates += Tariff.objects.values_list("valid_from", flat=True)
    for closure in Closure.objects.all():
        dates += [closure.start_date, closure.end_date]
    dates += Reservation.objects.filter(child__family=family).values_list("date", flat=True)
    for run in InvoiceRun.objects.all():
        dates += [run.period_start, run.period_end, run.issue_date, run.due_date]
    for invoice in Invoice.objects.filter(family=family):
        dates += [invoice.period_start, invoice.period_end, invoice.issue_date, invoice.due_date]
    dates += Payment.objects.filter(family=family).values_list("received_on", flat=True)
    assert dates
    outside = sorted({d for d in dates if d is None or not low <= d <= high})
    assert not outside, outside


@pytest.mark.parametrize("when", CLOCKS)
def test_demo_child_is_in_primary_school_whatever_the_year(alpha, clock, when):
    from core.families.models import Child
    from tenants.demo import ACCOUNTS, _seed_dossier

    clock.move_to(when)
    for account in ACCOUNTS:
        make_user(tenant=alpha, role=account.role, email=account.email)
    _seed_dossier(signup_mode="staff_only")

    children = Child.objects.filter(family__guardians__user__email__endswith="@exemple.fr")
    assert children.count() == 2
    first = first_year(clock.today)
    for child in children:
        # French classes go by year of birth: CP the year of the 6th birthday, CM2 of the 10th.
        assert first - 10 <= child.birth_date.year <= first - 6, child.birth_date


@pytest.mark.parametrize("when", CLOCKS)
def test_demo_seeded_again_the_same_day_adds_nothing(alpha, clock, when):
    clock.move_to(when)
    family = seed_demo_family(alpha)
    models = (Activity, Opening, PolicyWindow, Closure, Tariff, Enrolment, Reservation)
    models += (InvoiceRun, Invoice, Payment)
    counts = {model: model.objects.count() for model in models}

    seed_periscolaire()
    enrol_demo_family(family)
    seed_billing(family)
    assert {model: model.objects.count() for model in models} == counts
