"""Calendar of the structure and generation of openings from it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Q

from core.catalog.calendar import FrenchCalendar
from core.catalog.models import Activity, Closure, Opening


def structure_calendar(*, activity_ids: list[int] | None = None) -> FrenchCalendar:
    """The current structure's calendar: its zone, its public holidays, its closures.

    Closures of one activity apply to that activity only: pass ``activity_ids`` to include
    them (the calendar then answers for those activities).
    """
    tenant = connection.tenant
    closures = Closure.objects.filter(
        Q(activity__isnull=True) | Q(activity_id__in=activity_ids or [])
    )
    return FrenchCalendar(
        school_zone=getattr(tenant, "holiday_zone", "C"),
        public_holiday_region=getattr(tenant, "public_holiday_region", ""),
        closures=[(c.start_date, c.end_date, c.label) for c in closures],
    )


@dataclass
class GenerationReport:
    created: int = 0
    existing: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason → days

    def as_dict(self) -> dict:
        return {"created": self.created, "existing": self.existing, "skipped": dict(self.skipped)}


def opening_days(*, activity: Activity, calendar: FrenchCalendar, start: date, end: date):
    """Yield ``(day, skip_reason)`` for each day of [start, end] inside the activity's dates:
    the reason is empty when the activity's calendar opens that day."""
    day = max(start, activity.start_date)
    last = min(end, activity.end_date)
    while day <= last:
        info = calendar.day_info(day)
        reason = ""
        if info.public_holiday:
            reason = "Jour férié"
        elif info.closure:
            reason = "Fermeture"
        elif activity.calendar == Activity.CALENDAR_SCHOOL_DAYS and info.school_holiday:
            reason = "Vacances scolaires"
        elif activity.calendar == Activity.CALENDAR_SCHOOL_HOLIDAYS and not info.school_holiday:
            reason = "Période scolaire"
        yield day, reason
        day += timedelta(days=1)


@transaction.atomic
def generate_openings(
    *, activity: Activity, start: date | None = None, end: date | None = None
) -> GenerationReport:
    """Create the missing openings of each unit (and group) of ``activity`` over [start, end]
    (default: the activity's dates) from the weekdays and the calendar. Existing openings —
    possibly edited by staff — are kept as they are."""
    start = start or activity.start_date
    end = end or activity.end_date
    calendar = structure_calendar(activity_ids=[activity.pk])
    units = list(activity.units.all())
    groups = list(activity.groups.all()) or [None]
    existing = set(
        Opening.objects.filter(unit__activity=activity, date__range=(start, end)).values_list(
            "unit_id", "group_id", "date"
        )
    )
    report = GenerationReport()
    to_create = []
    for day, reason in opening_days(activity=activity, calendar=calendar, start=start, end=end):
        for unit in units:
            if unit.weekdays and day.weekday() not in unit.weekdays:
                continue
            if reason:
                report.skipped[reason] += 1
                continue
            for group in groups:
                key = (unit.pk, group.pk if group else None, day)
                if key in existing:
                    report.existing += 1
                    continue
                capacity = group.capacity if group and group.capacity else unit.capacity
                to_create.append(Opening(unit=unit, group=group, date=day, capacity=capacity))
    Opening.objects.bulk_create(to_create, batch_size=1000, ignore_conflicts=True)
    report.created = len(to_create)
    return report


@transaction.atomic
def apply_closure(closure: Closure) -> int:
    """Close the openings a new closure covers; returns how many (their reservations stay
    for the staff to cancel, with the families told)."""
    openings = Opening.objects.filter(date__range=(closure.start_date, closure.end_date))
    if closure.activity_id:
        openings = openings.filter(unit__activity_id=closure.activity_id)
    return openings.filter(closed=False).update(closed=True)
