"""The last place of a half-hour in a crèche, taken by two families at the same instant: one
gets it.

Two threads (one database connection each) book the same morning for two families' children
through ``slots.book_days`` as families (``staff=False``), on committed data. With the
engine's guard (the openings' row locks) one holds every half-hour of the morning and the other
is told the half-hour is full, nothing written for it; the control turns the guard off: both
read the free place and both are booked, beyond the capacity.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from django_tenants.utils import tenant_context

from core.booking.models import Reservation
from core.booking.services import engine
from core.catalog.models import Opening
from modules.creche.services import slots
from tests.support.creche import make_establishment, make_toddler
from tests.support.factories import make_family
from tests.support.races import in_threads

pytestmark = pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")
DAY = date(2027, 3, 8)
MORNING = slots.DayCare(DAY, time(8, 0), time(10, 0))  # four half-hours


def race(alpha, name: str) -> tuple[list, object]:
    """Two families book the same morning of a one-place establishment at once."""
    with tenant_context(alpha):
        establishment = make_establishment(
            name=name, agrement=1, bands=(), open_from=DAY, open_until=DAY
        )
        families = []
        for i in range(2):
            family, user = make_family(tenant=alpha, first_name=f"Rapide{i}")
            families.append((family, user, make_toddler(family)))

    def work(index: int):
        family, user, child = families[index]
        try:
            slots.book_days(
                child_id=child.pk,
                establishment=establishment,
                days=[MORNING],
                by=user,
                family=family,
                staff=False,
            )
        except slots.SlotFull:
            return "full"
        return "booked"

    return in_threads(work, 2, alpha), establishment


def _openings(establishment):
    return Opening.objects.filter(
        unit__activity_id=establishment.activity_id,
        date=DAY,
        unit__start_time__in=slots.slot_starts(MORNING.arrival, MORNING.departure),
    )


def test_two_families_booking_the_last_place_at_once_one_gets_it(committed):
    outcomes, establishment = race(committed, "Dernière place crèche")

    assert sorted(outcomes) == ["booked", "full"]
    with tenant_context(committed):
        openings = list(_openings(establishment))
        assert [o.booked for o in openings] == [1] * 4
        assert all(o.booked <= o.capacity for o in openings)
        held = Reservation.objects.filter(opening__in=openings, state__in=Reservation.HOLDING)
        assert held.count() == 4
        assert len({r.child_id for r in held}) == 1  # one child holds the whole morning


def test_control_without_the_guard_the_last_place_is_given_twice(committed):
    engine.GUARD = False
    try:
        outcomes, establishment = race(committed, "Dernière place crèche témoin")
    finally:
        engine.GUARD = True

    # Both read one free place before either wrote: both children hold the morning.
    assert outcomes == ["booked", "booked"]
    with tenant_context(committed):
        held = Reservation.objects.filter(
            opening__in=_openings(establishment), state__in=Reservation.HOLDING
        )
        assert held.count() == 2 * 4
        assert len({r.child_id for r in held}) == 2
