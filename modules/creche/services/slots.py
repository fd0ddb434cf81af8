"""An establishment's places per half-hour, held through the core's capacity engine.

An establishment owns one ``catalog.Activity`` (kind ``places_creche``) with one unit per
half-hour slot of its widest day; each open day has one opening per slot within that day's
hours, whose capacity is the places of that time of day (``CapacityBand``, else the agrément).
A child's day (arrival → departure) holds one place in every slot it touches, booked in **one**
``apply_changes`` call: the engine locks the openings in id order and the CHECK
``booked <= capacity`` stands behind it, so two bookings never take the same last place
(``tests/races/test_creche_slots_race.py``). A day is held whole or not at all: the module keeps
no reservation on the engine's waiting lists (decision 0024).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time

from django.db import transaction

from core.booking.models import Reservation
from core.booking.services import decisions
from core.booking.services.context import ACTION_BOOK, ACTION_CANCEL
from core.booking.services.engine import Change, CommitResult, apply_changes
from core.booking.services.enrolments import ensure_validated_enrolment
from core.catalog.models import Activity, Opening, Unit
from core.catalog.services import opening_days, structure_calendar
from core.errors import DomainError
from core.tenancy.context import structure_today
from modules.creche.models import Establishment
from modules.creche.models.establishments import SLOT_MINUTES

KIND = "places_creche"
#: The module's reservation state of a contract day the family took off (``module.py``).
LEAVE = "leave"
ALL_WEEKDAYS = [0, 1, 2, 3, 4, 5, 6]


class SlotFull(DomainError):
    """A half-hour of the day asked has no place left: nothing was booked."""

    code = "slot_full"
    status_code = 409


class SlotClosed(DomainError):
    code = "slot_closed"
    status_code = 409


@dataclass(frozen=True)
class DayCare:
    """One child's care on one day: from ``arrival`` to ``departure``."""

    day: date
    arrival: time
    departure: time


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def _time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def slot_starts(arrival: time, departure: time) -> list[time]:
    """The half-hours a stay from ``arrival`` to ``departure`` touches (8:10–9:00 → 8:00,
    8:30): a child present for part of a half-hour takes its place for the whole of it."""
    first = _minutes(arrival) // SLOT_MINUTES * SLOT_MINUTES
    return [_time(m) for m in range(first, _minutes(departure), SLOT_MINUTES)]


def slot_label(start: time) -> str:
    end = _time(_minutes(start) + SLOT_MINUTES)
    return f"{start:%H:%M}–{end:%H:%M}"


def capacity_at(establishment: Establishment, start: time, *, bands=None) -> int:
    """The places of the half-hour starting at ``start``: the band covering it, else the
    agrément (never more than the agrément)."""
    bands = establishment.capacity_bands.all() if bands is None else bands
    for band in bands:
        if band.start <= start and _time(_minutes(start) + SLOT_MINUTES) <= band.end:
            return min(band.places, establishment.agrement)
    return establishment.agrement


@transaction.atomic
def ensure_activity(establishment: Establishment, *, until: date | None = None) -> Activity:
    """The establishment's places activity with one unit per half-hour of its hours (created
    or completed; units are never removed: past reservations keep theirs)."""
    hours = list(establishment.hours.all())
    if not hours:
        raise SlotClosed("Indiquez d'abord les horaires d'ouverture de l'établissement.")
    today = structure_today()
    activity = establishment.activity
    if activity is None:
        activity = Activity.objects.create(
            module="creche",
            kind=KIND,
            name=f"Places — {establishment.name}",
            season="Crèche",
            start_date=today.replace(month=1, day=1),
            end_date=until or today.replace(year=today.year + 1, month=12, day=31),
            calendar=Activity.CALENDAR_ALL,
            enrolment_validation=Activity.VALIDATION_STAFF,
            published=False,
            place=establishment.address,
        )
        establishment.activity = activity
        establishment.save(update_fields=["activity"])
    elif until and activity.end_date < until:
        activity.end_date = until
        activity.save(update_fields=["end_date"])
    first = min(_minutes(h.opens) for h in hours)
    last = max(_minutes(h.closes) for h in hours)
    existing = set(activity.units.values_list("start_time", flat=True))
    Unit.objects.bulk_create(
        [
            Unit(
                activity=activity,
                name=slot_label(_time(m)),
                short_label=f"{m // 60}h{m % 60:02d}",
                start_time=_time(m),
                end_time=_time(m + SLOT_MINUTES),
                weekdays=ALL_WEEKDAYS,
                capacity=establishment.agrement,
                order=m // SLOT_MINUTES,
            )
            for m in range(first, last, SLOT_MINUTES)
            if _time(m) not in existing
        ]
    )
    return activity


