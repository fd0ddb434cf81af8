"""The commission: the staff list and its filters, one request, offering a place (with the
free places of its first weeks), the waiting list, refusing with a reason; the family's answer
until the deadline in the structure's time zone; who may read and who may decide."""

from datetime import date, time

import pytest
from django.db import connection
from django_tenants.utils import schema_context, tenant_context

from core.accounts.roles import Role, install_roles
from modules.creche.models import CrecheSettings
from modules.creche.models.requests import PlaceRequest
from modules.creche.services import requests as service
from modules.creche.services import slots
from tests.support.clients import HOST, JSON, logged
from tests.support.creche import make_toddler
from tests.support.creche_requests import (  # noqa: F401 - fixture
    FULL_WEEK,
    make_establishment,
    make_place_request,
)
from tests.support.factories import make_family, make_user

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.frozen_at("2027-03-01T10:00:00+01:00"),
]

STAFF_API = "/api/v1/creche/staff/requests/"
API = "/api/v1/creche/requests/"


@pytest.fixture
def nest(alpha):
    return make_establishment(name="Les Petits Pas")


@pytest.fixture
def request_(family, nest):
    return make_place_request(family=family, establishments=[nest])


def as_role(role: Role):
    return logged(HOST, make_user(role=role).email)


def offer_payload(establishment, **fields):
    return {
        "establishment": establishment.pk,
        "section": establishment.sections.first().pk,
        "start": "2027-04-05",
        "schedule": FULL_WEEK,
        **fields,
    }


# --- The list ----------------------------------------------------------------------------


def test_the_list_is_sorted_by_desired_start_then_date_of_request(staff, family, nest, clock):
    late = make_place_request(family=family, establishments=[nest], desired_start=date(2027, 9, 1))
    clock.shift(hours=1)
    early_second = make_place_request(
        family=family, establishments=[nest], desired_start=date(2027, 5, 3)
    )
    first = make_place_request(
        family=family,
        establishments=[nest],
        desired_start=date(2027, 5, 3),
        created_at=clock.now.replace(hour=1),
    )

    body = staff.get(STAFF_API).json()
    rows = body["requests"]

    assert [r["id"] for r in rows] == [first.pk, early_second.pk, late.pk]
    assert rows[0]["family_name"] == family.name and rows[0]["choices"] == ["Les Petits Pas"]
    assert body["establishments"] == [{"id": nest.pk, "name": "Les Petits Pas"}]


def test_the_list_filters_by_month_establishment_at_any_rank_state_and_care(staff, family, nest):
    other = make_establishment(name="Les Lucioles")
    second_rank = make_place_request(
        family=family, establishments=[nest, other], desired_start=date(2027, 9, 6)
    )
    only_nest = make_place_request(
        family=family,
        establishments=[nest],
        desired_start=date(2027, 10, 4),
        state=PlaceRequest.WAITLISTED,
        care=PlaceRequest.CARE_OCCASIONAL,
    )

    def ids(query):
        return [r["id"] for r in staff.get(f"{STAFF_API}?{query}").json()["requests"]]

    assert ids("month=2027-09") == [second_rank.pk]
    assert ids(f"establishment={other.pk}") == [second_rank.pk]
    assert ids(f"establishment={nest.pk}") == [second_rank.pk, only_nest.pk]
    assert ids("state=waitlisted") == [only_nest.pk]
    assert ids("care=occasional") == [only_nest.pk]
    assert staff.get(f"{STAFF_API}?month=septembre").status_code == 400
    assert staff.get(f"{STAFF_API}?state=nope").status_code == 400


def test_the_detail_shows_the_family_and_every_establishment_ranked_first(
    staff, family, request_, nest
):
    make_establishment(name="Autre crèche", active=False)

    body = staff.get(f"{STAFF_API}{request_.pk}/").json()

    assert body["family"]["id"] == family.pk and body["family"]["name"] == family.name
    assert [(e["name"], e["rank"]) for e in body["establishments"]] == [
        ("Les Petits Pas", 1),
        ("Autre crèche", None),
    ]
    assert [s["name"] for s in body["establishments"][0]["sections"]] == [
        "Bébés",
        "Moyens",
        "Grands",
    ]


# --- Who may -----------------------------------------------------------------------------


def test_the_animateur_sees_no_request_and_cannot_decide(request_, nest):
    animateur = as_role(Role.ANIMATEUR)

    assert animateur.get(STAFF_API).status_code == 403
    assert animateur.get(f"{STAFF_API}{request_.pk}/").status_code == 403
    response = animateur.post(
        f"{STAFF_API}{request_.pk}/offer", offer_payload(nest), content_type=JSON
    )
    assert response.status_code == 403
    request_.refresh_from_db()
    assert request_.state == PlaceRequest.SUBMITTED


def test_the_comptable_reads_but_cannot_decide(request_):
    comptable = as_role(Role.COMPTABLE)

    assert comptable.get(f"{STAFF_API}{request_.pk}/").status_code == 200
    assert comptable.post(f"{STAFF_API}{request_.pk}/waitlist").status_code == 403


