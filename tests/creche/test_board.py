"""The day's board: expected (contracts' planned days, occasional days), present, gone,
absent, and the free places per half-hour, in a bounded number of queries."""

from datetime import date, time

import pytest

from core.accounts.roles import Role
from modules.creche.models import Absence
from modules.creche.services import board, slots
from tests.support.clients import HOST, logged
from tests.support.creche import (  # noqa: F401
    make_contract,
    make_establishment,
    make_presence,
    make_toddler,
)
from tests.support.factories import make_family, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

TODAY = date(2027, 3, 1)


def _children(establishment, family, names, *, by):
    contracts = []
    for name in names:
        child = make_toddler(family, first_name=name)
        contracts.append(
            make_contract(child=child, establishment=establishment, start=TODAY, book=True, by=by)
        )
    return contracts


def _day(establishment, by):
    family, _ = make_family()
    here, gone, ill, later = _children(establishment, family, ["Ana", "Bob", "Cid", "Dan"], by=by)
    make_presence(child=here.child, establishment=establishment, arrival=time(8, 10))
    make_presence(
        child=gone.child, establishment=establishment, arrival=time(7, 45), departure=time(9, 0)
    )
    Absence.objects.create(
        child=ill.child,
        contract=ill,
        start_date=TODAY,
        end_date=TODAY,
        declared_kind="illness",
        kind="illness",
    )
    guest = make_toddler(family, first_name="Eva")
    slots.book_days(
        child_id=guest.pk,
        establishment=establishment,
        days=[slots.DayCare(TODAY, time(13, 30), time(17, 30))],
        by=by,
    )
    return {"here": here.child, "gone": gone.child, "ill": ill.child, "later": later.child}


def test_the_board_sorts_children_by_status_and_counts_free_places():
    by = make_user(role=Role.GESTIONNAIRE)
    establishment = make_establishment(agrement=10, bands=())
    children = _day(establishment, by)
    result = board.day_board(establishment=establishment, day=TODAY)
    status = {row.child.first_name: row.status for row in result.rows}
    assert status == {
        "Ana": board.PRESENT,
        "Bob": board.GONE,
        "Cid": board.ABSENT,
        "Dan": board.EXPECTED,
        "Eva": board.EXPECTED,
    }
    eva = next(row for row in result.rows if row.child.first_name == "Eva")
    assert (eva.kind, eva.planned_arrival, eva.planned_departure) == (
        board.OCCASIONAL,
        time(13, 30),
        time(17, 30),
    )
    dan = next(row for row in result.rows if row.child == children["later"])
    assert (dan.kind, dan.planned_arrival, dan.planned_departure) == (
        board.CONTRACT,
        time(8, 0),
        time(17, 0),
    )
    free = {s.start: s.free for s in result.slots}
    assert free[time(8, 0)] == 6  # four contracts
    assert free[time(14, 0)] == 5  # and Eva
    assert free[time(7, 30)] == 10


def test_the_board_runs_a_bounded_number_of_queries(django_assert_max_num_queries):
    by = make_user(role=Role.GESTIONNAIRE)
    establishment = make_establishment(agrement=30, bands=())
    _day(establishment, by)
    with django_assert_max_num_queries(12):
        board.day_board(establishment=establishment, day=TODAY)
    _day(establishment, by)
    _day(establishment, by)
    with django_assert_max_num_queries(12):
        result = board.day_board(establishment=establishment, day=TODAY)
    assert len(result.rows) == 15


def test_the_board_api_for_staff_and_the_animateur(staff, parent, alpha):
    by = make_user(role=Role.GESTIONNAIRE)
    establishment = make_establishment()
    _day(establishment, by)
    body = staff.get(f"/api/v1/creche/staff/board/?establishment={establishment.pk}").json()
    assert body["date"] == "2027-03-01"
    assert body["counts"] == {"expected": 2, "present": 1, "gone": 1, "absent": 1}
    assert body["slots"][0] == {
        "start": "07:30",
        "label": "07:30–08:00",
        "capacity": 12,
        "booked": 0,
        "free": 12,
        "closed": False,
    }
    animateur = logged(HOST, make_user(tenant=alpha, role=Role.ANIMATEUR).email)
    other_day = animateur.get("/api/v1/creche/staff/board/?date=2027-03-02")
    assert other_day.status_code == 200 and other_day.json()["date"] == "2027-03-02"
    assert parent.get("/api/v1/creche/staff/board/").status_code == 403
    missing = staff.get(f"/api/v1/creche/staff/board/?establishment={establishment.pk + 99}")
    assert missing.status_code == 404
    assert staff.get("/api/v1/creche/staff/board/?date=demain").status_code == 400


def test_a_contract_day_taken_off_shows_as_leave():
    from core.booking.models import Reservation

    by = make_user(role=Role.GESTIONNAIRE)
    establishment = make_establishment()
    family, _ = make_family()
    (contract,) = _children(establishment, family, ["Ana"], by=by)
    Reservation.objects.filter(child=contract.child, date=TODAY).update(state=board.LEAVE)
    (row,) = board.day_board(establishment=establishment, day=TODAY).rows
    assert (row.status, row.absence_label) == (board.ABSENT, "Congé")