@transaction.atomic
def sync_openings(establishment: Establishment, *, start: date, end: date) -> int:
    """Create the openings of [start, end] (open weekdays, within each day's hours, not on a
    public holiday nor a closure) and bring the existing ones to the capacity of their time of
    day — never below the places already taken. Returns how many openings were created."""
    activity = ensure_activity(establishment, until=end)
    hours = {h.weekday: h for h in establishment.hours.all()}
    bands = list(establishment.capacity_bands.all())
    units = {u.start_time: u for u in activity.units.all()}
    calendar = structure_calendar(activity_ids=[activity.pk])
    existing = {
        (o.unit_id, o.date): o
        for o in Opening.objects.filter(unit__activity=activity, date__range=(start, end))
    }
    to_create, to_update = [], []
    for day, reason in opening_days(activity=activity, calendar=calendar, start=start, end=end):
        day_hours = hours.get(day.weekday())
        for slot, unit in units.items():
            inside = day_hours is not None and (
                day_hours.opens <= slot
                and _minutes(slot) + SLOT_MINUTES <= _minutes(day_hours.closes)
            )
            opening = existing.get((unit.pk, day))
            if not inside:
                # Hours shortened or a weekday closed since: the half-hour closes (the places
                # already taken stay counted, as for a closure).
                if opening is not None and not opening.closed:
                    opening.closed = True
                    to_update.append(opening)
                continue
            capacity = capacity_at(establishment, slot, bands=bands)
            closed = bool(reason)
            if opening is None:
                if not closed:
                    to_create.append(Opening(unit=unit, date=day, capacity=capacity))
                continue
            capacity = max(capacity, opening.booked)
            if (opening.capacity, opening.closed) != (capacity, closed):
                opening.capacity, opening.closed = capacity, closed
                to_update.append(opening)
    Opening.objects.bulk_create(to_create, batch_size=2000, ignore_conflicts=True)
    Opening.objects.bulk_update(to_update, ["capacity", "closed"], batch_size=2000)
    return len(to_create)


def openings_for(
    establishment: Establishment, days: Sequence[DayCare]
) -> dict[tuple[date, time], Opening]:
    """``(day, slot start) → Opening`` of the slots ``days`` touch, in one query."""
    if not days:
        return {}
    return {
        (o.date, o.unit.start_time): o
        for o in Opening.objects.filter(
            unit__activity_id=establishment.activity_id,
            date__in={d.day for d in days},
        ).select_related("unit")
    }


def _describe(day: date, slot: time) -> str:
    return f"le {day:%d/%m/%Y} de {slot_label(slot).replace('–', ' à ')}"


def book_days(
    *,
    child_id: int,
    establishment: Establishment,
    days: Sequence[DayCare],
    by,
    family=None,
    staff: bool = True,
) -> CommitResult:
    """Hold the places of every half-hour of ``days`` for the child in one engine call, or
    raise :class:`SlotClosed` / :class:`SlotFull` with the first day and half-hour that
    failed (nothing written). Slots the child already holds are kept as they are. Days before
    today are left out: a past day holds no place (a contract entered late books from today)."""
    today = structure_today()
    days = [care for care in days if care.day >= today]
    if establishment.activity_id is None:
        raise SlotClosed("Cet établissement n'a pas encore de places ouvertes.")
    openings = openings_for(establishment, days)
    # Half-hours the child holds, and those it gave back as leave (``LEAVE``): re-booking a
    # schedule (an avenant) must not take back a day the family declared off.
    held = set(
        Reservation.objects.filter(
            child_id=child_id,
            opening_id__in=[o.pk for o in openings.values()],
            state__in=(*Reservation.HOLDING, LEAVE),
        ).values_list("opening_id", flat=True)
    )
    changes: list[Change] = []
    for care in days:
        for slot in slot_starts(care.arrival, care.departure):
            opening = openings.get((care.day, slot))
            if opening is None or opening.closed:
                raise SlotClosed(
                    f"L'établissement n'accueille pas {_describe(care.day, slot)} "
                    "(fermé ou en dehors des horaires)."
                )
            if opening.pk not in held:
                changes.append(Change(child_id, opening.pk, ACTION_BOOK))
    if not changes:
        return CommitResult()
    with transaction.atomic():
        # The module's decision (a contract, an occasional day) is the enrolment.
        ensure_validated_enrolment(
            child_id=child_id, activity_id=establishment.activity_id, requested_by=by, by=by
        )
        result = apply_changes(changes=changes, by=by, staff=staff, family=family)
        refused = [o for o in result.outcomes if not o.ok or o.state == Reservation.WAITLISTED]
        if refused:
            first = min(refused, key=lambda o: (o.opening.date, o.opening.unit.start_time))
            if first.ok or first.code in ("full", ""):
                raise SlotFull(
                    "Plus de place "
                    f"{_describe(first.opening.date, first.opening.unit.start_time)} : "
                    "rien n'a été réservé."
                )
            where = _describe(first.opening.date, first.opening.unit.start_time)
            raise SlotClosed(
                f"Impossible de réserver {where} : {first.reason.lower() or 'refusé'}."
            )
    return result


