"""Avenants: dated terms inside the contract, after the last ones, computed under the rate of
their date; places re-booked from that date (old half-hours released, new ones booked, all or
nothing); history kept; early end gives back the places after it."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from core.booking.models import Reservation
from modules.creche.models import Contract
from modules.creche.services import amendments, slots
from modules.creche.services.contracts import ContractRefused
from tests.support.creche import make_establishment, make_toddler
from tests.support.creche_contracts import (
    add_parameter_set,
    invoice_fee,
    make_contract,
    terms_input,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.frozen_at("2027-03-01T10:00:00+01:00"),
]

STAFF = "/api/v1/creche/staff/contracts/"
MONDAY_TUESDAY = [
    {"week": "A", "weekday": 0, "arrival": "08:00", "departure": "12:00"},
    {"week": "A", "weekday": 1, "arrival": "08:00", "departure": "12:00"},
]
MONDAY_LONGER_WEDNESDAY = [
    {"week": "A", "weekday": 0, "arrival": "08:00", "departure": "13:00"},
    {"week": "A", "weekday": 2, "arrival": "08:00", "departure": "12:00"},
]


@pytest.fixture
def place(alpha):
    return make_establishment(open_from=date(2027, 3, 1), open_until=date(2027, 6, 30))


@pytest.fixture
def contract(family, place):
    return make_contract(
        family=family,
        child=make_toddler(family),
        establishment=place,
        start=date(2027, 3, 1),
        end=date(2027, 4, 30),
        schedule=MONDAY_TUESDAY,
    )


def held_on(child, day):
    return sorted(
        Reservation.objects.filter(
            child=child, date=day, state__in=Reservation.HOLDING
        ).values_list("unit__start_time", flat=True)
    )


def test_avenant_in_the_middle_of_a_month_rebooks_and_keeps_history(contract):
    child = contract.child
    row = amendments.add_amendment(
        contract=contract,
        effective_from=date(2027, 3, 17),
        terms=terms_input(schedule=MONDAY_LONGER_WEDNESDAY, resources="48000"),
        reason="Reprise du travail le mercredi",
        by=None,
    )
    assert row.number == 1
    # Before the avenant: untouched (Monday 15 and Tuesday 16 March, 8:00–12:00).
    morning = [time(h, m) for h in range(8, 12) for m in (0, 30)]
    assert held_on(child, date(2027, 3, 15)) == morning
    assert held_on(child, date(2027, 3, 16)) == morning
    # From 17 March: Wednesdays added, Tuesdays released, Mondays until 13:00.
    assert held_on(child, date(2027, 3, 17)) == morning
    assert held_on(child, date(2027, 3, 23)) == []
    assert held_on(child, date(2027, 3, 22)) == [*morning, time(12, 0), time(12, 30)]
    terms = list(contract.terms.order_by("number"))
    assert [(t.number, t.effective_from) for t in terms] == [
        (0, date(2027, 3, 1)),
        (1, date(2027, 3, 17)),
    ]
    assert terms[0].hourly_rate == Decimal("1.86")
    assert terms[1].hourly_rate == Decimal("2.48")  # 4 000 × 0,0619 %
    assert terms[1].reason == "Reprise du travail le mercredi"


def test_the_avenant_takes_the_rate_of_its_date(contract):
    add_parameter_set(effective_from=date(2027, 4, 1), floor="830.00", ceiling="9000.00")
    row = amendments.add_amendment(
        contract=contract,
        effective_from=date(2027, 4, 5),
        terms=terms_input(schedule=MONDAY_TUESDAY, resources="150000"),
        reason="Ressources",
        by=None,
    )
    assert row.hourly_rate == Decimal("5.57")  # the ceiling of 1 April: 9 000 €
    assert "01/04/2027" in row.rate_steps[1]


def test_a_full_half_hour_refuses_the_avenant_and_keeps_the_old_places(family, alpha):
    small = make_establishment(name="Micro", agrement=1, bands=(), open_from=date(2027, 3, 1))
    contract = make_contract(
        family=family,
        child=make_toddler(family),
        establishment=small,
        start=date(2027, 3, 1),
        end=date(2027, 3, 31),
        schedule=MONDAY_TUESDAY,
    )
    other = make_toddler(family, first_name="Théo")
    slots.book_days(
        child_id=other.pk,
        establishment=small,
        days=[slots.DayCare(date(2027, 3, 24), time(9, 0), time(9, 30))],
        by=None,
    )
    with pytest.raises(slots.SlotFull, match="24/03/2027 de 09:00 à 09:30"):
        amendments.add_amendment(
            contract=contract,
            effective_from=date(2027, 3, 17),
            terms=terms_input(schedule=MONDAY_LONGER_WEDNESDAY),
            reason="Mercredi",
            by=None,
        )
    assert contract.terms.count() == 1
    assert len(held_on(contract.child, date(2027, 3, 23))) == 8  # Tuesday still held


@pytest.mark.parametrize(
    "effective_from, message",
    [(date(2027, 2, 1), "pendant le contrat"), (date(2027, 3, 1), "après les dernières")],
)
def test_avenant_dates_are_checked(contract, effective_from, message):
    with pytest.raises(ContractRefused, match=message):
        amendments.add_amendment(
            contract=contract,
            effective_from=effective_from,
            terms=terms_input(),
            reason="x",
            by=None,
        )


def test_a_draft_gets_no_avenant(family, place):
    draft = make_contract(
        family=family,
        child=make_toddler(family),
        establishment=place,
        start=date(2027, 3, 1),
        end=date(2027, 3, 31),
        state=Contract.DRAFT,
    )
    with pytest.raises(ContractRefused):
        amendments.add_amendment(
            contract=draft,
            effective_from=date(2027, 3, 10),
            terms=terms_input(),
            reason="x",
            by=None,
        )


def test_early_end_releases_the_places_after_it(contract):
    amendments.end_early(contract=contract, end=date(2027, 3, 31), by=None)
    contract.refresh_from_db()
    assert contract.end_date == date(2027, 3, 31)
    assert contract.state == Contract.SIGNED  # ended when its end is past
    assert held_on(contract.child, date(2027, 3, 30))
    assert held_on(contract.child, date(2027, 4, 5)) == []
    assert amendments.close_finished(today=date(2027, 4, 1)) == 1
    contract.refresh_from_db()
    assert contract.state == Contract.ENDED


def test_staff_api_amendment_and_end(staff, contract):
    payload = {
        "effective_from": "2027-03-17",
        "reason": "Nouveau planning",
        "schedule": MONDAY_LONGER_WEDNESDAY,
        "weeks_per_year": "45",
        "leave_weeks": "0",
        "annual_resources": "36000",
        "children": 1,
    }
    response = staff.post(f"{STAFF}{contract.pk}/amendments", payload, "application/json")
    assert response.status_code == 201, response.content
    assert [t["number"] for t in response.json()["terms"]] == [0, 1]
    bad = staff.post(f"{STAFF}{contract.pk}/amendments", payload, "application/json")
    assert bad.status_code == 400
    assert "effective_from" in bad.json()
    end = staff.post(f"{STAFF}{contract.pk}/end", {"end_date": "2027-04-15"}, "application/json")
    assert end.status_code == 200, end.content
    assert end.json()["end_date"] == "2027-04-15"


def test_an_avenant_inside_an_invoiced_month_is_refused(staff, contract):
    invoice_fee(contract, year=2027, month=3)
    payload = {
        "effective_from": "2027-03-17",
        "reason": "Nouveau planning",
        "schedule": MONDAY_LONGER_WEDNESDAY,
        "weeks_per_year": "45",
        "leave_weeks": "0",
        "annual_resources": "36000",
        "children": 1,
    }
    refused = staff.post(f"{STAFF}{contract.pk}/amendments", payload, "application/json")

    assert refused.status_code == 400
    assert refused.json()["effective_from"] == [
        "Ce mois est déjà facturé : l'avenant prend effet au plus tôt le 1er avril 2027 "
        "(premier mois non facturé)."
    ]
    assert contract.terms.count() == 1
    assert len(held_on(contract.child, date(2027, 3, 23))) == 8  # nothing re-booked
    accepted = staff.post(
        f"{STAFF}{contract.pk}/amendments",
        {**payload, "effective_from": "2027-04-01"},
        "application/json",
    )
    assert accepted.status_code == 201, accepted.content


def test_an_avenant_before_a_later_invoiced_month_is_refused(contract):
    invoice_fee(contract, year=2027, month=4)
    with pytest.raises(ContractRefused, match="au plus tôt le 1er mai 2027"):
        amendments.add_amendment(
            contract=contract,
            effective_from=date(2027, 3, 17),
            terms=terms_input(schedule=MONDAY_LONGER_WEDNESDAY),
            reason="Mercredi",
            by=None,
        )


def test_a_draft_invoice_line_does_not_block_the_avenant(contract):
    line = invoice_fee(contract, year=2027, month=3)
    from core.billing.models import InvoiceLine

    InvoiceLine.objects.create(
        label="Brouillon",
        unit_price=line.unit_price,
        amount=line.amount,
        source_module="creche",
        source_reference=f"fee:{contract.pk}:2027-04",
    )
    row = amendments.add_amendment(
        contract=contract,
        effective_from=date(2027, 4, 5),
        terms=terms_input(schedule=MONDAY_LONGER_WEDNESDAY),
        reason="Mercredi",
        by=None,
    )
    assert row.number == 1


def test_an_early_end_inside_an_invoiced_month_is_allowed(contract):
    invoice_fee(contract, year=2027, month=4)
    amendments.end_early(contract=contract, end=date(2027, 4, 15), by=None)
    contract.refresh_from_db()
    assert contract.end_date == date(2027, 4, 15)
