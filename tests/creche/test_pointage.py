"""Pointage by the team (now, typed, corrected with a reason and audited) and by the parents
at the door when the structure allows it."""

from datetime import date, time

import pytest

from core.accounts.roles import Role
from modules.creche.models import CrecheSettings, Presence
from modules.creche.services import pointage
from tests.support.clients import HOST, JSON, logged
from tests.support.creche import (  # noqa: F401
    make_contract,
    make_establishment,
    make_toddler,
)
from tests.support.factories import make_family, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

TODAY = date(2027, 3, 1)
CLOCK = "/api/v1/creche/staff/pointage/"
CORRECT = "/api/v1/creche/staff/presences/correct/"
DOOR = "/api/v1/creche/pointage/"


@pytest.fixture
def place(family):
    establishment = make_establishment()
    child = make_toddler(family)
    make_contract(child=child, establishment=establishment, start=date(2027, 2, 1))
    return establishment, child


def _clock(client, establishment, child, action, **extra):
    return client.post(
        CLOCK,
        {"child": child.pk, "establishment": establishment.pk, "action": action, **extra},
        content_type=JSON,
    )


def test_staff_clock_arrival_now_and_departure_typed(staff, place):
    establishment, child = place
    arrived = _clock(staff, establishment, child, "arrival")
    assert arrived.status_code == 200, arrived.content
    assert arrived.json()["arrival"] == "10:00"  # the structure's time, not UTC
    gone = _clock(staff, establishment, child, "departure", time="16:45")
    assert gone.json()["departure"] == "16:45"
    presence = Presence.objects.get(child=child)
    assert (presence.date, presence.source, presence.corrected) == (TODAY, "staff", False)


def test_double_arrival_departure_first_and_departure_before_arrival_are_refused(staff, place):
    establishment, child = place
    first = _clock(staff, establishment, child, "departure")
    assert first.status_code == 409
    assert "Pointez d'abord l'arrivée" in first.content.decode()
    assert _clock(staff, establishment, child, "arrival", time="09:30").status_code == 200
    again = _clock(staff, establishment, child, "arrival")
    assert again.status_code == 409 and "déjà pointée à 09:30" in again.content.decode()
    early = _clock(staff, establishment, child, "departure", time="09:00")
    assert early.status_code == 409 and "doit suivre l'arrivée" in early.content.decode()
    assert Presence.objects.get(child=child).departure is None


def test_a_child_without_contract_nor_booking_cannot_be_clocked(staff, place):
    establishment, child = place
    stranger = make_toddler(child.family, first_name="Zoé")
    refused = _clock(staff, establishment, stranger, "arrival")
    assert refused.status_code == 409
    assert "ni contrat ni accueil occasionnel" in refused.content.decode()
    assert not Presence.objects.filter(child=stranger).exists()


def test_another_day_goes_through_a_correction_with_a_reason(staff, place):
    establishment, child = place
    assert _clock(staff, establishment, child, "arrival", date="2027-02-26").status_code == 400
    payload = {
        "child": child.pk,
        "establishment": establishment.pk,
        "date": "2027-02-26",
        "arrival": "08:00",
        "departure": "17:00",
    }
    missing = staff.put(CORRECT, payload, content_type=JSON)
    assert missing.status_code == 400 and "motif" in missing.content.decode()
    done = staff.put(CORRECT, {**payload, "reason": "Oubli de pointage"}, content_type=JSON)
    assert done.status_code == 200, done.content
    assert done.json()["corrected"] is True
    fixed = staff.put(
        CORRECT, {**payload, "departure": "16:30", "reason": "Erreur d'heure"}, content_type=JSON
    )
    presence_id = fixed.json()["id"]
    history = staff.get(f"/api/v1/creche/staff/presences/{presence_id}/history/").json()
    assert [h["label"] for h in history] == ["Pointage", "Modification"]
    assert history[-1]["departure"] == "16:30"
    assert history[-1]["correction_reason"] == "Erreur d'heure"
    assert history[-1]["author"] != "—"


def test_a_correction_of_today_needs_no_reason_and_the_future_is_refused(place):
    establishment, child = place
    by = make_user(role=Role.GESTIONNAIRE)
    presence = pointage.correct(
        child=child,
        establishment=establishment,
        day=TODAY,
        arrival=time(8, 0),
        departure=None,
        by=by,
    )
    assert presence.corrected is False
    with pytest.raises(Exception, match="jour à venir"):
        pointage.correct(
            child=child,
            establishment=establishment,
            day=date(2027, 3, 2),
            arrival=time(8, 0),
            departure=None,
            by=by,
        )


def test_the_animateur_clocks_the_comptable_does_not(alpha, place):
    establishment, child = place
    animateur = logged(HOST, make_user(tenant=alpha, role=Role.ANIMATEUR).email)
    comptable = logged(HOST, make_user(tenant=alpha, role=Role.COMPTABLE).email)
    assert _clock(comptable, establishment, child, "arrival").status_code == 403
    assert _clock(animateur, establishment, child, "arrival").status_code == 200


def test_parents_clock_at_the_door_only_when_allowed(parent, place):
    establishment, child = place
    closed = parent.get(DOOR).json()
    assert closed["enabled"] is False and closed["children"] == []
    refused = parent.post(DOOR, {"child": child.pk, "action": "arrival"}, content_type=JSON)
    assert refused.status_code == 409 and "parents" in refused.content.decode()
    settings = CrecheSettings.current()
    settings.parents_may_clock = True
    settings.save()
    door = parent.get(DOOR).json()
    assert [c["child"]["id"] for c in door["children"]] == [child.pk]
    done = parent.post(DOOR, {"child": child.pk, "action": "arrival"}, content_type=JSON)
    assert done.status_code == 200
    assert Presence.objects.get(child=child).source == Presence.SOURCE_PARENT
    gone = parent.post(DOOR, {"child": child.pk, "action": "departure"}, content_type=JSON)
    assert gone.status_code == 409  # 10:00 again: a departure must follow the arrival


def test_parents_never_clock_another_familys_child(parent, place):
    establishment, _ = place
    settings = CrecheSettings.current()
    settings.parents_may_clock = True
    settings.save()
    other_family, _ = make_family()
    other = make_toddler(other_family)
    make_contract(child=other, establishment=establishment, start=date(2027, 2, 1))
    response = parent.post(DOOR, {"child": other.pk, "action": "arrival"}, content_type=JSON)
    assert response.status_code == 404
    assert not Presence.objects.filter(child=other).exists()
    assert parent.post(CLOCK, {}, content_type=JSON).status_code == 403
