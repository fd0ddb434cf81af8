"""A unit "booked at enrolment" (the canteen) books, when its enrolment is validated, only the
days still open under its booking policy; staff may book the days past their deadline too."""

from __future__ import annotations

from datetime import date, time

import pytest

from core.accounts.roles import Role
from core.booking.models import BookingPolicy, Enrolment, Reservation
from core.booking.services.enrolments import decide_enrolments
from tests.support.booking import complete_file, enrol, make_activity
from tests.support.clients import JSON, logged
from tests.support.factories import make_family, make_user

HOST = "alpha.localhost"
# Monday 23 November: December closed on 20 November, January closes on 20 December.
NOW = "2026-11-23 10:00"
PAST_DEADLINE = [date(2026, 11, 23), date(2026, 11, 24), date(2026, 12, 1), date(2026, 12, 17)]
STILL_OPEN = [date(2027, 1, 4), date(2027, 1, 5), date(2027, 2, 1)]


@pytest.fixture
def parent(alpha):
    family, user = make_family(tenant=alpha)
    client = logged(HOST, user.email)
    client.family = family
    client.user = user
    return client


@pytest.fixture
def manager(alpha):
    user = make_user(tenant=alpha, role=Role.GESTIONNAIRE)
    client = logged(HOST, user.email)
    client.user = user
    return client


def canteen(*, validation: str = "staff"):
    """The canteen: booked at enrolment, booking closes on the 20th of the previous month."""
    policy = BookingPolicy.objects.create(
        name="Le 20 du mois précédent",
        kind=BookingPolicy.KIND_PREVIOUS_MONTH,
        day_of_month=20,
        at=time(23, 59),
    )
    activity = make_activity(
        kind="pause_meridienne",
        name="Restauration",
        days=PAST_DEADLINE + STILL_OPEN,
        policy=policy,
        enrolment_validation=validation,
    )
    activity.units.update(booked_on_enrolment=True)
    return activity


def booked_days(child) -> list[date]:
    return sorted(
        Reservation.objects.filter(child=child, state="confirmed").values_list(
            "opening__date", flat=True
        )
    )


@pytest.mark.frozen_at(NOW)
def test_validating_the_canteen_books_nothing_before_the_first_open_day(parent, manager):
    activity = canteen()
    child = parent.family.children.get()
    enrolment = enrol(child, activity, status=Enrolment.STATUS_REQUESTED)

    decided = manager.post(
        "/api/v1/staff/booking/enrolments/decide/",
        {"ids": [enrolment.pk], "decision": "accept"},
        content_type=JSON,
    )

    assert decided.status_code == 200, decided.content
    assert decided.json()[0]["booked_past_deadlines"] is False
    assert booked_days(child) == STILL_OPEN
    enrolment.refresh_from_db()
    assert enrolment.status == "validated" and not enrolment.booked_past_deadlines


@pytest.mark.frozen_at(NOW)
def test_staff_may_book_the_days_past_their_deadline_too_and_it_is_recorded(parent, manager):
    activity = canteen()
    child = parent.family.children.get()
    enrolment = enrol(child, activity, status=Enrolment.STATUS_REQUESTED)

    decided = manager.post(
        "/api/v1/staff/booking/enrolments/decide/",
        {"ids": [enrolment.pk], "decision": "accept", "book_past_deadlines": True},
        content_type=JSON,
    )

    assert decided.status_code == 200, decided.content
    assert decided.json()[0]["booked_past_deadlines"] is True
    assert booked_days(child) == PAST_DEADLINE + STILL_OPEN
    enrolment.refresh_from_db()
    assert enrolment.booked_past_deadlines


@pytest.mark.frozen_at(NOW)
def test_automatic_validation_books_only_the_open_days_and_parents_cannot_ask_for_more(
    parent, manager
):
    activity = canteen(validation="auto")
    complete_file(parent.family, staff_user=manager.user)
    child = parent.family.children.get()

    response = parent.post(
        "/api/v1/booking/enrolments/",
        {"child": child.pk, "activity": activity.pk, "book_past_deadlines": True},
        content_type=JSON,
    )

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "validated"
    assert booked_days(child) == STILL_OPEN
    assert not Enrolment.objects.get(pk=response.json()["id"]).booked_past_deadlines
    # The option belongs to the staff's decision: a parent cannot reach it.
    refused = parent.post(
        "/api/v1/staff/booking/enrolments/decide/",
        {"ids": [response.json()["id"]], "decision": "accept", "book_past_deadlines": True},
        content_type=JSON,
    )
    assert refused.status_code == 403
    assert booked_days(child) == STILL_OPEN


@pytest.mark.frozen_at("2026-11-20 23:00")
def test_the_deadline_is_read_in_the_structures_time_zone(parent, manager):
    """On the 20th at 23:00 in Paris (22:00 UTC), December is still open until 23:59."""
    activity = canteen()
    child = parent.family.children.get()
    enrolment = enrol(child, activity, status=Enrolment.STATUS_REQUESTED)

    decide_enrolments(enrolment_ids=[enrolment.pk], decision="accept", by=manager.user)

    assert booked_days(child) == PAST_DEADLINE[2:] + STILL_OPEN