def test_a_family_cannot_use_the_staff_routes(parent, request_):
    assert parent.get(STAFF_API).status_code == 403
    assert parent.post(f"{STAFF_API}{request_.pk}/waitlist").status_code == 403


def test_an_unknown_request_is_not_found(staff):
    assert staff.get(f"{STAFF_API}999999/").status_code == 404
    assert staff.post(f"{STAFF_API}999999/waitlist").status_code == 404


# --- Offer -------------------------------------------------------------------------------


def test_offering_a_place_sets_the_answer_date_and_books_nothing(staff, request_, nest):
    CrecheSettings.objects.filter(pk=CrecheSettings.current().pk).update(offer_answer_days=10)
    before = slots.free_places(nest, [date(2027, 4, 5)])

    response = staff.post(f"{STAFF_API}{request_.pk}/offer", offer_payload(nest), content_type=JSON)

    assert response.status_code == 200, response.content
    offer = response.json()["offer"]
    assert response.json()["state"] == "offered"
    assert offer["establishment_name"] == "Les Petits Pas" and offer["section_name"] == "Bébés"
    assert offer["answer_by"] == "2027-03-11" and offer["start"] == "2027-04-05"
    assert slots.free_places(nest, [date(2027, 4, 5)]) == before


def test_an_offer_may_name_an_establishment_the_family_did_not_rank(staff, request_):
    elsewhere = make_establishment(name="Les Lucioles")

    response = staff.post(
        f"{STAFF_API}{request_.pk}/offer", offer_payload(elsewhere), content_type=JSON
    )

    assert response.status_code == 200, response.content
    assert response.json()["offer"]["establishment_name"] == "Les Lucioles"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"start": "2027-02-28"}, "start", "ne peut pas être passée"),
        ({"section": None}, "section", "Choisissez la section"),
        ({"establishment": 999999}, "establishment", "inconnu"),
        (
            {"schedule": [{"weekday": 5, "arrival": "08:00", "departure": "12:00"}]},
            "offer_schedule",
            "fermé le samedi",
        ),
        (
            {"schedule": [{"weekday": 0, "arrival": "07:00", "departure": "12:00"}]},
            "offer_schedule",
            "ouvert de 07:30 à 18:30",
        ),
    ],
)
def test_an_offer_is_checked(staff, request_, nest, change, field, message):
    response = staff.post(
        f"{STAFF_API}{request_.pk}/offer", {**offer_payload(nest), **change}, content_type=JSON
    )

    assert response.status_code == 400, response.content
    assert message in " ".join(response.json()[field])
    request_.refresh_from_db()
    assert request_.state == PlaceRequest.SUBMITTED


def test_a_section_of_another_establishment_is_refused(staff, request_, nest):
    other = make_establishment(name="Les Lucioles")

    response = staff.post(
        f"{STAFF_API}{request_.pk}/offer",
        offer_payload(nest, section=other.sections.first().pk),
        content_type=JSON,
    )

    assert response.status_code == 400
    assert "pas une section de Les Petits Pas" in response.json()["section"][0]


def test_the_free_places_of_the_first_four_weeks(staff, request_, nest, family):
    # One child already holds 8:00–12:00 each Monday: one place less on those mornings.
    held = make_toddler(family, months=10, first_name="Tom")
    mondays = [date(2027, 4, 5 + 7 * n) for n in range(4)]
    slots.book_days(
        child_id=held.pk,
        establishment=nest,
        days=[slots.DayCare(d, time(8, 0), time(12, 0)) for d in mondays],
        by=None,
    )
    payload = {
        "establishment": nest.pk,
        "start": "2027-04-05",
        "schedule": [
            {"weekday": 0, "arrival": "07:30", "departure": "12:00"},
            {"weekday": 2, "arrival": "09:00", "departure": "17:00"},
        ],
    }

    body = staff.post(f"{STAFF_API}{request_.pk}/availability", payload, content_type=JSON).json()

    assert len(body["days"]) == 8
    monday = body["days"][0]
    assert monday == {
        "date": "2027-04-05",
        "arrival": "07:30",
        "departure": "12:00",
        "free": 11,  # 8:00–8:30: 12 places (capacity band), one held
        "open": True,
    }
    assert body["days"][1]["free"] == 24
    assert body["min_free"] == 11


def test_the_free_places_say_0_where_the_establishment_is_not_open(request_, nest):
    days = service.availability(
        establishment=nest,
        start=date(2027, 4, 5),
        schedule=[{"weekday": 5, "arrival": "08:00", "departure": "12:00"}],
    )

    assert len(days) == 4 and all(d["free"] == 0 and not d["open"] for d in days)


# --- Waiting list and refusal ------------------------------------------------------------


