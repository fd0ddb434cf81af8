"""Establishments set up by the direction: hours, bands, sections, closures; every save
re-syncs the places a year ahead and never lowers a half-hour below the places taken."""

from datetime import date, time

import pytest

from core.accounts.roles import Role
from core.booking.models import Reservation
from core.catalog.models import Opening
from modules.creche.models import CrecheSettings, Establishment
from modules.creche.services import establishments, occasional, slots
from tests.support.clients import HOST, JSON, logged
from tests.support.creche import (  # noqa: F401
    make_contract,
    make_establishment,
    make_toddler,
)
from tests.support.factories import make_family, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

URL = "/api/v1/creche/staff/establishments/"
MONDAY = date(2027, 3, 8)

PAYLOAD = {
    "name": "Les Lucioles",
    "kind": "micro_creche",
    "address": "2 place de la Mairie",
    "agrement": 12,
    "min_age_months": 3,
    "max_age_months": 36,
    "occasional_care": True,
    "hours": [{"weekday": d, "opens": "08:00", "closes": "18:00"} for d in range(5)],
    "bands": [{"start": "08:00", "end": "09:00", "places": 6}],
    "sections": [
        {"name": "Bébés", "min_age_months": 3, "max_age_months": 18, "places": 6},
        {"name": "Grands", "min_age_months": 18, "max_age_months": 36, "places": 6},
    ],
}


def test_staff_create_an_establishment_and_its_places_open_a_year_ahead(staff):
    response = staff.post(URL, PAYLOAD, content_type=JSON)
    assert response.status_code == 201, response.content
    body = response.json()
    created = Establishment.objects.get(pk=body["establishment"]["id"])
    assert body["openings_created"] > 0 and body["message"] == ""
    assert [s["name"] for s in body["establishment"]["sections"]] == ["Bébés", "Grands"]
    by_slot = {s.start: s.capacity for s in slots.day_occupancy(created, MONDAY)}
    assert by_slot[time(8, 0)] == 6 and by_slot[time(9, 0)] == 12
    assert time(18, 0) not in by_slot
    assert slots.day_occupancy(created, date(2028, 2, 28))  # within the year


def test_bad_hours_are_refused_with_a_french_message_and_nothing_changes(staff):
    bad = {**PAYLOAD, "hours": [{"weekday": 0, "opens": "08:15", "closes": "18:00"}]}
    response = staff.post(URL, bad, content_type=JSON)
    assert response.status_code == 400
    assert "demi-heure" in response.content.decode()
    too_many = {**PAYLOAD, "bands": [{"start": "08:00", "end": "09:00", "places": 40}]}
    assert staff.post(URL, too_many, content_type=JSON).status_code == 400
    assert not Establishment.objects.exists()


