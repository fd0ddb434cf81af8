"""A contract's planned days: its terms in force on each day, the schedule expanded (weekly or
alternating weeks), without public holidays and planned closures; the exceptional closures
given apart, as deductible absences. Read by the billing, the day's board and the reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from core.catalog.calendar import FrenchCalendar
from core.catalog.models import Closure
from core.catalog.services import structure_calendar
from modules.creche import attendance
from modules.creche.models import Contract, ContractTerms, EstablishmentClosure
from modules.creche.models.schedules import day_of, parse_schedule


def terms_at(terms: Iterable[ContractTerms], day: date) -> ContractTerms | None:
    """The terms in force on ``day``: the last whose ``effective_from`` is not after it."""
    current = None
    for row in sorted(terms, key=lambda t: (t.effective_from, t.number)):
        if row.effective_from <= day:
            current = row
    return current


@dataclass(frozen=True)
class Calendar:
    """What the establishment's calendar says about a span of days (loaded once)."""

    holidays: FrenchCalendar
    planned_closed: frozenset[date]
    deducted: tuple[tuple[date, date], ...]

    def closed(self, day: date) -> bool:
        return day in self.planned_closed or bool(self.holidays.public_holiday(day))


def calendar_for(*, establishment_id: int, activity_id: int | None, start: date, end: date):
    """The public holidays, the planned closures (days off the contracts) and the exceptional
    closures (deducted) of an establishment over [start, end]. Structure-wide closures are
    planned ones."""
    holidays = structure_calendar(activity_ids=[activity_id] if activity_id else [])
    deducted_ids = set(
        EstablishmentClosure.objects.filter(
            establishment_id=establishment_id, deducted=True
        ).values_list("closure_id", flat=True)
    )
    planned: set[date] = set()
    deducted: list[tuple[date, date]] = []
    rows = Closure.objects.filter(
        Q(activity__isnull=True) | Q(activity_id=activity_id),
        start_date__lte=end,
        end_date__gte=start,
    )
    for closure in rows:
        if closure.pk in deducted_ids:
            deducted.append((closure.start_date, closure.end_date))
            continue
        day = max(closure.start_date, start)
        while day <= min(closure.end_date, end):
            planned.add(day)
            day += timedelta(days=1)
    return Calendar(holidays, frozenset(planned), tuple(deducted))


def planned_days(
    *,
    contract: Contract,
    start: date,
    end: date,
    terms: Iterable[ContractTerms] | None = None,
    calendar: Calendar | None = None,
) -> list[attendance.PlannedDay]:
    """The contract's planned days in [start, end] (within its dates), each under the terms in
    force that day. ``terms`` and ``calendar`` may be given to avoid queries in loops."""
    terms = list(contract.terms.all() if terms is None else terms)
    first, last = max(start, contract.start_date), min(end, contract.end_date)
    if first > last or not terms:
        return []
    calendar = calendar or calendar_for(
        establishment_id=contract.establishment_id,
        activity_id=contract.establishment.activity_id,
        start=first,
        end=last,
    )
    parsed = {t.pk: parse_schedule(t.schedule, alternating=t.alternating) for t in terms}
    days: list[attendance.PlannedDay] = []
    day = first
    while day <= last:
        current = terms_at(terms, day)
        if current is not None and not calendar.closed(day):
            slot = day_of(
                parsed[current.pk], day, start=contract.start_date, alternating=current.alternating
            )
            if slot is not None:
                days.append(attendance.PlannedDay(day, slot.arrival, slot.departure))
        day += timedelta(days=1)
    return days


def closure_absences(calendar: Calendar) -> list[attendance.Absence]:
    """The exceptional closures as absences deducted from the first day."""
    return [
        attendance.Absence(start, end, attendance.AbsenceKind.CLOSURE)
        for start, end in calendar.deducted
    ]
