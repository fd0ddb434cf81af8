"""The reservation state machine: the transition table, ``move_to``, the bulk move, the database
CHECK on the state, and the states and legends modules declare (decision 0019)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction

from core.booking.checks import STATE_CHECK, check_constraint_states, reservation_states
from core.booking.models import Reservation
from core.booking.models.reservations import IllegalTransition
from core.errors import DomainError
from core.modules import LegendDefault, Module, ModuleRegistry, ReservationState, registry
from tests.support.billing import priced_activity, reserve
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family

# The reservations are dated in October 2026: "today" is fixed after them.
pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)

ROOT = Path(__file__).resolve().parents[1]
CORE_MOVES = [(s, t) for s, targets in Reservation.TRANSITIONS.items() for t in targets]
NOT_MOVES = [
    (s, t)
    for s in Reservation.STATES
    for t in Reservation.STATES
    if t not in Reservation.TRANSITIONS[s]
]


@pytest.fixture
def child(alpha):
    family, _ = make_family(tenant=alpha)
    return family.children.get()


@pytest.fixture
def activity(alpha):
    return priced_activity()


def test_the_table_covers_every_core_state_and_names_only_core_states():
    assert set(Reservation.TRANSITIONS) == set(Reservation.STATES)
    assert {t for targets in Reservation.TRANSITIONS.values() for t in targets} <= set(
        Reservation.STATES
    )


@pytest.mark.parametrize(("source", "target"), CORE_MOVES)
def test_every_legal_move_is_accepted(source, target):
    reservation = Reservation(state=source)

    reservation.move_to(target)

    assert reservation.state == target


@pytest.mark.parametrize(("source", "target"), NOT_MOVES)
def test_every_other_move_is_refused_and_changes_nothing(source, target):
    reservation = Reservation(state=source)

    with pytest.raises(IllegalTransition):
        reservation.move_to(target)

    assert reservation.state == source


def test_present_reservation_cannot_go_back_to_requested(child, activity, alpha):
    user = make_family(tenant=alpha)[1]
    reservation = reserve(child, activity, date(2026, 10, 5), Reservation.PRESENT)
    before = reservation.updated_at

    with pytest.raises(IllegalTransition) as refused:
        reservation.move_to(Reservation.REQUESTED, by=user)

    assert isinstance(refused.value, DomainError)
    assert refused.value.code == "illegal_transition"
    assert refused.value.field == "state"
    assert str(refused.value) == (
        "Une réservation « Présent » ne peut pas passer à « Demande de réservation »."
    )
    assert reservation.state == Reservation.PRESENT and reservation.decided_by is None
    reservation.refresh_from_db()
    assert (reservation.state, reservation.decided_by, reservation.updated_at) == (
        Reservation.PRESENT,
        None,
        before,
    )


def test_a_move_records_who_made_it_and_a_refusal_its_reason(child, activity, alpha):
    user = make_family(tenant=alpha)[1]
    reservation = reserve(child, activity, date(2026, 10, 5), Reservation.REQUESTED)

    reservation.move_to(Reservation.REFUSED, by=user, reason="Groupe complet")
    reservation.save(update_fields=[*Reservation.MOVE_FIELDS, "reason"])

    reservation.refresh_from_db()
    assert (reservation.state, reservation.decided_by, reservation.reason) == (
        Reservation.REFUSED,
        user,
        "Groupe complet",
    )


def test_a_reservation_starts_only_as_a_request_a_place_or_on_the_waiting_list():
    assert Reservation.new(Reservation.REQUESTED).waitlisted_at is None
    assert Reservation.new(Reservation.WAITLISTED).waitlisted_at is not None
    with pytest.raises(IllegalTransition, match="ne peut pas être créée « Présent »"):
        Reservation.new(Reservation.PRESENT)


def test_bulk_move_moves_only_the_reservations_whose_state_allows_it(child, activity):
    confirmed = reserve(child, activity, date(2026, 10, 5), Reservation.CONFIRMED)
    cancelled = reserve(child, activity, date(2026, 10, 6), Reservation.CANCELLED)
    requested = reserve(child, activity, date(2026, 10, 7), Reservation.REQUESTED)

    moved = Reservation.objects.filter(child=child).move_to(Reservation.PRESENT)

    assert moved == 1
    states = dict(Reservation.objects.filter(child=child).values_list("pk", "state"))
    assert states == {
        confirmed.pk: Reservation.PRESENT,
        cancelled.pk: Reservation.CANCELLED,
        requested.pk: Reservation.REQUESTED,
    }


def test_sources_of_a_state_are_read_from_the_table():
    assert Reservation.sources_of(Reservation.REFUSED) == [Reservation.REQUESTED]
    assert Reservation.sources_of(Reservation.REQUESTED) == [Reservation.WAITLISTED]
    assert set(Reservation.sources_of(Reservation.PRESENT)) == {
        Reservation.CONFIRMED,
        Reservation.ABSENT_EXCUSED,
        Reservation.ABSENT_BILLED,
    }


def test_the_database_refuses_an_undeclared_state(child, activity):
    reservation = reserve(child, activity, date(2026, 10, 5))

    with (
        pytest.raises(IntegrityError, match=STATE_CHECK),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE booking_reservation SET state = 'teleported' WHERE id = %s", [reservation.pk]
        )

    reservation.refresh_from_db()
    assert reservation.state == Reservation.CONFIRMED


def test_the_database_check_admits_exactly_the_declared_states(alpha):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conname = %s AND conrelid = 'booking_reservation'::regclass",
            [STATE_CHECK],
        )
        (definition,) = cursor.fetchone()

    admitted = set(re.findall(r"'([a-z_]+)'", definition))
    assert admitted == set(Reservation.declared_states()) == check_constraint_states()
    assert reservation_states() == []


def test_a_module_state_the_check_does_not_admit_fails_the_system_check(monkeypatch):
    extra = Module(
        id="ferme",
        label="Ferme",
        description="",
        reservation_states=(
            ReservationState("milking", "Traite", transitions_from=("confirmed",)),
        ),
    )
    monkeypatch.setattr(registry, "_modules", {**registry._modules, extra.id: extra})

    errors = reservation_states()

    assert [e.id for e in errors] == ["booking.E001"]
    assert "not admitted ['milking']" in errors[0].msg


def test_a_module_declared_state_is_accepted_by_move_to_and_the_check(child, activity):
    assert "leave" in {s.code for s in registry.get("creche").reservation_states}
    reservation = reserve(child, activity, date(2026, 10, 5), Reservation.CONFIRMED)

    reservation.move_to("leave")
    reservation.save(update_fields=Reservation.MOVE_FIELDS)

    reservation.refresh_from_db()
    assert reservation.state == "leave" and not reservation.holds_place
    assert Reservation.state_labels()["leave"] == "Congé"
    with pytest.raises(IllegalTransition):  # final, like a cancellation
        reservation.move_to(Reservation.CONFIRMED)
    with pytest.raises(IllegalTransition):  # reached from a confirmed day only
        Reservation(state=Reservation.REQUESTED).move_to("leave")


def _module(**fields) -> Module:
    return Module(id="x", label="X", description="", **fields)


def test_a_module_legend_naming_an_undeclared_state_is_refused():
    with pytest.raises(ValueError, match="preregistered"):
        ModuleRegistry().register(
            _module(legend=(LegendDefault("preregistered", "Pré-inscription", "Pré", "#6d28d9"),))
        )


def test_a_module_legend_may_name_core_states_conditions_and_its_own_states():
    module = _module(
        legend=(
            LegendDefault("confirmed", "Place attribuée", "Att.", "#047857"),
            LegendDefault("public_holiday", "Férié", "F", "#374151"),
            LegendDefault("on_trip", "En sortie", "Sor.", "#0e7490"),
        ),
        reservation_states=(
            ReservationState(
                "on_trip",
                "En sortie",
                holds_place=True,
                transitions_from=("confirmed",),
                transitions_to=("present",),
            ),
        ),
    )

    assert ModuleRegistry().register(module) is module


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (ReservationState("present", "Présent"), "already taken"),
        (ReservationState("full", "Complet"), "already taken"),
        (ReservationState("on_trip", "En sortie", transitions_from=("teleported",)), "unknown"),
        (ReservationState("x" * 21, "Trop long"), "1–20"),
    ],
)
def test_a_module_state_that_is_taken_too_long_or_names_unknown_states_is_refused(state, message):
    with pytest.raises(ValueError, match=message):
        ModuleRegistry().register(_module(reservation_states=(state,)))


def test_a_module_never_names_another_modules_state():
    local = ModuleRegistry()
    local.register(_module(reservation_states=(ReservationState("on_trip", "En sortie"),)))

    with pytest.raises(ValueError, match="on_trip"):
        local.register(
            Module(
                id="y",
                label="Y",
                description="",
                legend=(LegendDefault("on_trip", "En sortie", "Sor.", "#0e7490"),),
            )
        )


def test_the_installed_modules_legends_name_only_what_something_produces():
    local = ModuleRegistry()
    for module in registry:
        local.register(module)

    assert {e.code for e in registry.get("sejours").legend} == {"confirmed"}
    assert {e.code for e in registry.get("creche").legend} == {"leave"}


def test_no_service_assigns_a_reservation_state_by_hand():
    by_hand = re.compile(r"\.state\s*=[^=]|\.update\(\s*state\s*=")
    model = ROOT / "platform/core/booking/models/reservations.py"
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("platform", "modules", "api", "tenants")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts and path != model
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if by_hand.search(line)
    ]
    assert offenders == []