def test_lowering_the_capacity_keeps_the_places_taken_and_says_so(staff):
    establishment = make_establishment(agrement=2, bands=())
    family, _ = make_family()
    user = make_user(role=Role.GESTIONNAIRE)
    for name in ("Ana", "Bob"):
        slots.book_days(
            child_id=make_toddler(family, first_name=name).pk,
            establishment=establishment,
            days=[slots.DayCare(MONDAY, time(9, 0), time(10, 0))],
            by=user,
        )
    response = staff.patch(
        f"{URL}{establishment.pk}/",
        {"bands": [{"start": "07:30", "end": "18:30", "places": 1}]},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert "jamais abaissée" in response.json()["message"]
    nine = Opening.objects.get(
        unit__activity=establishment.activity, date=MONDAY, unit__start_time=time(9, 0)
    )
    eight = Opening.objects.get(
        unit__activity=establishment.activity, date=MONDAY, unit__start_time=time(8, 0)
    )
    assert (nine.capacity, nine.booked) == (2, 2)
    assert eight.capacity == 1


def test_closures_planned_or_deducted_close_and_reopen_the_days(staff):
    establishment = make_establishment()
    url = f"{URL}{establishment.pk}/closures/"
    response = staff.post(
        url,
        {"label": "Grève", "start_date": "2027-03-08", "end_date": "2027-03-09", "deducted": True},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    closure = response.json()["establishment"]["closures"][0]
    assert closure["deducted"] is True
    assert all(s.closed for s in slots.day_occupancy(establishment, MONDAY))
    bad = {"label": "X", "start_date": "2027-03-09", "end_date": "2027-03-08"}
    assert staff.post(url, bad, content_type=JSON).status_code == 400
    assert staff.delete(f"{url}{closure['id']}/").status_code == 200
    assert not any(s.closed for s in slots.day_occupancy(establishment, MONDAY))


def test_the_animateur_reads_but_does_not_change(alpha):
    establishment = make_establishment()
    animateur = logged(HOST, make_user(tenant=alpha, role=Role.ANIMATEUR).email)
    assert animateur.get(URL).status_code == 200
    assert animateur.get(f"{URL}{establishment.pk}/").status_code == 200
    assert (
        animateur.patch(f"{URL}{establishment.pk}/", {"name": "X"}, content_type=JSON).status_code
        == 403
    )
    assert animateur.post(URL, PAYLOAD, content_type=JSON).status_code == 403


def test_families_never_reach_the_set_up_and_unknown_ids_are_404(parent, staff):
    establishment = make_establishment()
    assert parent.get(URL).status_code == 403
    assert staff.get(f"{URL}{establishment.pk + 999}/").status_code == 404
    assert staff.delete(f"{URL}{establishment.pk}/closures/999/").status_code == 404


def test_extend_openings_keeps_the_horizon_and_is_idempotent():
    establishment = make_establishment(open_until=date(2027, 3, 31))
    created = establishments.extend_openings()
    assert created > 0
    assert establishments.extend_openings() == 0
    assert slots.day_occupancy(establishment, date(2028, 2, 28))
    establishment.active = False
    establishment.save()
    assert establishments.extend_openings() == 0


def test_occasional_validation_follows_the_settings():
    from core.catalog.models import Activity
    from modules.creche.models import CrecheSettings

    establishment = make_establishment()
    establishments.resync(establishment)
    establishment.activity.refresh_from_db()
    assert establishment.activity.booking_validation == Activity.VALIDATION_STAFF
    settings = CrecheSettings.current()
    settings.occasional_validation = False
    settings.save()
    establishments.apply_validation(establishment)
    establishment.activity.refresh_from_db()
    assert establishment.activity.booking_validation == Activity.VALIDATION_AUTO


def test_another_structures_establishment_answers_404(staff, beta):
    from django_tenants.utils import tenant_context

    with tenant_context(beta):
        theirs = make_establishment(name="Crèche de Beta")
    assert not Establishment.objects.filter(pk=theirs.pk).exists()
    assert staff.get(f"{URL}{theirs.pk}/").status_code == 404
    assert staff.get(f"/api/v1/creche/staff/board/?establishment={theirs.pk}").status_code == 404


def test_the_access_matrix_objects_build(family):
    from modules.creche.models import EstablishmentClosure, Presence
    from tests.support.creche import places_matrix_objects

    ids = places_matrix_objects(family, family.parent, None, label="M")
    assert Establishment.objects.filter(pk=ids["establishment"]).exists()
    assert EstablishmentClosure.objects.filter(pk=ids["establishment_closure"]).exists()
    assert Presence.objects.filter(pk=ids["presence"]).exists()


TUESDAY = date(2027, 3, 9)


def _occasional_day(family, user, child, establishment, *, validation: bool):
    settings = CrecheSettings.current()
    settings.occasional_validation = validation
    settings.save()
    occasional.book_day(
        family=family,
        child=child,
        establishment=establishment,
        day=TUESDAY,
        arrival=time(8, 0),
        departure=time(12, 0),
        by=user,
    )


def _closed_days_family(establishment):
    """A child under contract (its days booked), an occasional day confirmed, one requested
    and one whose cancellation waits for the structure, all on Tuesday 09/03."""
    family, user = make_family()
    ana, bob, cid, dan = (
        make_toddler(family, first_name=name) for name in ("Ana", "Bob", "Cid", "Dan")
    )
    make_contract(child=ana, establishment=establishment, start=date(2027, 3, 1), book=True)
    _occasional_day(family, user, bob, establishment, validation=False)
    _occasional_day(family, user, dan, establishment, validation=False)
    _occasional_day(family, user, cid, establishment, validation=True)
    occasional.cancel_day(
        family=family, child=dan, establishment=establishment, day=TUESDAY, by=user
    )
    states = dict(Reservation.objects.filter(date=TUESDAY).values_list("child_id", "state"))
    assert states == {
        ana.pk: Reservation.CONFIRMED,
        bob.pk: Reservation.CONFIRMED,
        cid.pk: Reservation.REQUESTED,
        dan.pk: Reservation.CANCEL_REQUESTED,
    }
    return ana, bob, cid, dan


def _booked(establishment, day):
    return sum(
        Opening.objects.filter(unit__activity=establishment.activity, date=day).values_list(
            "booked", flat=True
        )
    )


def test_a_planned_closure_gives_back_the_places_held_on_its_days(staff):
    """Planned days are off the contracts (never planned nor billed): the contracts' and the
    occasional care's places of the closed days go back, the other days keep theirs, and
    staff are told how many children to warn."""
    establishment = make_establishment(agrement=6, bands=())
    ana, *_ = _closed_days_family(establishment)
    wednesday = date(2027, 3, 10)
    assert _booked(establishment, wednesday) == 18
    response = staff.post(
        f"{URL}{establishment.pk}/closures/",
        {"label": "Pont", "start_date": "2027-03-08", "end_date": "2027-03-09", "deducted": False},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert "4 enfant(s) avaient des places réservées" in response.json()["message"]
    for day in (MONDAY, TUESDAY):
        assert _booked(establishment, day) == 0
        assert not Reservation.objects.filter(date=day, state__in=Reservation.HOLDING).exists()
    assert _booked(establishment, wednesday) == 18
    assert (
        Reservation.objects.filter(child=ana, date=wednesday, state=Reservation.CONFIRMED).count()
        == 18
    )


def test_an_exceptional_closure_keeps_the_contracts_places(staff):
    """Deducted as absences, the contract's days keep their places; an occasional day, which
    nothing would deduct, is given back."""
    establishment = make_establishment(agrement=6, bands=())
    ana, bob, cid, dan = _closed_days_family(establishment)
    response = staff.post(
        f"{URL}{establishment.pk}/closures/",
        {"label": "Grève", "start_date": "2027-03-09", "end_date": "2027-03-09", "deducted": True},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    message = response.json()["message"]
    assert "3 enfant(s) avaient des places réservées" in message
    assert "1 enfant(s) sous contrat gardent leurs places" in message
    states = {
        (child_id, state)
        for child_id, state in Reservation.objects.filter(date=TUESDAY).values_list(
            "child_id", "state"
        )
    }
    assert states == {
        (ana.pk, Reservation.CONFIRMED),
        (bob.pk, Reservation.CANCELLED),
        (cid.pk, Reservation.CANCELLED),
        (dan.pk, Reservation.CANCELLED),
    }
    assert _booked(establishment, TUESDAY) == 18
