"""Each state transition of enrolments and reservations, and each refusal, through the API."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from core.accounts.roles import Role
from core.booking.models import BookingPolicy, Enrolment, Reservation
from core.catalog.models import Closure, Opening
from tests.support.booking import add, complete_file, enrol, make_activity, next_weekdays
from tests.support.clients import HOST, JSON, logged
from tests.support.factories import make_family, make_user


@pytest.fixture
def parent(alpha):
    family, user = make_family(tenant=alpha)
    client = logged(HOST, user.email)
    client.family, client.child = family, family.children.get()
    return client


def staff_client(alpha, role=Role.GESTIONNAIRE):
    user = make_user(tenant=alpha, role=role)
    client = logged(HOST, user.email)
    client.user = user
    return client


def book(parent, opening):
    add(parent, (parent.child.pk, opening.pk, "book"))
    return parent.post("/api/v1/booking/cart/checkout/").json()


def test_cancellation_request_answered_excused_frees_the_place_billed_keeps_it(parent, alpha):
    days = next_weekdays(2)
    activity = make_activity(days=days, booking_validation="staff")
    enrol(parent.child, activity)
    staff = staff_client(alpha)
    first, second = Opening.objects.filter(unit__activity=activity).order_by("date")
    for opening in (first, second):
        book(parent, opening)
    ids = list(Reservation.objects.values_list("pk", flat=True))
    staff.post(
        "/api/v1/staff/booking/reservations/decide/",
        {"ids": ids, "decision": "accept"},
        content_type=JSON,
    )
    add(parent, (parent.child.pk, first.pk, "cancel"), (parent.child.pk, second.pk, "cancel"))
    done = parent.post("/api/v1/booking/cart/checkout/").json()["done"]
    assert {d["state"] for d in done} == {"cancel_requested"}
    listed = staff.get("/api/v1/staff/booking/reservations/?state=cancel_requested").json()
    assert listed["count"] == 2
    by_opening = dict(Reservation.objects.values_list("opening_id", "pk"))
    staff.post(
        "/api/v1/staff/booking/reservations/decide/",
        {"ids": [by_opening[first.pk]], "decision": "excused"},
        content_type=JSON,
    )
    staff.post(
        "/api/v1/staff/booking/reservations/decide/",
        {"ids": [by_opening[second.pk]], "decision": "billed"},
        content_type=JSON,
    )
    assert Reservation.objects.get(opening=first).state == "cancelled"
    assert Reservation.objects.get(opening=second).state == "absent_billed"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.booked, second.booked) == (0, 1)


def test_late_cancellation_is_refused_and_the_cell_offers_an_absence(parent, clock):
    tomorrow = clock.today + timedelta(days=1)
    activity = make_activity(days=[tomorrow])
    enrol(parent.child, activity)
    opening = Opening.objects.get(unit__activity=activity)
    assert book(parent, opening)["done"][0]["state"] == "confirmed"
    activity.cancel_policy = BookingPolicy.objects.create(
        name="J-2", kind=BookingPolicy.KIND_RELATIVE, days=2, at=time(12, 0)
    )
    activity.save()
    refused = add(parent, (parent.child.pk, opening.pk, "cancel")).json()["refused"]
    assert refused[0]["code"] == "deadline_passed"
    assert "déclarez une absence" in refused[0]["reason"]
    planning = parent.get(f"/api/v1/booking/planning/?month={tomorrow:%Y-%m}").json()
    cells = planning["children"][0]["activities"][0]["rows"][0]["cells"]
    cell = next(c for c in cells if c["date"] == tomorrow.isoformat())
    assert cell["status"] == "confirmed" and cell["actions"] == ["absence"]


def test_enrolment_refused_with_reason_and_waitlisted_past_the_maximum(parent, alpha):
    staff = staff_client(alpha)
    activity = make_activity(max_enrolments=1)
    complete_file(parent.family, staff_user=staff.user)
    other, other_user = make_family(tenant=alpha)
    enrol(other.children.get(), activity)
    response = parent.post(
        "/api/v1/booking/enrolments/",
        {"child": parent.child.pk, "activity": activity.pk},
        content_type=JSON,
    )
    assert response.json()["status"] == "waitlisted"
    no_reason = staff.post(
        "/api/v1/staff/booking/enrolments/decide/",
        {"ids": [response.json()["id"]], "decision": "refuse"},
        content_type=JSON,
    )
    assert no_reason.status_code == 400
    staff.post(
        "/api/v1/staff/booking/enrolments/decide/",
        {"ids": [response.json()["id"]], "decision": "refuse", "reason": "Plus de place"},
        content_type=JSON,
    )
    enrolment = Enrolment.objects.get(pk=response.json()["id"])
    assert (enrolment.status, enrolment.reason) == ("refused", "Plus de place")
    listed = parent.get("/api/v1/booking/enrolments/").json()["results"]
    assert listed[0]["status"] == "refused" and listed[0]["reason"] == "Plus de place"


def test_enrolment_outside_its_window_or_age_is_refused_in_french(parent, alpha, clock):
    activity = make_activity(enrolment_closes_on=clock.today - timedelta(days=1), min_age=3)
    response = parent.post(
        "/api/v1/booking/enrolments/",
        {"child": parent.child.pk, "activity": activity.pk},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "closes" in str(response.json())


def test_capacity_below_the_places_taken_is_refused_and_more_room_promotes(parent, alpha):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day], capacity=1)
    opening = Opening.objects.get(unit__activity=activity)
    other, other_user = make_family(tenant=alpha)
    enrol(other.children.get(), activity)
    enrol(parent.child, activity)
    other_client = logged(HOST, other_user.email)
    add(other_client, (other.children.get().pk, opening.pk, "book"))
    other_client.post("/api/v1/booking/cart/checkout/")
    assert book(parent, opening)["done"][0]["state"] == "waitlisted"
    staff = staff_client(alpha)
    too_low = staff.patch(
        f"/api/v1/staff/booking/openings/{opening.pk}/", {"capacity": 0}, content_type=JSON
    )
    assert too_low.status_code == 400
    assert "déjà réservées" in str(too_low.json())
    more = staff.patch(
        f"/api/v1/staff/booking/openings/{opening.pk}/", {"capacity": 2}, content_type=JSON
    )
    assert more.status_code == 200, more.content
    assert Reservation.objects.get(child=parent.child).state == "confirmed"
    opening.refresh_from_db()
    assert opening.booked == 2


def test_a_closure_closes_its_days_and_the_cell_says_ferme(parent, alpha):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day])
    enrol(parent.child, activity)
    staff = staff_client(alpha, Role.ADMINISTRATEUR)
    created = staff.post(
        "/api/v1/staff/booking/closures/",
        {"label": "Grève", "start_date": day.isoformat(), "end_date": day.isoformat()},
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    assert Opening.objects.get(unit__activity=activity).closed
    opening = Opening.objects.get(unit__activity=activity)
    assert add(parent, (parent.child.pk, opening.pk, "book")).json()["refused"][0]["code"] == (
        "closed"
    )
    Closure.objects.all().delete()


def test_animateur_marks_attendance_but_cannot_decide_requests(parent, alpha):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day])
    enrol(parent.child, activity)
    opening = Opening.objects.get(unit__activity=activity)
    book(parent, opening)
    animateur = staff_client(alpha, Role.ANIMATEUR)
    reservation = Reservation.objects.get()
    assert (
        animateur.post(
            "/api/v1/staff/booking/reservations/decide/",
            {"ids": [reservation.pk], "decision": "refuse", "reason": "x"},
            content_type=JSON,
        ).status_code
        == 403
    )
    marked = animateur.post(
        f"/api/v1/staff/booking/attendance/{opening.pk}/",
        {"marks": {str(reservation.pk): "present"}},
        content_type=JSON,
    )
    assert marked.status_code == 200
    assert (
        parent.post(
            f"/api/v1/staff/booking/attendance/{opening.pk}/",
            {"marks": {str(reservation.pk): "present"}},
            content_type=JSON,
        ).status_code
        == 403
    )


def test_parent_cannot_cancel_after_attendance_was_taken(parent, alpha):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day])
    enrol(parent.child, activity)
    opening = Opening.objects.get(unit__activity=activity)
    book(parent, opening)
    Reservation.objects.update(state="present")
    refused = add(parent, (parent.child.pk, opening.pk, "cancel")).json()["refused"]
    assert refused[0]["code"] == "final"


def test_another_structures_opening_is_unknown_here(parent, alpha, beta):
    from django_tenants.utils import tenant_context

    with tenant_context(beta):
        staff_beta = make_user(tenant=beta, role=Role.ADMINISTRATEUR)
    [day] = next_weekdays(1)
    make_activity(days=[day])
    opening = Opening.objects.get()
    client = logged("beta.localhost", staff_beta.email)
    assert client.get(f"/api/v1/staff/booking/attendance/{opening.pk}/").status_code == 404
    assert client.get(f"/api/v1/staff/booking/openings/{opening.pk}/").status_code == 404


def test_staff_book_past_the_deadline_but_not_past_the_capacity(parent, alpha, clock):
    tomorrow = clock.today + timedelta(days=1)
    policy = BookingPolicy.objects.create(
        name="J-5", kind=BookingPolicy.KIND_RELATIVE, days=5, at=time(9, 30)
    )
    activity = make_activity(days=[tomorrow], policy=policy, capacity=1)
    enrol(parent.child, activity)
    opening = Opening.objects.get(unit__activity=activity)
    assert add(parent, (parent.child.pk, opening.pk, "book")).json()["refused"]
    staff = staff_client(alpha)
    response = staff.post(
        "/api/v1/staff/booking/reservations/apply/",
        {"changes": [{"child": parent.child.pk, "opening": opening.pk, "action": "book"}]},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert response.json()["done"][0]["state"] == "confirmed"
    other, _ = make_family(tenant=alpha)
    enrol(other.children.get(), activity)
    full = staff.post(
        "/api/v1/staff/booking/reservations/apply/",
        {"changes": [{"child": other.children.get().pk, "opening": opening.pk, "action": "book"}]},
        content_type=JSON,
    ).json()
    assert full["done"][0]["state"] == "waitlisted"


def test_waiting_list_is_promoted_in_order_of_arrival(alpha):
    from core.booking.services.decisions import set_capacity
    from core.booking.services.engine import Change, apply_changes

    [day] = next_weekdays(1)
    activity = make_activity(days=[day], capacity=0)
    opening = Opening.objects.get(unit__activity=activity)
    children = []
    for _ in range(3):
        family, _user = make_family(tenant=alpha)
        child = family.children.get()
        enrol(child, activity)
        apply_changes(changes=[Change(child.pk, opening.pk, "book")], by=None, family=family)
        children.append(child)
    assert set(Reservation.objects.values_list("state", flat=True)) == {"waitlisted"}
    set_capacity(opening=opening, capacity=2, by=None)
    states = [Reservation.objects.get(child=c).state for c in children]
    assert states == ["confirmed", "confirmed", "waitlisted"]
