"""A stay booked directly (no campaign, or its decisions published): the whole stay at once,
the place accepted and its deposit invoiced; every refusal in French, nothing written."""

from __future__ import annotations

import pytest

from core.booking.models import Reservation
from modules.sejours.models import Campaign, Wish
from tests.support.factories import make_family
from tests.support.sejours import make_campaign, make_stay

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


def book(client, stay, child, transport=None):
    if transport is None and stay.transports.exists():
        transport = stay.transports.order_by("order").first().pk
    return client.post(
        f"/api/v1/sejours/stays/{stay.pk}/book",
        {"child": child.pk, "transport": transport},
        content_type="application/json",
    )


def test_a_stay_without_campaign_is_booked_whole_and_its_deposit_invoiced(family, parent):
    child = family.children.get()
    stay = make_stay(name="Stage poney", days=4, min_age=None, max_age=None)

    response = book(parent, stay, child)

    assert response.status_code == 201, response.content
    wish = Wish.objects.get(pk=response.json()["wish_id"])
    assert wish.status == Wish.STATUS_ACCEPTED
    assert wish.deposit_invoice is not None
    held = Reservation.objects.filter(child=child, state__in=Reservation.HOLDING)
    assert held.count() == 4


def test_after_publication_the_places_left_are_booked_directly(family, parent):
    campaign = make_campaign(status=Campaign.STATUS_PUBLISHED)
    stay = make_stay(campaign=campaign, min_age=None, max_age=None)

    assert book(parent, stay, family.children.get()).status_code == 201


def test_during_the_campaign_a_stay_is_asked_by_wishes(family, parent):
    stay = make_stay(campaign=make_campaign(), min_age=None, max_age=None)

    response = book(parent, stay, family.children.get())

    assert response.status_code == 400
    assert response.json()["code"] == "by_wishes"
    assert not Wish.objects.exists()


def test_a_full_stay_books_nothing_and_says_so(family, parent):
    stay = make_stay(capacity=1, min_age=None, max_age=None)
    other, _ = make_family(first_name="Avant")
    assert book_for(other, stay).status == Wish.STATUS_ACCEPTED

    response = book(parent, stay, family.children.get())

    assert response.status_code == 409
    assert response.json()["detail"] == ["Plus de place sur « Séjour montagne »."]
    assert not Wish.objects.filter(family=family).exists()
    assert not Reservation.objects.filter(child__family=family).exists()


def test_the_same_child_is_not_booked_twice(family, parent):
    stay = make_stay(min_age=None, max_age=None)
    child = family.children.get()
    assert book(parent, stay, child).status_code == 201

    again = book(parent, stay, child)

    assert again.status_code == 400 and again.json()["code"] == "already"


def test_the_departure_city_must_be_the_stays(family, parent):
    stay = make_stay(min_age=None, max_age=None)
    other = make_stay(name="Autre", min_age=None, max_age=None)

    missing = parent.post(
        f"/api/v1/sejours/stays/{stay.pk}/book",
        {"child": family.children.get().pk},
        content_type="application/json",
    )
    foreign = book(parent, stay, family.children.get(), other.transports.first().pk)

    assert missing.json()["code"] == "transport_required"
    assert foreign.json()["code"] == "transport_not_of_stay"


def test_a_child_outside_the_ages_is_refused(family, parent):
    stay = make_stay(min_age=15, max_age=17)

    response = book(parent, stay, family.children.get())

    assert response.status_code == 400 and response.json()["code"] == "not_eligible"


def test_another_familys_child_or_an_unknown_stay_is_a_404(family, parent):
    stay = make_stay(min_age=None, max_age=None)
    other, _ = make_family(first_name="Autre")

    assert book(parent, stay, other.children.get()).status_code == 404
    response = parent.post(
        "/api/v1/sejours/stays/999999/book", {"child": 1}, content_type="application/json"
    )
    assert response.status_code == 404


def book_for(family, stay):
    from modules.sejours.services.booking import book_stay

    return book_stay(
        family=family,
        child=family.children.get(),
        stay=stay,
        transport_id=stay.transports.order_by("order").first().pk,
        by=None,
    )
