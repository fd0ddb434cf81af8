"""The e-mails of a place request: each step tells the guardians who have a login, once; the
crèche's direction hears of the family's answers; a refusal says its reason."""

import pytest
from django.core import mail

from core.families.models import Guardian
from modules.creche.models import CrecheSettings
from modules.creche.models.requests import PlaceRequest
from modules.creche.services import requests as service
from tests.support.clients import JSON
from tests.support.creche import make_toddler
from tests.support.creche_requests import (  # noqa: F401 - fixture
    FULL_WEEK,
    make_establishment,
    make_place_request,
    request_payload,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.frozen_at("2027-03-01T10:00:00+01:00"),
]

API = "/api/v1/creche/requests/"
STAFF_API = "/api/v1/creche/staff/requests/"


@pytest.fixture
def nest(alpha):
    return make_establishment(name="Les Petits Pas")


@pytest.fixture
def contact(alpha):
    settings = CrecheSettings.current()
    settings.contact_email = "direction.creche@alpha.example.org"
    settings.save()
    return settings.contact_email


def offer_payload(establishment):
    return {
        "establishment": establishment.pk,
        "section": establishment.sections.first().pk,
        "start": "2027-04-05",
        "schedule": FULL_WEEK,
    }


def test_the_family_is_told_its_request_was_received(
    parent, family, nest, django_capture_on_commit_callbacks
):
    # A second guardian without a login is not written to: the portal is where one answers.
    Guardian.objects.create(family=family, first_name="Paul", last_name="Martin", email="p@x.fr")
    toddler = make_toddler(family, months=6, first_name="Nina")

    with django_capture_on_commit_callbacks(execute=True):
        response = parent.post(
            API, request_payload(child=toddler, establishments=[nest]), content_type=JSON
        )

    assert response.status_code == 201
    [message] = mail.outbox
    assert message.to == [family.parent.email]
    assert "Demande de place en crèche reçue pour Nina" in message.subject
    assert "Les Petits Pas" in message.body
    assert f"/creche/demandes/{response.json()['id']}" in message.body


def test_an_offer_is_sent_once_with_its_deadline_and_link(
    staff, family, nest, django_capture_on_commit_callbacks
):
    request = make_place_request(family=family, establishments=[nest])
    url = f"{STAFF_API}{request.pk}/offer"

    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(url, offer_payload(nest), content_type=JSON).status_code == 200
        assert staff.post(url, offer_payload(nest), content_type=JSON).status_code == 409

    [message] = mail.outbox
    assert "au plus tard le 16/03/2027" in message.body
    assert "au plus tard le" in message.alternatives[0][0]
    assert f"/creche/demandes/{request.pk}" in message.body
    assert "Les Petits Pas" in message.body and "05/04/2027" in message.body


def test_waiting_list_and_refusal_with_its_reason(
    staff, family, nest, django_capture_on_commit_callbacks
):
    waiting = make_place_request(family=family, establishments=[nest])
    refused = make_place_request(family=family, establishments=[nest])

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"{STAFF_API}{waiting.pk}/waitlist")
        staff.post(f"{STAFF_API}{waiting.pk}/waitlist")
        staff.post(
            f"{STAFF_API}{refused.pk}/refuse",
            {"reason": "Planning hors des horaires d'ouverture"},
            content_type=JSON,
        )

    first, second = mail.outbox
    assert "liste d'attente" in first.body
    assert "Motif : Planning hors des horaires d'ouverture" in second.body
    assert "Planning hors des horaires" in second.alternatives[0][0]


@pytest.mark.parametrize(("accept", "word"), [(True, "accepté"), (False, "décliné")])
def test_the_direction_hears_of_the_answer(
    parent, family, nest, contact, accept, word, django_capture_on_commit_callbacks
):
    request = make_place_request(family=family, establishments=[nest], state=PlaceRequest.OFFERED)
    url = f"{API}{request.pk}/{'accept' if accept else 'decline'}"

    with django_capture_on_commit_callbacks(execute=True):
        assert parent.post(url).status_code == 200
        assert parent.post(url).status_code == 409

    [message] = mail.outbox
    assert message.to == [contact]
    assert word in message.body and family.name in message.body
    assert f"/gestion/creche/demandes/{request.pk}" in message.body


def test_no_address_for_the_direction_sends_nothing_to_it(
    family, nest, django_capture_on_commit_callbacks
):
    request = make_place_request(family=family, establishments=[nest], state=PlaceRequest.OFFERED)

    with django_capture_on_commit_callbacks(execute=True):
        service.answer_offer(request=request, accept=True, by=family.parent)

    assert mail.outbox == []


def test_a_refused_step_sends_nothing(family, nest, django_capture_on_commit_callbacks):
    request = make_place_request(family=family, establishments=[nest], state=PlaceRequest.REFUSED)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception):
        service.waitlist(request=request, by=None)

    assert mail.outbox == []
