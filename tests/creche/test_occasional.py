"""Accueil occasionnel: free places per half-hour, a day booked whole through the core's
engine as a family (windows, ages, no partial day), validated by the structure or not,
cancelled whole within the window; another family's ids answer 404."""

from datetime import date, time

import pytest

from core.booking.models import BookingPolicy, Reservation
from core.booking.services.context import ACTION_BOOK, ACTION_CANCEL
from core.booking.services.engine import Change, apply_changes
from core.booking.services.enrolments import ensure_validated_enrolment
from core.catalog.models import Opening
from modules.creche.models import CrecheSettings
from modules.creche.services import occasional, slots
from tests.support.clients import JSON
from tests.support.creche import (  # noqa: F401
    make_contract,
    make_establishment,
    make_toddler,
)
from tests.support.factories import make_family

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

DAY = date(2027, 3, 8)
URL = "/api/v1/creche/occasional/"
BOOKINGS = f"{URL}bookings/"
CANCEL = f"{URL}bookings/cancel/"
PENDING = "/api/v1/creche/staff/occasional/"
DECIDE = f"{PENDING}decide/"


@pytest.fixture
def place(family):
    return make_establishment(agrement=3, bands=()), make_toddler(family)


def _book(client, establishment, child, *, day=DAY, arrival="08:00", departure="12:00"):
    return client.post(
        BOOKINGS,
        {
            "child": child.pk,
            "establishment": establishment.pk,
            "date": day.isoformat(),
            "arrival": arrival,
            "departure": departure,
        },
        content_type=JSON,
    )


def _no_validation():
    settings = CrecheSettings.current()
    settings.occasional_validation = False
    settings.save()


def test_the_family_sees_free_places_and_which_children_may_come(parent, place):
    establishment, child = place
    body = parent.get(f"{URL}?establishment={establishment.pk}&date=2027-03-08").json()
    assert body["establishment"]["id"] == establishment.pk
    assert body["slots"][0]["free"] == 3 and body["slots"][0]["label"] == "07:30–08:00"
    assert [p["label"] for p in body["presets"]] == ["Matin", "Après-midi"]
    eligible = {c["id"]: c["eligible"] for c in body["children"]}
    assert eligible[child.pk] is True
    school = next(c for c in body["children"] if c["id"] != child.pk)
    assert school["eligible"] is False and "mois" in school["reason"]


def test_a_booking_is_a_request_until_staff_accept_the_whole_day(parent, staff, place):
    establishment, child = place
    response = _book(parent, establishment, child)
    assert response.status_code == 201, response.content
    assert "Demande envoyée" in response.json()["detail"]
    held = Reservation.objects.filter(child=child)
    assert held.count() == 8 and {r.state for r in held} == {Reservation.REQUESTED}
    assert slots.free_places(establishment, [DAY])[DAY][time(8, 0)] == 2
    pending = staff.get(PENDING).json()
    assert [(p["child"]["id"], p["arrival"], p["departure"]) for p in pending] == [
        (child.pk, "08:00", "12:00")
    ]
    assert pending[0]["family_name"]
    decision = {"child": child.pk, "establishment": establishment.pk, "date": "2027-03-08"}
    no_reason = staff.post(DECIDE, {**decision, "decision": "refuse"}, content_type=JSON)
    assert no_reason.status_code == 400
    accepted = staff.post(DECIDE, {**decision, "decision": "accept"}, content_type=JSON)
    assert accepted.json()["count"] == 8
    assert {r.state for r in held.all()} == {Reservation.CONFIRMED}
    assert staff.get(PENDING).json() == []


def test_a_refusal_frees_the_places(parent, staff, place):
    establishment, child = place
    _book(parent, establishment, child)
    refused = staff.post(
        DECIDE,
        {
            "child": child.pk,
            "establishment": establishment.pk,
            "date": "2027-03-08",
            "decision": "refuse",
            "reason": "Section complète",
        },
        content_type=JSON,
    )
    assert refused.status_code == 200
    assert slots.free_places(establishment, [DAY])[DAY][time(8, 0)] == 3


def test_without_validation_the_day_is_confirmed_and_cancelled_whole(parent, place):
    _no_validation()
    establishment, child = place
    assert "Accueil réservé" in _book(parent, establishment, child).json()["detail"]
    days = parent.get(BOOKINGS).json()
    assert len(days) == 1 and days[0]["state"] == "confirmed" and days[0]["can_cancel"]
    cancelled = parent.post(
        CANCEL,
        {"child": child.pk, "establishment": establishment.pk, "date": "2027-03-08"},
        content_type=JSON,
    )
    assert cancelled.status_code == 200 and cancelled.json()["count"] == 8
    assert parent.get(BOOKINGS).json() == []
    assert slots.free_places(establishment, [DAY])[DAY][time(8, 0)] == 3


