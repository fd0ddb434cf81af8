"""Renewal and deadlines, with the frozen clock: the family is asked once 15 days before its
request lapses, renewing starts the period again, a request not renewed lapses; an offer not
answered by its date is declined « Sans réponse dans le délai ». Both tasks are idempotent."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from modules.creche.models import CrecheSettings
from modules.creche.models.requests import PlaceRequest
from modules.creche.services.requests import expire_offers, lapse_and_remind
from modules.creche.tasks import expire_offers as expire_task
from modules.creche.tasks import lapse_and_remind_requests
from tests.support.clients import HOST, logged
from tests.support.creche_requests import make_establishment, make_place_request

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

API = "/api/v1/creche/requests/"
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def nest(alpha):
    return make_establishment(name="Les Petits Pas")


@pytest.fixture
def waiting(family, nest):
    """Renewed on 1 March 2027: lapses on 1 June (3 months), asked on 17 May."""
    return make_place_request(family=family, establishments=[nest], state=PlaceRequest.WAITLISTED)


def run(capture) -> int:
    with capture(execute=True):
        return lapse_and_remind()


def test_the_family_is_asked_once_15_days_before_the_lapse(
    waiting, clock, django_capture_on_commit_callbacks
):
    clock.move_to("2027-05-16 23:00")
    assert run(django_capture_on_commit_callbacks) == 0

    clock.move_to("2027-05-17 06:30")
    assert run(django_capture_on_commit_callbacks) == 1
    assert run(django_capture_on_commit_callbacks) == 0

    waiting.refresh_from_db()
    assert waiting.renewal_asked_at is not None and waiting.state == PlaceRequest.WAITLISTED
    [message] = mail.outbox
    assert "au plus tard le 01/06/2027" in message.body
    assert f"/creche/demandes/{waiting.pk}" in message.body


def test_a_request_not_renewed_lapses_on_its_day(
    waiting, clock, django_capture_on_commit_callbacks
):
    clock.move_to("2027-05-17 06:30")
    run(django_capture_on_commit_callbacks)
    clock.move_to("2027-05-31 23:30")
    assert run(django_capture_on_commit_callbacks) == 0

    clock.move_to("2027-06-01 06:30")
    assert run(django_capture_on_commit_callbacks) == 1
    assert run(django_capture_on_commit_callbacks) == 0

    waiting.refresh_from_db()
    assert waiting.state == PlaceRequest.LAPSED
    assert len(mail.outbox) == 2
    assert "caduque" in mail.outbox[1].body


def test_renewing_starts_the_period_again(
    waiting, family, clock, django_capture_on_commit_callbacks
):
    clock.move_to("2027-05-20 09:00")
    run(django_capture_on_commit_callbacks)
    parent = logged(HOST, family.parent.email)
    asked = parent.get(f"{API}{waiting.pk}/").json()
    assert asked["can_renew"] is True and asked["renewal_due"] == "2027-06-04"

    response = parent.post(f"{API}{waiting.pk}/renew")

    assert response.status_code == 200, response.content
    assert response.json()["can_renew"] is False and response.json()["renewal_asked_at"] is None
    waiting.refresh_from_db()
    assert waiting.renewed_at == datetime(2027, 5, 20, 9, 0, tzinfo=PARIS)
    clock.move_to("2027-06-05 06:30")
    assert run(django_capture_on_commit_callbacks) == 0
    clock.move_to("2027-08-05 06:30")  # 20 August - 15 days: asked again
    assert run(django_capture_on_commit_callbacks) == 1
    waiting.refresh_from_db()
    assert waiting.state == PlaceRequest.WAITLISTED and waiting.renewal_asked_at


def test_renewing_is_refused_when_nobody_asked(waiting, parent):
    response = parent.post(f"{API}{waiting.pk}/renew")

    assert response.status_code == 409
    assert "Aucun renouvellement" in response.json()["detail"][0]


def test_a_family_asked_late_still_gets_its_15_days(
    family, nest, clock, django_capture_on_commit_callbacks
):
    old = make_place_request(
        family=family,
        establishments=[nest],
        renewed_at=datetime(2026, 9, 1, 10, 0, tzinfo=PARIS),
    )

    assert run(django_capture_on_commit_callbacks) == 1
    old.refresh_from_db()
    assert old.state == PlaceRequest.SUBMITTED
    assert "au plus tard le 16/03/2027" in mail.outbox[0].body
    clock.move_to("2027-03-15 10:00")
    assert run(django_capture_on_commit_callbacks) == 0
    clock.move_to("2027-03-16 10:00")
    assert run(django_capture_on_commit_callbacks) == 1
    old.refresh_from_db()
    assert old.state == PlaceRequest.LAPSED


def test_no_renewal_when_the_structure_asks_none(waiting, clock):
    CrecheSettings.objects.filter(pk=CrecheSettings.current().pk).update(request_renewal_months=0)
    clock.move_to("2028-01-01 10:00")

    assert lapse_and_remind() == 0
    waiting.refresh_from_db()
    assert waiting.state == PlaceRequest.WAITLISTED and waiting.renewal_asked_at is None


def test_offered_and_closed_requests_are_never_asked_nor_lapsed(family, nest, clock):
    offered = make_place_request(family=family, establishments=[nest], state=PlaceRequest.OFFERED)
    refused = make_place_request(family=family, establishments=[nest], state=PlaceRequest.REFUSED)
    clock.move_to("2027-12-01 10:00")

    assert lapse_and_remind() == 0
    for request, state in ((offered, PlaceRequest.OFFERED), (refused, PlaceRequest.REFUSED)):
        request.refresh_from_db()
        assert request.state == state and request.renewal_asked_at is None


def test_the_task_runs_the_service(waiting, clock):
    clock.move_to("2027-05-17 06:30")
    assert lapse_and_remind_requests() == 1


# --- Offers past their deadline ----------------------------------------------------------


@pytest.fixture
def offered(family, nest):
    """Offered on 1 March 2027, to answer by 16 March included."""
    settings = CrecheSettings.current()
    settings.contact_email = "creche@alpha.example.org"
    settings.save()
    return make_place_request(family=family, establishments=[nest], state=PlaceRequest.OFFERED)


def test_an_offer_is_open_until_the_end_of_its_day_in_paris(offered, clock):
    clock.move_to("2027-03-16T23:30:00+01:00")

    assert expire_offers() == 0
    offered.refresh_from_db()
    assert offered.state == PlaceRequest.OFFERED


def test_an_offer_past_its_deadline_is_declined_and_everyone_told(
    offered, clock, django_capture_on_commit_callbacks
):
    clock.move_to("2027-03-17T00:30:00+01:00")  # still the 16th in UTC

    with django_capture_on_commit_callbacks(execute=True):
        assert expire_offers() == 1
        assert expire_offers() == 0

    offered.refresh_from_db()
    assert offered.state == PlaceRequest.DECLINED
    assert offered.reason == "Sans réponse dans le délai"
    family_mail, staff_mail = mail.outbox
    assert "au plus tard le 16/03/2027" in family_mail.body
    assert staff_mail.to == ["creche@alpha.example.org"]
    assert "Sans réponse dans le délai" in staff_mail.body
    assert f"/gestion/creche/demandes/{offered.pk}" in staff_mail.body


def test_the_expiry_task_runs_the_service(offered, clock):
    clock.move_to("2027-03-20 10:00")
    assert expire_task() == 1
    assert expire_task() == 0
