"""The families' place requests: the form's rules (French refusals, nothing written), their
list and detail, withdrawing, and isolation (another family's or structure's ids → 404)."""

from datetime import timedelta

import pytest
from django.db import connection
from django_tenants.utils import schema_context, tenant_context

from modules.creche.models.requests import PlaceRequest
from modules.creche.services import requests as service
from tests.support.clients import JSON, logged
from tests.support.creche import make_toddler
from tests.support.creche_requests import make_establishment, make_place_request, request_payload
from tests.support.factories import make_family

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

API = "/api/v1/creche/requests/"


@pytest.fixture
def nest(alpha):
    return make_establishment(name="Les Petits Pas")


@pytest.fixture
def toddler(family):
    return make_toddler(family, months=6, first_name="Nina")


def post(client, payload):
    return client.post(API, payload, content_type=JSON)


def test_the_family_requests_a_place_for_its_child(parent, family, toddler, nest):
    other = make_establishment(name="Les Lucioles")

    response = post(parent, request_payload(child=toddler, establishments=[other, nest]))

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "submitted" and body["state_label"] == "Reçue"
    assert body["child_name"] == "Nina"
    assert [c["establishment_name"] for c in body["choices"]] == ["Les Lucioles", "Les Petits Pas"]
    assert body["hours_per_week"] == "45.00"
    assert body["can_withdraw"] is True and body["can_answer"] is False
    request = PlaceRequest.objects.get(pk=body["id"])
    assert request.created_by == family.parent and request.family == family


def test_an_expected_child_needs_only_its_due_date(parent, nest):
    payload = request_payload(establishments=[nest], expected_first_name="")

    response = post(parent, payload)

    assert response.status_code == 201, response.content
    assert response.json()["child_name"] == "Enfant à naître"
    assert response.json()["due_date"] == "2027-03-31"


def test_alternating_weeks_are_kept(parent, toddler, nest):
    schedule = [
        {"week": "A", "weekday": 0, "arrival": "08:00", "departure": "12:00"},
        {"week": "B", "weekday": 1, "arrival": "08:30", "departure": "16:30"},
    ]
    payload = request_payload(
        child=toddler, establishments=[nest], schedule=schedule, alternating=True
    )

    response = post(parent, payload)

    assert response.status_code == 201, response.content
    assert [d["week"] for d in response.json()["schedule"]] == ["A", "B"]
    assert response.json()["hours_per_week"] == "6.00"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"desired_start": "2027-02-28"}, "desired_start", "ne peut pas être passée"),
        ({"establishments": []}, "establishments", "au moins un établissement"),
        ({"care": "weekend"}, "care", None),
        (
            {"schedule": [{"weekday": 0, "arrival": "08:15", "departure": "12:00"}]},
            "schedule",
            "à la demi-heure",
        ),
        (
            {"schedule": [{"weekday": 0, "arrival": "12:00", "departure": "08:00"}]},
            "schedule",
            "doit suivre l'heure d'arrivée",
        ),
        ({"schedule": []}, "schedule", "au moins un jour"),
        (
            {"schedule": [{"week": "B", "weekday": 0, "arrival": "08:00", "departure": "12:00"}]},
            "schedule",
            "alternance",
        ),
    ],
)
def test_the_form_is_checked_on_the_server(parent, toddler, nest, change, field, message):
    payload = {**request_payload(child=toddler, establishments=[nest]), **change}

    response = post(parent, payload)

    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body
    if message:
        assert message in " ".join(body[field])
    assert not PlaceRequest.objects.exists()


def test_the_establishments_are_one_to_three_distinct_and_active(parent, toddler, nest):
    others = [make_establishment(name=f"Crèche {n}") for n in range(3)]
    closed = make_establishment(name="Fermée", active=False)

    too_many = post(parent, request_payload(child=toddler, establishments=[nest, *others]))
    twice = post(parent, request_payload(child=toddler, establishments=[nest, nest]))
    inactive = post(parent, request_payload(child=toddler, establishments=[closed]))

    assert "au plus 3" in too_many.json()["establishments"][0]
    assert "deux fois" in twice.json()["establishments"][0]
    assert "ne prend pas de demandes" in inactive.json()["establishments"][0]
    assert not PlaceRequest.objects.exists()


def test_the_child_must_be_under_the_maximum_age_at_the_start(parent, family, nest):
    big = make_toddler(family, months=46, first_name="Hugo")

    payload = request_payload(child=big, establishments=[nest], desired_start="2027-05-01")

    response = post(parent, payload)

    assert response.status_code == 400
    assert "jusqu'à 48 mois" in response.json()["establishments"][0]
    assert "l'enfant en aura 48" in response.json()["establishments"][0]


