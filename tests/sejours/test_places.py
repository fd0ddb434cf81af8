"""A stay is booked as one block through the core's capacity engine."""

from datetime import date

import pytest

from core.booking.models import Reservation
from modules.sejours.models import Wish
from modules.sejours.services.places import StayFull, book_stay, offer, places_left, release_stay
from tests.support.sejours import make_stay, make_wish

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


def test_offer_books_every_day_of_the_stay(family):
    child = family.children.get()
    stay = make_stay(days=5, capacity=2)
    wish = make_wish(child=child, stay=stay)

    offer(wish=wish, by=family.parent)

    wish.refresh_from_db()
    assert wish.status == Wish.STATUS_OFFERED
    assert wish.accept_by is not None
    held = Reservation.objects.filter(child=child, state=Reservation.CONFIRMED)
    assert held.count() == 5
    assert places_left([stay]) == {stay.pk: 1}


def test_full_stay_books_no_day_at_all(family):
    child = family.children.get()
    stay = make_stay(days=3, capacity=1)
    last_day = stay.activity.units.get().openings.order_by("date").last()
    last_day.capacity = 0
    last_day.save(update_fields=["capacity"])

    with pytest.raises(StayFull):
        book_stay(wish=make_wish(child=child, stay=stay), by=family.parent)

    assert not Reservation.objects.filter(child=child).exists()


def test_release_frees_every_day(family):
    child = family.children.get()
    stay = make_stay(days=4, capacity=1)
    wish = make_wish(child=child, stay=stay)
    offer(wish=wish, by=family.parent)

    release_stay(wish=wish, by=family.parent)

    assert places_left([stay]) == {stay.pk: 1}
    assert not Reservation.objects.filter(child=child, state__in=Reservation.HOLDING).exists()


def test_the_accept_by_date_is_the_delay_when_departure_is_far(family):
    stay = make_stay(start=date(2027, 5, 1))
    wish = offer(wish=make_wish(child=family.children.get(), stay=stay), by=None, accept_days=8)

    assert wish.accept_by == date(2027, 3, 9)


def test_the_accept_by_date_is_capped_at_the_eve_of_departure(family):
    # Freed 3 days before departure with an 8-day delay: answer by the eve, not after the start.
    stay = make_stay(start=date(2027, 3, 4))
    wish = offer(wish=make_wish(child=family.children.get(), stay=stay), by=None, accept_days=8)

    wish.refresh_from_db()
    assert wish.accept_by == date(2027, 3, 3)


def test_the_accept_by_date_is_never_before_today(family):
    stay = make_stay(start=date(2027, 3, 2))
    wish = offer(wish=make_wish(child=family.children.get(), stay=stay), by=None, accept_days=8)

    wish.refresh_from_db()
    assert wish.accept_by == date(2027, 3, 1)