def release_days(
    *,
    child_id: int,
    establishment: Establishment,
    start: date,
    end: date | None = None,
    by,
    keep: Iterable[DayCare] = (),
) -> int:
    """Give back the child's places from ``start`` (to ``end``), except the half-hours of
    ``keep``; returns how many half-hours were freed. The past is left as it was."""
    if establishment.activity_id is None:
        return 0
    start = max(start, structure_today())
    kept = {(c.day, s) for c in keep for s in slot_starts(c.arrival, c.departure)}
    live = Reservation.objects.filter(
        child_id=child_id,
        unit__activity_id=establishment.activity_id,
        state__in=Reservation.HOLDING,
        date__gte=start,
    ).select_related("unit")
    if end is not None:
        live = live.filter(date__lte=end)
    changes = [
        Change(child_id, r.opening_id, ACTION_CANCEL)
        for r in live
        if (r.date, r.unit.start_time) not in kept
    ]
    if not changes:
        return 0
    return len(apply_changes(changes=changes, by=by, staff=True).done)


@transaction.atomic
def release_span(
    *,
    establishment: Establishment,
    start: date,
    end: date,
    by,
    keep: Iterable[tuple[int, date]] = (),
) -> set[int]:
    """Give back every child's places on [start, end] (from today: the past stays as it was)
    except the ``(child, day)`` of ``keep``, in one engine call as staff; a cancellation
    still waiting for the structure is answered « excusée » (places freed, family told).
    Returns the children whose places were freed."""
    if establishment.activity_id is None:
        return set()
    start = max(start, structure_today())
    if end < start:
        return set()
    kept = set(keep)
    held = [
        (child_id, opening_id, state, pk)
        for child_id, day, opening_id, state, pk in Reservation.objects.filter(
            unit__activity_id=establishment.activity_id,
            date__range=(start, end),
            state__in=(Reservation.REQUESTED, Reservation.CONFIRMED, Reservation.CANCEL_REQUESTED),
        ).values_list("child_id", "date", "opening_id", "state", "pk")
        if (child_id, day) not in kept
    ]
    freed: set[int] = set()
    changes = [
        Change(child_id, opening_id, ACTION_CANCEL)
        for child_id, opening_id, state, _ in held
        if state != Reservation.CANCEL_REQUESTED
    ]
    if changes:
        result = apply_changes(changes=changes, by=by, staff=True)
        freed.update(outcome.change.child_id for outcome in result.done)
    waiting = [
        (child_id, pk) for child_id, _, state, pk in held if state == Reservation.CANCEL_REQUESTED
    ]
    if waiting:
        decided = decisions.decide_cancellations(
            reservation_ids=[pk for _, pk in waiting], decision=decisions.CANCEL_EXCUSED, by=by
        )
        freed.update(r.child_id for r in decided)
    return freed


@dataclass(frozen=True)
class SlotOccupancy:
    start: time
    label: str
    capacity: int
    booked: int
    closed: bool

    @property
    def free(self) -> int:
        return 0 if self.closed else max(self.capacity - self.booked, 0)


def day_occupancy(establishment: Establishment, day: date) -> list[SlotOccupancy]:
    """Places, places taken and free per half-hour of ``day`` (one query)."""
    if establishment.activity_id is None:
        return []
    rows = (
        Opening.objects.filter(unit__activity_id=establishment.activity_id, date=day)
        .select_related("unit")
        .order_by("unit__start_time")
    )
    return [
        SlotOccupancy(
            o.unit.start_time, slot_label(o.unit.start_time), o.capacity, o.booked, o.closed
        )
        for o in rows
    ]


def free_places(establishment: Establishment, days: Iterable[date]) -> dict[date, dict[time, int]]:
    """``day → slot start → free places`` over ``days`` (one query)."""
    days = list(days)
    free: dict[date, dict[time, int]] = defaultdict(dict)
    if establishment.activity_id is None or not days:
        return free
    for start, day, capacity, booked, closed in Opening.objects.filter(
        unit__activity_id=establishment.activity_id, date__in=days
    ).values_list("unit__start_time", "date", "capacity", "booked", "closed"):
        free[day][start] = 0 if closed else max(capacity - booked, 0)
    return free