def test_an_expected_child_is_due_in_the_future_and_starts_after_birth(parent, nest):
    past = post(parent, request_payload(establishments=[nest], due_date="2027-02-27"))
    before_birth = post(
        parent,
        request_payload(establishments=[nest], due_date="2027-06-01", desired_start="2027-05-01"),
    )
    neither = post(parent, request_payload(establishments=[nest], due_date=None))

    assert "ne peut pas être passée" in past.json()["due_date"][0]
    assert "précéder la naissance" in before_birth.json()["desired_start"][0]
    assert "naissance prévue" in neither.json()["child"][0]


def test_one_open_request_per_child(parent, toddler, nest):
    assert post(parent, request_payload(child=toddler, establishments=[nest])).status_code == 201

    again = post(parent, request_payload(child=toddler, establishments=[nest]))

    assert again.status_code == 400
    assert "déjà en cours pour Nina" in again.json()["child"][0]


def test_another_familys_child_is_not_found(parent, nest, alpha):
    stranger, _ = make_family(tenant=alpha)
    theirs = make_toddler(stranger, months=6)

    response = post(parent, request_payload(child=theirs, establishments=[nest]))

    assert response.status_code == 404
    assert not PlaceRequest.objects.exists()


def test_the_options_list_the_children_and_the_active_establishments(parent, toddler, nest):
    make_establishment(name="Fermée", active=False)

    body = parent.get(f"{API}options").json()

    assert body["today"] == "2027-03-01"
    assert toddler.pk in [c["id"] for c in body["children"]]
    assert [e["name"] for e in body["establishments"]] == ["Les Petits Pas"]
    assert body["max_choices"] == 3


def test_the_family_lists_and_reads_its_requests_only(parent, family, nest, alpha):
    mine = make_place_request(family=family, establishments=[nest])
    stranger, _ = make_family(tenant=alpha)
    theirs = make_place_request(family=stranger, establishments=[nest])

    listed = parent.get(API).json()

    assert [r["id"] for r in listed] == [mine.pk]
    assert parent.get(f"{API}{mine.pk}/").status_code == 200
    for path in ("", "withdraw", "renew", "accept", "decline"):
        method = parent.get if not path else parent.post
        assert method(f"{API}{theirs.pk}/{path}").status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == PlaceRequest.SUBMITTED


def test_staff_and_anonymous_cannot_use_the_family_routes(staff, client, nest):
    assert staff.get(API).status_code == 403
    assert client.get(API, HTTP_HOST="alpha.localhost").status_code in (401, 403)


def test_withdrawing_an_open_or_offered_request(parent, family, nest):
    open_one = make_place_request(family=family, establishments=[nest])
    offered = make_place_request(family=family, establishments=[nest], state=PlaceRequest.OFFERED)

    for request in (open_one, offered):
        response = parent.post(f"{API}{request.pk}/withdraw")
        assert response.status_code == 200, response.content
        assert response.json()["state"] == "withdrawn"
        assert response.json()["can_withdraw"] is False


@pytest.mark.parametrize(
    "state",
    [PlaceRequest.ACCEPTED, PlaceRequest.REFUSED, PlaceRequest.LAPSED, PlaceRequest.WITHDRAWN],
)
def test_a_closed_request_cannot_be_withdrawn(parent, family, nest, state):
    request = make_place_request(family=family, establishments=[nest], state=state)

    response = parent.post(f"{API}{request.pk}/withdraw")

    assert response.status_code == 409
    assert "impossible de la passer" in response.json()["detail"][0]
    request.refresh_from_db()
    assert request.state == state


def test_the_service_refuses_a_child_of_another_family(family, nest, alpha, clock):
    stranger, _ = make_family(tenant=alpha)

    with pytest.raises(service.RequestRefused, match="pas dans votre famille"):
        service.submit_request(
            family=family,
            by=None,
            child=make_toddler(stranger, months=6),
            desired_start=clock.today + timedelta(days=30),
            care=PlaceRequest.CARE_REGULAR,
            schedule=[{"weekday": 0, "arrival": "08:00", "departure": "12:00"}],
            establishment_ids=[nest.pk],
        )


def test_another_structure_does_not_see_the_request(alpha, beta, family, nest):
    request = make_place_request(family=family, establishments=[nest])
    before = list(beta.modules)
    with schema_context("public"):
        type(beta).objects.filter(pk=beta.pk).update(modules=[*before, "creche"])
    try:
        with tenant_context(beta):
            other_family, other_parent = make_family(tenant=beta)
        client = logged("beta.localhost", other_parent.email)
        assert client.get(f"{API}{request.pk}/").status_code == 404
        assert client.post(f"{API}{request.pk}/withdraw").status_code == 404
    finally:
        with schema_context("public"):
            type(beta).objects.filter(pk=beta.pk).update(modules=before)
        connection.set_tenant(alpha)
    request.refresh_from_db()
    assert request.state == PlaceRequest.SUBMITTED
