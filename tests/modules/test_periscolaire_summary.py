"""Périscolaire's tiles on the home pages: its ``home_summary`` hook, read through
``GET /api/v1/home/summary/`` as the parent's and the staff's home pages read it."""

from datetime import date

import pytest

from core.booking.models import Enrolment, EnrolmentCertificate, Reservation
from tests.support.billing import reserve
from tests.support.booking import enrol, make_activity
from tests.support.factories import make_family

pytestmark = pytest.mark.frozen_at("2026-11-20 10:00")  # a Friday


def tiles(client) -> dict[str, dict]:
    response = client.get("/api/v1/home/summary/")
    assert response.status_code == 200
    return {tile["id"]: tile for tile in response.json()["tiles"]}


def test_family_sees_its_reservations_of_the_week_ahead_and_the_next_day(family, parent):
    activity = make_activity()
    child = family.children.get()
    reserve(child, activity, date(2026, 11, 23))
    reserve(child, activity, date(2026, 11, 26))
    reserve(child, activity, date(2026, 11, 24), state=Reservation.CANCELLED)
    reserve(child, activity, date(2026, 11, 27))  # eight days ahead: next week's

    tile = tiles(parent)["periscolaire-week"]

    assert tile["module"] == "periscolaire"
    assert tile["value"] == 2
    assert tile["detail"] == "Prochaine : lundi 23 novembre"
    assert tile["path"] == "/planning"


def test_family_without_reservation_is_sent_to_the_planning(parent):
    tile = tiles(parent)["periscolaire-week"]

    assert tile["value"] == 0
    assert tile["detail"] == "Aucune : réservez depuis le planning."


def test_another_familys_reservations_are_not_counted(alpha, family, parent):
    other, _ = make_family(tenant=alpha, children=1)
    reserve(other.children.get(), make_activity(), date(2026, 11, 23))

    assert tiles(parent)["periscolaire-week"]["value"] == 0


def test_staff_sees_todays_attendance_to_take_and_enrolments_to_validate(family, staff):
    child = family.children.get()
    reserve(child, make_activity(), date(2026, 11, 20))
    reserve(
        child, make_activity(name="ALAE Matin 2"), date(2026, 11, 20), state=Reservation.PRESENT
    )
    enrol(
        child,
        make_activity(kind="accueil_soir", name="ALAE Soir"),
        status=Enrolment.STATUS_REQUESTED,
    )

    found = tiles(staff)

    assert found["periscolaire-attendance"]["value"] == 1
    assert found["periscolaire-attendance"]["tone"] == "warning"
    assert found["periscolaire-enrolments"]["value"] == 1
    assert "periscolaire-week" not in found


def test_staff_see_the_attestations_to_issue_only_when_families_wait_for_one(family, staff):
    assert "periscolaire-certificates" not in tiles(staff)
    enrolment = enrol(family.children.get(), make_activity())
    EnrolmentCertificate.objects.create(
        enrolment=enrolment, state=EnrolmentCertificate.STATE_REQUESTED
    )

    tile = tiles(staff)["periscolaire-certificates"]

    assert (tile["value"], tile["path"]) == (1, "/gestion/attestations")