def test_the_booking_windows_apply_to_families(parent, place):
    _no_validation()
    establishment, child = place
    activity = establishment.activity
    activity.booking_policy = BookingPolicy.objects.create(
        name="J-3", kind=BookingPolicy.KIND_RELATIVE, days=3, at=time(9, 30)
    )
    activity.save()
    late = _book(parent, establishment, child, day=date(2027, 3, 3))
    assert late.status_code == 409 and "délai dépassé" in late.content.decode()
    assert not Reservation.objects.filter(child=child).exists()
    assert _book(parent, establishment, child).status_code == 201
    # Staff still book late (contracts, the direction's own arrangements).
    slots.book_days(
        child_id=child.pk,
        establishment=establishment,
        days=[slots.DayCare(date(2027, 3, 3), time(8, 0), time(9, 0))],
        by=None,
    )


def test_a_full_half_hour_refuses_the_whole_day(parent, place):
    _no_validation()
    establishment, child = place
    other_family, _ = make_family()
    for name in ("Ana", "Bob", "Cid"):
        slots.book_days(
            child_id=make_toddler(other_family, first_name=name).pk,
            establishment=establishment,
            days=[slots.DayCare(DAY, time(11, 30), time(12, 0))],
            by=None,
        )
    full = _book(parent, establishment, child)
    assert full.status_code == 409 and "11:30 à 12:00" in full.content.decode()
    assert not Reservation.objects.filter(child=child).exists()


def test_ages_occasional_care_and_contract_days_are_checked(parent, place):
    establishment, child = place
    school = child.family.children.exclude(pk=child.pk).first()
    too_old = _book(parent, establishment, school)
    assert too_old.status_code == 409 and "accueille les enfants de 2 à 48 mois" in (
        too_old.content.decode()
    )
    baby = make_toddler(child.family, months=1, first_name="Bébé")
    assert _book(parent, establishment, baby).status_code == 409
    make_contract(child=child, establishment=establishment, start=date(2027, 3, 1))
    under = _book(parent, establishment, child)
    assert under.status_code == 409 and "contrat d'accueil" in under.content.decode()
    establishment.occasional_care = False
    establishment.save()
    assert _book(parent, establishment, child).status_code == 404


def test_the_hook_refuses_partial_days_whatever_the_path(family, place):
    _no_validation()
    establishment, child = place
    openings = {
        o.unit.start_time: o
        for o in Opening.objects.filter(
            unit__activity=establishment.activity, date=DAY
        ).select_related("unit")
    }
    user = family.parent
    gap = [Change(child.pk, openings[t].pk, ACTION_BOOK) for t in (time(8, 0), time(9, 0))]
    enrolled = ensure_validated_enrolment(
        child_id=child.pk, activity_id=establishment.activity_id, requested_by=user, by=user
    )
    assert enrolled
    result = apply_changes(changes=gap, by=user, staff=False, family=family)
    assert {o.code for o in result.outcomes} == {"partial_day"}
    occasional.book_day(
        family=family,
        child=child,
        establishment=establishment,
        day=DAY,
        arrival=time(8, 0),
        departure=time(10, 0),
        by=user,
    )
    one = [Change(child.pk, openings[time(8, 0)].pk, ACTION_CANCEL)]
    result = apply_changes(changes=one, by=user, staff=False, family=family)
    assert [o.code for o in result.outcomes] == ["partial_day"]
    more = [Change(child.pk, openings[time(10, 0)].pk, ACTION_BOOK)]
    result = apply_changes(changes=more, by=user, staff=False, family=family)
    assert [o.code for o in result.outcomes] == ["partial_day"]
    assert Reservation.objects.filter(child=child, state=Reservation.CONFIRMED).count() == 4


def test_another_familys_child_or_day_answers_404(parent, place):
    _no_validation()
    establishment, _ = place
    other_family, _ = make_family()
    other = make_toddler(other_family)
    assert _book(parent, establishment, other).status_code == 404
    occasional.book_day(
        family=other_family,
        child=other,
        establishment=establishment,
        day=DAY,
        arrival=time(8, 0),
        departure=time(9, 0),
        by=None,
    )
    cancel = parent.post(
        CANCEL,
        {"child": other.pk, "establishment": establishment.pk, "date": "2027-03-08"},
        content_type=JSON,
    )
    assert cancel.status_code == 404
    assert parent.get(BOOKINGS).json() == []
    assert parent.get(f"{URL}?establishment={establishment.pk + 99}").status_code == 404
    assert parent.get(PENDING).status_code == 403


