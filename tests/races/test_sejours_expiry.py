"""Expiry of séjour offers under concurrency: the periodic task running twice at once expires
a place not accepted in time, and offers it to the next wish, exactly once.

Two threads (one database connection each) run ``expire_offers`` on committed data. With the
guard (the wish's row lock, then its status re-read) one expires it and the other finds it no
longer « offered »; the control turns the locks off and pauses both threads between the read
and the write: both expire the same offer.
"""

from __future__ import annotations

import contextlib
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django_tenants.utils import tenant_context

from core.tenancy.context import structure_today
from modules.sejours.models import Wish
from modules.sejours.services import offers
from modules.sejours.services.places import offer, places_left
from tests.support.factories import make_family
from tests.support.races import in_threads
from tests.support.sejours import make_stay, make_wish

pytestmark = pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")


def overdue_offer(alpha, name: str) -> tuple[Wish, Wish]:
    """A one-place stay offered to a family past its deadline, one wish waiting behind."""
    with tenant_context(alpha):
        stay = make_stay(name=name, capacity=1, days=2)
        first, _ = make_family(tenant=alpha, first_name="Premier")
        second, _ = make_family(tenant=alpha, first_name="Suivant")
        late = offer(wish=make_wish(child=first.children.get(), stay=stay), by=None)
        Wish.objects.filter(pk=late.pk).update(accept_by=structure_today() - timedelta(days=1))
        behind = make_wish(
            child=second.children.get(),
            stay=stay,
            status=Wish.STATUS_WAITLISTED,
            waitlist_position=1,
        )
    return late, behind


def offers_to(wish: Wish) -> int:
    return sum(f"/mes-sejours/places/{wish.pk}" in m.body for m in mail.outbox)


def test_two_expiry_runs_at_once_expire_and_reoffer_exactly_once(committed):
    alpha = committed
    late, behind = overdue_offer(alpha, "Concurrence expiration")
    pause = threading.Barrier(2)

    def wait_a_little() -> None:
        # The same pause as the control: with the lock, the second thread is still waiting
        # for the row, so the barrier times out and the first goes on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            pause.wait(2)

    offers._after_read = wait_a_little
    try:
        counts = in_threads(lambda _i: offers.expire_offers(), 2, alpha)
    finally:
        offers._after_read = None

    assert sorted(counts) == [0, 1]
    with tenant_context(alpha):
        late.refresh_from_db()
        behind.refresh_from_db()
        assert late.status == Wish.STATUS_EXPIRED
        assert behind.status == Wish.STATUS_OFFERED
        assert places_left([late.stay]) == {late.stay_id: 0}
    assert offers_to(behind) == 1


def test_control_without_the_lock_the_same_offer_expires_twice(committed):
    alpha = committed
    late, behind = overdue_offer(alpha, "Concurrence expiration témoin")
    pause = threading.Barrier(2)

    offers.GUARD = False
    offers._after_read = lambda: pause.wait(10)
    try:
        counts = in_threads(lambda _i: offers.expire_offers(), 2, alpha)
    finally:
        offers.GUARD = True
        offers._after_read = None

    # Both threads read « offered » before either wrote: each expires the same offer and
    # releases its place again. (What follows is then serialised by the engine's opening
    # locks, so the place itself is not handed out twice here: the guard is the wish's lock.)
    assert counts == [1, 1]
    with tenant_context(alpha):
        behind.refresh_from_db()
        assert behind.status == Wish.STATUS_OFFERED
