"""« Mes demandes » on the bookings side: the booking requests, cancellation requests and
declared absences of a family, with the structure's answers (GET /api/v1/booking/requests/)."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from core.accounts.roles import Role
from core.booking.models import Reservation
from core.booking.services.decisions import CANCEL_BILLED, decide_cancellations
from core.catalog.models import Opening
from tests.support.booking import add, enrol, make_activity, next_weekdays
from tests.support.clients import JSON, logged
from tests.support.factories import make_family, make_user

HOST = "alpha.localhost"
URL = "/api/v1/booking/requests/"


@pytest.fixture
def staff(alpha):
    user = make_user(tenant=alpha, role=Role.GESTIONNAIRE)
    client = logged(HOST, user.email)
    client.user = user
    return client


@pytest.fixture
def parent(alpha):
    family, user = make_family(tenant=alpha, children=1)
    client = logged(HOST, user.email)
    client.family, client.user, client.child = family, user, family.children.get()
    return client


def decide(staff, ids, decision, reason=""):
    response = staff.post(
        "/api/v1/staff/booking/reservations/decide/",
        {"ids": ids, "decision": decision, "reason": reason},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content


@pytest.fixture
def history(parent, staff, clock):
    """Four days asked for under staff validation, then: day 1 refused with a reason, days 2–4
    accepted; a cancellation asked for day 2 (answered: billed), an absence declared on day 3;
    and a day booked directly on an activity without validation (no request)."""
    days = next_weekdays(4)
    requested = make_activity(days=days, booking_validation="staff", name="ALAE Matin")
    direct = make_activity(kind="accueil_soir", name="ALAE Soir", days=days[:1])
    child = parent.child
    enrol(child, requested)
    enrol(child, direct)
    openings = list(Opening.objects.filter(unit__activity=requested).order_by("date"))
    add(parent, *[(child.pk, o.pk, "book") for o in openings])
    direct_opening = Opening.objects.filter(unit__activity=direct).first()
    add(parent, (child.pk, direct_opening.pk, "book"))
    assert parent.post("/api/v1/booking/cart/checkout/").status_code == 200
    by_date = {r.date: r for r in Reservation.objects.filter(unit__activity=requested)}
    first, second, third, fourth = (by_date[d] for d in days)
    clock.shift(minutes=10)
    decide(staff, [first.pk], "refuse", "Effectif complet ce jour")
    decide(staff, [second.pk, third.pk, fourth.pk], "accept")
    clock.shift(minutes=10)
    add(parent, (child.pk, second.opening_id, "cancel"))
    assert parent.post("/api/v1/booking/cart/checkout/").status_code == 200
    clock.shift(minutes=10)
    decide_cancellations(reservation_ids=[second.pk], decision=CANCEL_BILLED, by=staff.user)
    clock.shift(minutes=10)
    absence = parent.post(
        "/api/v1/booking/absences/", {"reservation": third.pk, "reason": "Malade"}
    )
    assert absence.status_code == 200, absence.content
    return first, second, third, fourth


def test_lists_the_requests_newest_first_with_their_answers(parent, history):
    first, second, third, fourth = history
    response = parent.get(URL)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(r["kind"], r["reservation"], r["status"]) for r in results] == [
        ("absence", third.pk, "accepted"),
        ("cancellation", second.pk, "refused"),
        *sorted(
            [
                ("booking", first.pk, "refused"),
                ("booking", second.pk, "accepted"),
                ("booking", third.pk, "accepted"),
                ("booking", fourth.pk, "accepted"),
            ],
            key=lambda row: -row[1],
        ),
    ]
    # The day booked directly on the activity without validation is no request.
    assert all(r["activity_name"] == "ALAE Matin" for r in results)
    absence, cancellation = results[0], results[1]
    assert absence["answer"] == "Absence facturée (sans justificatif)"
    assert absence["reason"] == "Malade"
    assert cancellation["answer"] == "Annulation refusée : jour facturé"
    assert cancellation["decided_at"] is not None


def test_a_refused_booking_request_shows_its_reason(parent, history):
    first = history[0]
    [refused] = [
        r for r in parent.get(f"{URL}?type=booking").json()["results"] if r["status"] == "refused"
    ]
    assert refused["reservation"] == first.pk
    assert refused["status_label"] == "Refusée"
    assert refused["reason"] == "Effectif complet ce jour"
    assert refused["decided_at"] is not None
    assert refused["date"] == first.date.isoformat()
    assert refused["child_name"] == parent.child.first_name
    assert refused["unit_name"] == first.unit.name


@pytest.mark.parametrize(
    ("kind", "count"), [("booking", 4), ("cancellation", 1), ("absence", 1), ("", 6)]
)
def test_filters_by_type(parent, history, kind, count):
    response = parent.get(f"{URL}?type={kind}")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == count
    assert all(r["kind"] == kind for r in body["results"] if kind)


def test_an_unknown_type_is_a_french_400(parent):
    response = parent.get(f"{URL}?type=autre")
    assert response.status_code == 400


def test_a_pending_request_waits_for_the_structure(parent, clock):
    days = next_weekdays(1)
    activity = make_activity(days=days, booking_validation="staff")
    enrol(parent.child, activity)
    add(parent, (parent.child.pk, Opening.objects.get().pk, "book"))
    parent.post("/api/v1/booking/cart/checkout/")
    [pending] = parent.get(URL).json()["results"]
    assert (pending["kind"], pending["status"], pending["status_label"]) == (
        "booking",
        "pending",
        "En attente",
    )
    assert pending["decided_at"] is None


def test_another_familys_requests_are_not_listed_and_its_child_is_404(parent, history, alpha):
    other, user = make_family(tenant=alpha)
    client = logged(HOST, user.email)
    assert client.get(URL).json()["count"] == 0
    assert client.get(f"{URL}?child={parent.child.pk}").status_code == 404
    assert parent.get(f"{URL}?child={other.children.get().pk}").status_code == 404
    assert parent.get(f"{URL}?child={parent.child.pk}").json()["count"] == 6


def test_another_structures_family_sees_none_of_them(parent, history, beta):
    with tenant_context(beta):
        family, user = make_family(tenant=beta)
    client = logged("beta.localhost", user.email)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert client.get(f"{URL}?child={parent.child.pk}").status_code == 404


def test_staff_are_not_families(staff):
    assert staff.get(URL).status_code == 403


def test_the_query_count_does_not_grow_with_the_requests(
    parent, staff, django_assert_max_num_queries
):
    days = next_weekdays(30, weekdays=(0, 1, 2, 3, 4))
    activity = make_activity(days=days, booking_validation="staff")
    enrol(parent.child, activity)
    add(parent, *[(parent.child.pk, o.pk, "book") for o in Opening.objects.all()])
    parent.post("/api/v1/booking/cart/checkout/")
    ids = list(Reservation.objects.values_list("pk", flat=True))
    decide(staff, ids[:15], "refuse", "Complet")
    decide(staff, ids[15:], "accept")
    parent.get(URL)  # warm what the session and the structure cache
    with django_assert_max_num_queries(8):
        response = parent.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 30
    assert len(response.json()["results"]) == 30