def test_the_core_cart_refuses_a_partial_day_too(parent, place):
    from tests.support.booking import add

    _no_validation()
    establishment, child = place
    ensure_validated_enrolment(
        child_id=child.pk, activity_id=establishment.activity_id, requested_by=None, by=None
    )
    openings = dict(
        Opening.objects.filter(unit__activity=establishment.activity, date=DAY).values_list(
            "unit__start_time", "pk"
        )
    )
    response = add(
        parent,
        (child.pk, openings[time(8, 0)], "book"),
        (child.pk, openings[time(9, 30)], "book"),
    )
    assert response.status_code == 200, response.content
    refused = response.json()["refused"]
    assert {r["code"] for r in refused} == {"partial_day"}
    assert "en entier" in refused[0]["reason"]


def test_with_validation_a_cancelled_day_waits_for_the_structure(parent, staff, place):
    establishment, child = place
    _book(parent, establishment, child)
    day = {"child": child.pk, "establishment": establishment.pk, "date": "2027-03-08"}
    staff.post(DECIDE, {**day, "decision": "accept"}, content_type=JSON)
    assert parent.post(CANCEL, day, content_type=JSON).status_code == 200
    held = Reservation.objects.filter(child=child)
    assert {r.state for r in held} == {Reservation.CANCEL_REQUESTED}
    assert parent.get(BOOKINGS).json()[0]["can_cancel"] is False
    pending = staff.get(PENDING).json()
    assert [p["state"] for p in pending] == ["cancel_requested"]
    wrong = staff.post(DECIDE, {**day, "decision": "accept"}, content_type=JSON)
    assert wrong.status_code == 409
    done = staff.post(DECIDE, {**day, "decision": "excused"}, content_type=JSON)
    assert done.status_code == 200 and done.json()["count"] == 8
    assert {r.state for r in held.all()} == {Reservation.CANCELLED}
    assert slots.free_places(establishment, [DAY])[DAY][time(8, 0)] == 3


def test_a_contract_day_is_never_cancelled_as_occasional_care(parent, place):
    """The family's cancel route gives back only occasional days: a contract's day keeps its
    places (the child still comes and is billed); the family declares an absence."""
    _no_validation()
    establishment, child = place
    make_contract(child=child, establishment=establishment, start=date(2027, 3, 1), book=True)
    held = Reservation.objects.filter(child=child, date=DAY)
    assert held.count() == 18 and {r.state for r in held} == {Reservation.CONFIRMED}
    before = slots.free_places(establishment, [DAY])[DAY]
    day = {"child": child.pk, "establishment": establishment.pk, "date": "2027-03-08"}
    refused = parent.post(CANCEL, day, content_type=JSON)
    assert refused.status_code == 409
    assert "déclarez plutôt une absence" in refused.content.decode()
    assert slots.free_places(establishment, [DAY])[DAY] == before
    assert {r.state for r in held.all()} == {Reservation.CONFIRMED}
    # Whatever the path: the module's hook refuses a family's cancellation of the whole day.
    changes = [Change(child.pk, r.opening_id, ACTION_CANCEL) for r in held]
    family = child.family
    result = apply_changes(changes=changes, by=family.parent, staff=False, family=family)
    assert {o.code for o in result.outcomes} == {"contract_day"}
    assert slots.free_places(establishment, [DAY])[DAY] == before
    # An establishment without occasional care is not a cancel route at all.
    establishment.occasional_care = False
    establishment.save()
    assert parent.post(CANCEL, day, content_type=JSON).status_code == 404


def test_an_occasional_day_still_cancels_beside_a_contract(parent, place):
    """The sibling under contract keeps its places; the occasional day of the other child is
    cancelled whole and its places freed."""
    _no_validation()
    establishment, child = place
    sibling = make_toddler(child.family, months=12, first_name="Léo")
    make_contract(child=sibling, establishment=establishment, start=date(2027, 3, 1), book=True)
    assert _book(parent, establishment, child).status_code == 201
    assert slots.free_places(establishment, [DAY])[DAY][time(8, 0)] == 1
    cancelled = parent.post(
        CANCEL,
        {"child": child.pk, "establishment": establishment.pk, "date": "2027-03-08"},
        content_type=JSON,
    )
    assert cancelled.status_code == 200 and cancelled.json()["count"] == 8
    assert slots.free_places(establishment, [DAY])[DAY][time(8, 0)] == 2
    assert (
        Reservation.objects.filter(child=sibling, date=DAY, state=Reservation.CONFIRMED).count()
        == 18
    )


def test_a_day_where_occasional_care_stopped_is_not_cancelled_online(parent, place):
    _no_validation()
    establishment, child = place
    _book(parent, establishment, child)
    establishment.occasional_care = False
    establishment.save()
    [day] = parent.get(BOOKINGS).json()
    assert day["can_cancel"] is False and "voyez avec la crèche" in day["cancel_reason"]
    cancel = {"child": child.pk, "establishment": establishment.pk, "date": "2027-03-08"}
    assert parent.post(CANCEL, cancel, content_type=JSON).status_code == 404