def test_waitlisting_then_offering_then_taking_the_offer_back(staff, request_, nest):
    url = f"{STAFF_API}{request_.pk}/"

    assert staff.post(f"{url}waitlist").json()["state"] == "waitlisted"
    assert staff.post(f"{url}waitlist").status_code == 409
    assert staff.post(f"{url}offer", offer_payload(nest), content_type=JSON).status_code == 200
    back = staff.post(f"{url}waitlist").json()

    assert back["state"] == "waitlisted" and back["offer"] is None
    request_.refresh_from_db()
    assert request_.offer_answer_by is None


def test_refusing_needs_a_reason_shown_to_the_family(staff, parent, request_):
    url = f"{STAFF_API}{request_.pk}/refuse"

    empty = staff.post(url, {"reason": "  "}, content_type=JSON)
    refused = staff.post(url, {"reason": "Pas de place sur ce planning"}, content_type=JSON)

    assert empty.status_code == 400 and "motif" in empty.json()["reason"][0]
    assert refused.json()["state"] == "refused"
    assert refused.json()["decided_by"]
    assert parent.get(f"{API}{request_.pk}/").json()["reason"] == "Pas de place sur ce planning"


@pytest.mark.parametrize(
    "state",
    [PlaceRequest.ACCEPTED, PlaceRequest.DECLINED, PlaceRequest.WITHDRAWN, PlaceRequest.LAPSED],
)
def test_a_closed_request_takes_no_decision(staff, family, nest, state):
    request = make_place_request(family=family, establishments=[nest], state=state)
    url = f"{STAFF_API}{request.pk}/"

    assert staff.post(f"{url}offer", offer_payload(nest), content_type=JSON).status_code == 409
    assert staff.post(f"{url}waitlist").status_code == 409
    assert staff.post(f"{url}refuse", {"reason": "Non"}, content_type=JSON).status_code == 409
    request.refresh_from_db()
    assert request.state == state


# --- The family's answer -----------------------------------------------------------------


@pytest.fixture
def offered(family, nest):
    return make_place_request(family=family, establishments=[nest], state=PlaceRequest.OFFERED)


def test_the_family_accepts_the_offer(parent, offered):
    response = parent.post(f"{API}{offered.pk}/accept")

    assert response.status_code == 200, response.content
    assert response.json()["state"] == "accepted" and response.json()["can_answer"] is False
    assert parent.post(f"{API}{offered.pk}/decline").status_code == 409


def test_the_family_declines_the_offer(parent, offered):
    response = parent.post(f"{API}{offered.pk}/decline")

    assert response.json()["state"] == "declined"
    assert parent.post(f"{API}{offered.pk}/accept").status_code == 409


def test_no_answer_without_an_offer(parent, request_):
    response = parent.post(f"{API}{request_.pk}/accept")

    assert response.status_code == 409
    assert "pas de place proposée" in response.json()["detail"][0]


def test_the_deadline_is_the_last_day_in_the_structures_time_zone(family, offered, clock):
    # Answer by 16/03/2027: 23:30 in Paris that day is still on time (22:30 UTC)…
    clock.move_to("2027-03-16T23:30:00+01:00")
    parent = logged(HOST, family.parent.email)
    assert parent.get(f"{API}{offered.pk}/").json()["can_answer"] is True
    # …00:30 in Paris the next day is late, although it is still the 16th in UTC.
    clock.move_to("2027-03-17T00:30:00+01:00")

    response = parent.post(f"{API}{offered.pk}/accept")

    assert response.status_code == 409
    assert "au plus tard le 16/03/2027" in response.json()["detail"][0]
    offered.refresh_from_db()
    assert offered.state == PlaceRequest.OFFERED


def test_staff_see_a_contract_to_establish_once_accepted(staff, parent, offered):
    parent.post(f"{API}{offered.pk}/accept")

    body = staff.get(f"{STAFF_API}{offered.pk}/").json()

    assert body["state"] == "accepted" and body["answered_at"]


def test_another_family_cannot_answer(offered, alpha):
    _, stranger = make_family(tenant=alpha)
    client = logged(HOST, stranger.email)

    assert client.post(f"{API}{offered.pk}/accept").status_code == 404
    offered.refresh_from_db()
    assert offered.state == PlaceRequest.OFFERED


def test_another_structures_staff_do_not_find_the_request(alpha, beta, request_):
    before = list(beta.modules)
    with schema_context("public"):
        type(beta).objects.filter(pk=beta.pk).update(modules=[*before, "creche"])
    try:
        with tenant_context(beta):
            install_roles()
            manager = make_user(tenant=beta, role=Role.GESTIONNAIRE)
        client = logged("beta.localhost", manager.email)
        assert client.get(STAFF_API).json()["requests"] == []
        assert client.get(f"{STAFF_API}{request_.pk}/").status_code == 404
        assert client.post(f"{STAFF_API}{request_.pk}/waitlist").status_code == 404
    finally:
        with schema_context("public"):
            type(beta).objects.filter(pk=beta.pk).update(modules=before)
        connection.set_tenant(alpha)
    request_.refresh_from_db()
    assert request_.state == PlaceRequest.SUBMITTED
