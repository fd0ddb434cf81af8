"""The places per half-hour: capacity by band, closures planned vs deducted, all or nothing."""

from datetime import date, time, timedelta

import pytest

from core.booking.models import Reservation
from core.catalog.models import Opening
from modules.creche.services import slots
from tests.support.creche import (  # noqa: F401
    make_closure,
    make_establishment,
    make_toddler,
)
from tests.support.factories import make_family

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

MONDAY = date(2027, 3, 8)


def test_capacity_follows_the_bands_and_the_agrement():
    establishment = make_establishment()
    by_slot = {s.start: s for s in slots.day_occupancy(establishment, MONDAY)}
    assert by_slot[time(7, 30)].capacity == 12
    assert by_slot[time(8, 0)].capacity == 12
    assert by_slot[time(8, 30)].capacity == 24
    assert by_slot[time(18, 0)].capacity == 24
    assert time(18, 30) not in by_slot and time(7, 0) not in by_slot
    # Saturday: closed, no opening.
    assert slots.day_occupancy(establishment, date(2027, 3, 6)) == []


def _staff_user():
    from core.accounts.roles import Role
    from tests.support.factories import make_user

    return make_user(role=Role.GESTIONNAIRE)


def test_a_closure_closes_its_half_hours_planned_or_deducted():
    from modules.creche.services.planning import calendar_for

    establishment = make_establishment()
    make_closure(establishment, date(2027, 3, 8), date(2027, 3, 8), label="Pont")
    make_closure(establishment, date(2027, 3, 9), date(2027, 3, 9), deducted=True, label="Grève")
    for day in (date(2027, 3, 8), date(2027, 3, 9)):
        assert all(s.closed and s.free == 0 for s in slots.day_occupancy(establishment, day))
    assert all(not s.closed for s in slots.day_occupancy(establishment, date(2027, 3, 10)))
    calendar = calendar_for(
        establishment_id=establishment.pk,
        activity_id=establishment.activity_id,
        start=date(2027, 3, 1),
        end=date(2027, 3, 31),
    )
    # Planned: off the contracts' days. Exceptional: a contract day, deducted.
    assert calendar.closed(date(2027, 3, 8))
    assert not calendar.closed(date(2027, 3, 9))
    assert calendar.deducted == ((date(2027, 3, 9), date(2027, 3, 9)),)


def test_a_day_is_booked_whole_or_not_at_all():
    establishment = make_establishment(agrement=2, bands=())
    family, _ = make_family()
    first, second, third = (make_toddler(family, first_name=n) for n in ("Ana", "Bob", "Cid"))
    by = _staff_user()
    slots.book_days(
        child_id=first.pk,
        establishment=establishment,
        days=[slots.DayCare(MONDAY, time(8, 0), time(12, 0))],
        by=by,
    )
    slots.book_days(
        child_id=second.pk,
        establishment=establishment,
        days=[slots.DayCare(MONDAY, time(11, 0), time(11, 30))],
        by=by,
    )
    with pytest.raises(slots.SlotFull, match="11:00 à 11:30"):
        slots.book_days(
            child_id=third.pk,
            establishment=establishment,
            days=[slots.DayCare(MONDAY, time(9, 0), time(14, 0))],
            by=by,
        )
    assert not Reservation.objects.filter(child=third).exists()
    free = slots.free_places(establishment, [MONDAY])[MONDAY]
    assert free[time(9, 0)] == 1 and free[time(11, 0)] == 0 and free[time(13, 0)] == 2


def test_a_closed_day_refuses_the_booking():
    establishment = make_establishment()
    make_closure(establishment, MONDAY, MONDAY)
    family, _ = make_family()
    child = make_toddler(family)
    with pytest.raises(slots.SlotClosed):
        slots.book_days(
            child_id=child.pk,
            establishment=establishment,
            days=[slots.DayCare(MONDAY, time(9, 0), time(10, 0))],
            by=_staff_user(),
        )


def test_a_resync_never_lowers_a_half_hour_below_the_places_taken():
    establishment = make_establishment(agrement=3, bands=())
    family, _ = make_family()
    by = _staff_user()
    for name in ("Ana", "Bob", "Cid"):
        slots.book_days(
            child_id=make_toddler(family, first_name=name).pk,
            establishment=establishment,
            days=[slots.DayCare(MONDAY, time(9, 0), time(9, 30))],
            by=by,
        )
    establishment.capacity_bands.create(start=time(9, 0), end=time(10, 0), places=1)
    slots.sync_openings(establishment, start=MONDAY, end=MONDAY)
    nine = Opening.objects.get(
        unit__activity=establishment.activity, date=MONDAY, unit__start_time=time(9, 0)
    )
    half = Opening.objects.get(
        unit__activity=establishment.activity, date=MONDAY, unit__start_time=time(9, 30)
    )
    assert (nine.capacity, nine.booked) == (3, 3)
    assert half.capacity == 1


def test_shorter_hours_close_the_half_hours_left_outside():
    establishment = make_establishment()
    hours = establishment.hours.get(weekday=0)
    hours.closes = time(17, 0)
    hours.save()
    establishment.hours.filter(weekday=1).delete()
    slots.sync_openings(establishment, start=MONDAY, end=MONDAY + timedelta(days=1))
    by_slot = {s.start: s for s in slots.day_occupancy(establishment, MONDAY)}
    assert by_slot[time(16, 30)].closed is False
    assert by_slot[time(17, 0)].closed is True and by_slot[time(18, 0)].free == 0
    tuesday = slots.day_occupancy(establishment, MONDAY + timedelta(days=1))
    assert tuesday and all(s.closed for s in tuesday)


@pytest.mark.frozen_at("2026-12-31T20:00:00+01:00")
def test_the_places_activity_starts_in_the_structures_year():
    """31/12 at 20:00 in Paris is already 01/01 in Nouméa: a structure there opens its places
    activity on its own new year, not the machine's."""
    from django.db import connection

    from modules.creche.models import Establishment, OpeningHours

    tenant = connection.tenant
    previous = tenant.time_zone
    tenant.time_zone = "Pacific/Noumea"
    try:
        establishment = Establishment.objects.create(
            name="Les Cagous", agrement=10, address="1 rue de la Baie"
        )
        OpeningHours.objects.create(
            establishment=establishment, weekday=0, opens=time(8, 0), closes=time(9, 0)
        )
        activity = slots.ensure_activity(establishment)
    finally:
        tenant.time_zone = previous
    assert (activity.start_date, activity.end_date) == (date(2027, 1, 1), date(2028, 12, 31))
