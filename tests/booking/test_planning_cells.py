"""What a planning cell says of the day's reservation: an absence the family declared in advance
is not an attendance taken, and a refused request stays visible with its reason."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.accounts.roles import Role
from core.booking.models import BookingPolicy, Reservation
from core.catalog.models import Opening
from tests.support.booking import PDF, add, enrol, make_activity, next_weekdays
from tests.support.clients import HOST, JSON, logged
from tests.support.factories import make_family, make_user


@pytest.fixture
def parent(alpha):
    family, user = make_family(tenant=alpha)
    client = logged(HOST, user.email)
    client.family, client.child, client.user = family, family.children.get(), user
    return client


@pytest.fixture
def staff(alpha):
    user = make_user(tenant=alpha, role=Role.GESTIONNAIRE)
    client = logged(HOST, user.email)
    client.user = user
    return client


def again(client):
    """The same user signed in anew (after the clock moved past the session's lifetime)."""
    fresh = logged(HOST, client.user.email)
    fresh.__dict__.update(
        {k: v for k, v in client.__dict__.items() if k in ("family", "child", "user")}
    )
    return fresh


def book(parent, *openings):
    add(parent, *[(parent.child.pk, o.pk, "book") for o in openings])
    return parent.post("/api/v1/booking/cart/checkout/").json()


def cells_by_date(parent, day) -> dict[str, dict]:
    planning = parent.get(f"/api/v1/booking/planning/?month={day:%Y-%m}").json()
    cells = planning["children"][0]["activities"][0]["rows"][0]["cells"]
    return {c["date"]: c for c in cells}


def cell_of(parent, day) -> dict:
    return cells_by_date(parent, day)[day.isoformat()]


def declare_absence(parent, reservation, *, certificate: bool):
    data = {"reservation": reservation.pk, "reason": "Malade"}
    if certificate:
        data["document"] = SimpleUploadedFile("certificat.pdf", PDF, content_type="application/pdf")
    response = parent.post("/api/v1/booking/absences/", data)
    assert response.status_code == 200, response.content
    return response.json()["state"]


@pytest.mark.frozen_at("2026-11-16 10:00")
def test_an_absence_declared_in_advance_says_so_not_that_attendance_was_taken(parent, staff, clock):
    days = next_weekdays(3, after=2)
    activity = make_activity(days=days)
    enrol(parent.child, activity)
    openings = list(Opening.objects.filter(unit__activity=activity).order_by("date"))
    book(parent, *openings)
    excused, billed, attended = Reservation.objects.order_by("date")
    assert declare_absence(parent, excused, certificate=True) == "absent_excused"
    assert declare_absence(parent, billed, certificate=False) == "absent_billed"
    marked = staff.post(
        f"/api/v1/staff/booking/attendance/{openings[2].pk}/",
        {"marks": {str(attended.pk): "present"}},
        content_type=JSON,
    )
    assert marked.status_code == 200, marked.content

    cells = cells_by_date(parent, days[0])
    by_day = [cells[d.isoformat()] for d in days]
    assert [(c["status"], c["reason"], c["actions"]) for c in by_day] == [
        ("absent_excused", "Absence excusée", []),
        ("absent_billed", "Absence facturée", []),
        ("present", "Présence déjà relevée", []),
    ]
    # The cart's refusal says the same.
    refused = add(parent, (parent.child.pk, openings[0].pk, "cancel")).json()["refused"]
    assert (refused[0]["code"], refused[0]["reason"]) == ("final", "Absence excusée")

    # On the day, staff take the attendance: the excused absence becomes billed on the sheet.
    clock.move_to(f"{days[0].isoformat()} 18:00")
    parent, staff = again(parent), again(staff)
    marked = staff.post(
        f"/api/v1/staff/booking/attendance/{openings[0].pk}/",
        {"marks": {str(excused.pk): "absent_billed"}},
        content_type=JSON,
    )
    assert marked.status_code == 200, marked.content
    cells = cells_by_date(parent, days[0])
    assert cells[days[0].isoformat()]["reason"] == "Présence déjà relevée"
    # The family's declaration for a day still to come is unchanged.
    assert cells[days[1].isoformat()]["reason"] == "Absence facturée"


@pytest.mark.frozen_at("2026-11-16 10:00")
def test_a_refused_request_shows_refused_with_its_reason_and_can_be_asked_again(parent, staff):
    days = next_weekdays(2, after=2)
    activity = make_activity(days=days, booking_validation="staff")
    enrol(parent.child, activity)
    first, second = Opening.objects.filter(unit__activity=activity).order_by("date")
    assert {d["state"] for d in book(parent, first, second)["done"]} == {"requested"}
    ids = list(Reservation.objects.order_by("date").values_list("pk", flat=True))
    decided = staff.post(
        "/api/v1/staff/booking/reservations/decide/",
        {"ids": ids, "decision": "refuse", "reason": "Plus d'animateur ce jour-là"},
        content_type=JSON,
    )
    assert decided.status_code == 200, decided.content

    cell = cell_of(parent, days[0])
    assert cell["status"] == "refused"
    assert cell["reason"] == "Plus d'animateur ce jour-là"
    assert cell["reservation_id"] == ids[0]
    # Still bookable: the family may ask again.
    assert cell["actions"] == ["book"]
    response = add(parent, (parent.child.pk, first.pk, "book"))
    assert response.status_code == 200 and not response.json()["refused"], response.content
    assert [d["state"] for d in parent.post("/api/v1/booking/cart/checkout/").json()["done"]] == [
        "requested"
    ]
    # The new request supersedes the refusal; the other day stays refused.
    assert cell_of(parent, days[0])["status"] == "requested"
    assert cell_of(parent, days[1])["status"] == "refused"

    # A new request withdrawn by the family: the day is free again, the refusal is history.
    add(parent, (parent.child.pk, first.pk, "cancel"))
    parent.post("/api/v1/booking/cart/checkout/")
    assert Reservation.objects.get(opening=first, state="cancelled")
    assert cell_of(parent, days[0])["status"] == "free"


@pytest.mark.frozen_at("2026-11-16 10:00")
def test_a_refused_day_past_the_booking_window_says_why_it_cannot_be_asked_again(
    parent, staff, clock
):
    [day] = next_weekdays(1, after=3)
    policy = BookingPolicy.objects.create(
        name="J-2", kind=BookingPolicy.KIND_RELATIVE, days=2, at=time(12, 0)
    )
    activity = make_activity(days=[day], booking_validation="staff", policy=policy)
    enrol(parent.child, activity)
    opening = Opening.objects.get(unit__activity=activity)
    book(parent, opening)
    staff.post(
        "/api/v1/staff/booking/reservations/decide/",
        {"ids": [Reservation.objects.get().pk], "decision": "refuse", "reason": "Complet"},
        content_type=JSON,
    )
    clock.move_to(f"{(day - timedelta(days=1)).isoformat()} 10:00")
    parent = again(parent)
    cell = cell_of(parent, day)
    assert cell["status"] == "refused" and cell["actions"] == []
    assert cell["reason"].startswith("Complet — ")
    assert len(cell["reason"]) > len("Complet — ")
