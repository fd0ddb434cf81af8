"""The last place of a stay, taken by two families at the same instant: one gets it.

Two threads (one database connection each) book the same one-place stay directly for two
families' children on committed data. With the engine's guard (the openings' row locks) one
books every day of the stay and the other is told it is full, nothing written for it; the
control turns the guard off: both read the free place and both are booked.
"""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from core.booking.models import Reservation
from core.booking.services import engine
from core.catalog.models import Opening
from modules.sejours.models import Wish
from modules.sejours.services.booking import book_stay
from modules.sejours.services.places import StayFull
from tests.support.factories import make_family
from tests.support.races import in_threads
from tests.support.sejours import make_stay

pytestmark = pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")
DAYS = 3


def race(alpha, name: str) -> tuple[list, object]:
    """Two families book the same one-place stay at once; what each got, and the stay."""
    with tenant_context(alpha):
        stay = make_stay(name=name, capacity=1, days=DAYS, min_age=None, max_age=None)
        families = [make_family(tenant=alpha, first_name=f"Rapide{i}") for i in range(2)]
        transport = stay.transports.order_by("order").first().pk

    def work(index: int):
        family, user = families[index]
        try:
            wish = book_stay(
                family=family,
                child=family.children.get(),
                stay=stay,
                transport_id=transport,
                by=user,
            )
        except StayFull:
            return "full"
        return wish.status

    outcomes = in_threads(work, 2, alpha)
    return outcomes, stay


def test_two_families_confirming_the_last_place_at_once_one_gets_it(committed):
    outcomes, stay = race(committed, "Dernière place")

    assert sorted(outcomes) == [Wish.STATUS_ACCEPTED, "full"]
    with tenant_context(committed):
        openings = Opening.objects.filter(unit__activity_id=stay.activity_id)
        assert [o.booked for o in openings] == [1] * DAYS
        held = Reservation.objects.filter(opening__in=openings, state__in=Reservation.HOLDING)
        assert held.count() == DAYS  # every day of the stay, for one child only
        assert Wish.objects.filter(stay=stay).count() == 1  # nothing left for the other


def test_control_without_the_guard_the_last_place_is_given_twice(committed):
    engine.GUARD = False
    try:
        outcomes, stay = race(committed, "Dernière place témoin")
    finally:
        engine.GUARD = True

    # Both read one free place before either wrote: both children are booked on every day.
    assert outcomes == [Wish.STATUS_ACCEPTED, Wish.STATUS_ACCEPTED]
    with tenant_context(committed):
        held = Reservation.objects.filter(
            opening__unit__activity_id=stay.activity_id, state__in=Reservation.HOLDING
        )
        assert held.count() == 2 * DAYS
