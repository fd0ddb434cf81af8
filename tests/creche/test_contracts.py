"""Contracts: the PSU rate read from the Cnaf parameters of the database for each case, the
draft, the proposal that holds every planned half-hour (all or nothing), the cancellation, and
the contract to sign among the family's missing items."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.core import mail

from core.booking.models import Reservation
from core.families.models import AnnualResources
from modules.creche.models import Contract, Establishment
from modules.creche.services import contracts, slots
from modules.creche.services.contracts import ContractRefused
from tests.support.creche import make_establishment, make_toddler
from tests.support.creche_contracts import (
    FULL_WEEK,
    add_parameter_set,
    make_contract,
    terms_input,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.frozen_at("2027-03-01T10:00:00+01:00"),
]

START, END = date(2027, 3, 1), date(2027, 3, 31)
TWO_DAYS = [
    {"week": "A", "weekday": 0, "arrival": "08:00", "departure": "12:00"},
    {"week": "A", "weekday": 1, "arrival": "08:00", "departure": "12:00"},
]


@pytest.fixture
def place(alpha):
    return make_establishment(open_from=START, open_until=date(2027, 8, 31))


@pytest.fixture
def toddler(family):
    return make_toddler(family)


def held(child) -> set[tuple[date, time]]:
    return set(
        Reservation.objects.filter(child=child, state__in=Reservation.HOLDING).values_list(
            "date", "unit__start_time"
        )
    )


# The rate through the database's parameters --------------------------------------------------
def simulate(place, **terms):
    return contracts.simulate(
        establishment=place, on=START, months_billed=10, terms=terms_input(**terms)
    )


def test_rate_reads_the_parameters_saved_by_operators(place):
    # 36 000 € a year: 3 000 € a month × 0,0619 % (one child, collective care) = 1,857 → 1,86.
    assert simulate(place, resources="36000").rate.hourly_rate == Decimal("1.86")
    # Above the ceiling of 8 500 €: the ceiling; an operator raises it to 9 000 € from 2027.
    rich = simulate(place, resources="150000")
    assert rich.rate.retained_resources == Decimal("8500")
    assert rich.rate.hourly_rate == Decimal("5.26")  # 8 500 × 0,0619 % = 5,2615
    add_parameter_set(effective_from=date(2027, 1, 1), floor="830.00", ceiling="9000.00")
    raised = simulate(place, resources="150000")
    assert raised.rate.retained_resources == Decimal("9000")
    assert raised.rate.hourly_rate == Decimal("5.57")  # 9 000 × 0,0619 % = 5,571
    assert any("plafond retenu" in step for step in raised.steps)


def test_aeeh_moves_to_the_rate_of_the_next_number_of_children(place):
    plain = simulate(place, resources="36000", children=2)
    aeeh = simulate(place, resources="36000", children=2, aeeh_children=1)
    assert plain.rate.effort_rate == Decimal("0.000516")
    assert aeeh.rate.effort_rate == Decimal("0.000413")  # the rate of three children
    assert aeeh.rate.hourly_rate == Decimal("1.24")  # 3 000 × 0,0413 % = 1,239
    assert any("AEEH" in step for step in aeeh.steps)


def test_unknown_resources_ceiling_or_floor(place):
    assert simulate(place, resources=None).rate.retained_resources == Decimal("8500")
    floor = simulate(place, resources=None, missing_resources="floor")
    assert floor.rate.retained_resources == Decimal("814.62")
    assert floor.rate.hourly_rate == Decimal("0.50")  # 814,62 × 0,0619 % = 0,5043


def test_familial_care_uses_its_own_table(alpha):
    familial = make_establishment(name="Crèche familiale", kind=Establishment.KIND_FAMILIALE)
    rate = simulate(familial, resources="36000").rate
    assert rate.effort_rate == Decimal("0.000516")
    assert rate.hourly_rate == Decimal("1.55")  # 3 000 × 0,0516 % = 1,548


def test_mensualisation_steps(place):
    computed = simulate(place, resources="36000", weeks_per_year=47, leave_weeks=2)
    # 45 weeks × 45 h ÷ 10 months = 202,5 h; × 1,86 € = 376,65 €.
    assert computed.monthly_hours == Decimal("202.50")
    assert computed.monthly_fee == Decimal("376.65")
    assert computed.steps[-1] == "Mensualité : 202,5 h × 1,86 € = 376,65 €."


def test_bad_terms_are_refused_with_a_field(place):
    with pytest.raises(ContractRefused) as error:
        simulate(place, leave_weeks=50)
    assert error.value.field == "leave_weeks"
    with pytest.raises(ContractRefused) as error:
        simulate(place, children=1, aeeh_children=2)
    assert error.value.field == "aeeh_children"
    bad = [{"week": "A", "weekday": 0, "arrival": "08:10", "departure": "12:00"}]
    with pytest.raises(ContractRefused) as error:
        simulate(place, schedule=bad)
    assert error.value.field == "schedule"


# Draft, prefill ------------------------------------------------------------------------------
def test_prefill_reads_the_family_file(family, toddler):
    AnnualResources.objects.create(family=family, year=2025, amount=Decimal("41000"))
    values = contracts.prefill(family=family, child=toddler, start=START)
    assert values["annual_resources"] == Decimal("41000")
    assert values["resources_year"] == 2025
    assert values["children"] == 2  # the school child of make_family and the toddler
    assert values["missing_resources"] == "ceiling"


def test_draft_stores_its_initial_terms_and_default_months(family, toddler, place):
    contract = make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=START,
        end=date(2027, 8, 31),
        state=Contract.DRAFT,
    )
    assert contract.months_billed == 6
    terms = contract.terms.get()
    assert (terms.number, terms.effective_from) == (0, START)
    assert terms.hourly_rate == Decimal("1.86")
    assert terms.rate_steps[0].startswith("Ressources annuelles")
    assert not held(toddler)  # a draft holds no place


def test_draft_update_recomputes_and_proposed_refuses(family, toddler, place, staff):
    contract = make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=START,
        end=END,
        state=Contract.DRAFT,
    )
    contracts.update_draft(
        contract=contract,
        section=None,
        start=START,
        end=END,
        months_billed=1,
        terms=terms_input(resources="60000"),
        by=None,
    )
    assert contract.terms.get().hourly_rate == Decimal("3.10")  # 5 000 × 0,0619 %
    contracts.propose(contract=contract, by=None)
    with pytest.raises(ContractRefused):
        contracts.update_draft(
            contract=contract,
            section=None,
            start=START,
            end=END,
            months_billed=1,
            terms=terms_input(),
            by=None,
        )


# Proposal: places held ---------------------------------------------------------------------
def test_proposing_books_every_half_hour_and_mails_the_family(
    family, toddler, place, django_capture_on_commit_callbacks
):
    contract = make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=START,
        end=END,
        schedule=TWO_DAYS,
        state=Contract.DRAFT,
    )
    with django_capture_on_commit_callbacks(execute=True):
        contracts.propose(contract=contract, by=None)
    contract.refresh_from_db()
    assert contract.state == Contract.PROPOSED
    # Easter Monday (29 March 2027) is a public holiday: no care, no place.
    mondays_tuesdays = [d for d in range(1, 32) if date(2027, 3, d).weekday() in (0, 1) and d != 29]
    expected = {
        (date(2027, 3, d), time(h, m))
        for d in mondays_tuesdays
        for h in range(8, 12)
        for m in (0, 30)
    }
    assert held(toddler) == expected
    assert len(mail.outbox) == 1
    assert "à signer" in mail.outbox[0].subject
    assert f"/creche/contrats/{contract.pk}" in mail.outbox[0].body


def test_a_full_half_hour_refuses_and_writes_nothing(family, toddler, alpha):
    place = make_establishment(name="Micro", agrement=1, bands=(), open_from=START)
    # The only place of Tuesday 16 March 10:30–11:00 is taken by another child.
    other = make_toddler(family, first_name="Théo")
    slots.book_days(
        child_id=other.pk,
        establishment=place,
        days=[slots.DayCare(date(2027, 3, 16), time(10, 30), time(11, 0))],
        by=None,
    )
    contract = make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=START,
        end=END,
        schedule=TWO_DAYS,
        state=Contract.DRAFT,
    )
    with pytest.raises(slots.SlotFull) as error:
        contracts.propose(contract=contract, by=None)
    assert "16/03/2027 de 10:30 à 11:00" in str(error.value)
    contract.refresh_from_db()
    assert contract.state == Contract.DRAFT
    assert not held(toddler)
    assert not mail.outbox


def test_cancel_releases_the_places(family, toddler, place):
    contract = make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=START,
        end=END,
        schedule=TWO_DAYS,
        state=Contract.PROPOSED,
    )
    assert held(toddler)
    contract = contracts.cancel(contract=contract, by=None)
    assert contract.state == Contract.CANCELLED
    assert not held(toddler)
    with pytest.raises(Exception, match="impossible"):
        contracts.propose(contract=contract, by=None)


# Missing items -------------------------------------------------------------------------------
def test_a_proposed_contract_is_a_missing_item(family, toddler, place):
    contract = make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=START,
        end=END,
        schedule=TWO_DAYS,
        state=Contract.PROPOSED,
    )
    items = contracts.contract_missing_items(family=family)
    assert [(i.kind, i.code, i.link) for i in items] == [
        ("module", f"creche:contrat:{contract.pk}", f"/creche/contrats/{contract.pk}")
    ]
    assert items[0].child_id == toddler.pk
    other = family.children.exclude(pk=toddler.pk).first()
    assert contracts.contract_missing_items(family=family, child=other) == []
    contract.state = Contract.SIGNED
    contract.save()
    assert contracts.contract_missing_items(family=family) == []


def test_full_week_default(family, toddler, place):
    contract = make_contract(
        family=family, child=toddler, establishment=place, start=START, end=END, schedule=FULL_WEEK
    )
    assert contract.state == Contract.SIGNED
    assert len(held(toddler)) == 22 * 18  # 22 working days in March 2027 (Easter Monday off)


# The staff's API -----------------------------------------------------------------------------
STAFF = "/api/v1/creche/staff/contracts/"
JSON = "application/json"


def payload(child, place, **fields):
    return {
        "child": child.pk,
        "establishment": place.pk,
        "section": place.sections.first().pk,
        "start_date": "2027-03-01",
        "end_date": "2027-03-31",
        "schedule": TWO_DAYS,
        "weeks_per_year": "45",
        "leave_weeks": "0",
        "annual_resources": "36000",
        "resources_year": 2025,
        "children": 1,
        **fields,
    }


def test_staff_simulate_create_propose_and_list(staff, family, toddler, place):
    simulation = staff.post(f"{STAFF}simulation", payload(toddler, place), JSON)
    assert simulation.status_code == 200, simulation.content
    body = simulation.json()
    assert body["hourly_rate"] == "1.86"
    assert body["months_billed"] == 1
    # No-break spaces between thousands and before the euro sign.
    assert body["steps"][0].replace("\u00a0", " ").replace("\u202f", " ") == (
        "Ressources annuelles 36 000,00 € ÷ 12 = 3 000,00 € par mois."
    )
    created = staff.post(STAFF, payload(toddler, place), JSON)
    assert created.status_code == 201, created.content
    contract = created.json()
    assert contract["state"] == "draft"
    assert contract["monthly_fee"] == body["monthly_fee"]
    proposed = staff.post(f"{STAFF}{contract['id']}/propose")
    assert proposed.status_code == 200, proposed.content
    assert proposed.json()["state"] == "proposed"
    rows = staff.get(f"{STAFF}?state=proposed&establishment={place.pk}").json()
    assert [r["id"] for r in rows] == [contract["id"]]
    assert staff.get(f"{STAFF}?state=draft").json() == []
    assert staff.get(f"{STAFF}?state=nope").status_code == 400


def test_staff_bad_input_is_a_400_and_writes_nothing(staff, toddler, place):
    response = staff.post(STAFF, payload(toddler, place, leave_weeks="60"), JSON)
    assert response.status_code == 400
    response = staff.post(STAFF, payload(toddler, place, end_date="2027-02-01"), JSON)
    assert response.status_code == 400
    assert "end_date" in response.json()
    assert not Contract.objects.exists()


def test_proposing_on_a_full_slot_is_a_409_naming_it(staff, family, toddler, alpha):
    small = make_establishment(name="Micro", agrement=1, bands=(), open_from=START)
    other = make_toddler(family, first_name="Théo")
    slots.book_days(
        child_id=other.pk,
        establishment=small,
        days=[slots.DayCare(date(2027, 3, 2), time(8, 0), time(8, 30))],
        by=None,
    )
    created = staff.post(STAFF, payload(toddler, small, section=None), JSON).json()
    response = staff.post(f"{STAFF}{created['id']}/propose")
    assert response.status_code == 409
    assert "02/03/2027 de 08:00 à 08:30" in response.json()["detail"][0]
    assert Contract.objects.get().state == Contract.DRAFT


def test_prefill_from_an_accepted_request(staff, family, toddler, place):
    from modules.creche.models import PlaceRequest

    AnnualResources.objects.create(family=family, year=2025, amount=Decimal("30000"))
    request = PlaceRequest.objects.create(
        family=family,
        child=toddler,
        desired_start=date(2027, 4, 1),
        care=PlaceRequest.CARE_REGULAR,
        schedule=TWO_DAYS,
        state=PlaceRequest.ACCEPTED,
        offer_establishment=place,
        offer_section=place.sections.first(),
        offer_start=date(2027, 4, 5),
        offer_schedule=TWO_DAYS,
    )
    data = staff.get(f"{STAFF}prefill?request={request.pk}").json()
    assert data["child"] == toddler.pk
    assert data["establishment"] == place.pk
    assert data["start_date"] == "2027-04-05"
    assert data["annual_resources"] == "30000.00"
    assert data["resources_year"] == 2025
    assert len(data["schedule"]) == 2
    request.state = PlaceRequest.OFFERED
    request.save()
    assert staff.get(f"{STAFF}prefill?request={request.pk}").status_code == 404


def test_the_accountant_reads_but_cannot_change(alpha, family, toddler, place):
    from core.accounts.roles import Role
    from tests.support.clients import HOST, logged
    from tests.support.factories import make_user

    contract = make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=START,
        end=END,
        schedule=TWO_DAYS,
        state=Contract.DRAFT,
    )
    accountant = logged(HOST, make_user(tenant=alpha, role=Role.COMPTABLE).email)
    assert accountant.get(f"{STAFF}{contract.pk}/").status_code == 200
    assert accountant.get(STAFF).status_code == 200
    assert accountant.post(f"{STAFF}{contract.pk}/propose").status_code == 403
    assert accountant.post(STAFF, payload(toddler, place), JSON).status_code == 403
    assert (
        accountant.patch(f"{STAFF}{contract.pk}/", payload(toddler, place), JSON).status_code == 403
    )
    parent_client = logged(HOST, family.parent.email)
    assert parent_client.get(STAFF).status_code == 403


def test_another_structure_sees_nothing(alpha, beta, family, toddler, place):
    from django.db import connection

    from core.accounts.roles import Role
    from tests.support.clients import logged
    from tests.support.factories import make_user

    contract = make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=START,
        end=END,
        schedule=TWO_DAYS,
        state=Contract.PROPOSED,
    )
    client = logged("beta.localhost", make_user(tenant=beta, role=Role.GESTIONNAIRE).email)
    assert client.get(f"{STAFF}{contract.pk}/").status_code == 404
    assert client.post(f"{STAFF}{contract.pk}/cancel").status_code == 404
    connection.set_tenant(alpha)
    contract.refresh_from_db()
    assert contract.state == Contract.PROPOSED


def test_one_running_contract_per_child_at_a_time(family, toddler, place):
    make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=START,
        end=END,
        schedule=TWO_DAYS,
        state=Contract.PROPOSED,
    )
    with pytest.raises(ContractRefused, match="a déjà un contrat du 01/03/2027 au 31/03/2027"):
        make_contract(
            family=family,
            child=toddler,
            establishment=place,
            start=date(2027, 3, 15),
            end=date(2027, 6, 30),
            state=Contract.DRAFT,
        )
    # After the first one: fine.
    make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=date(2027, 4, 1),
        end=date(2027, 6, 30),
        schedule=TWO_DAYS,
        state=Contract.PROPOSED,
    )


def test_the_contract_to_sign_reaches_the_family_file_through_the_module_hook(
    family, toddler, place
):
    from core.families.services.missing import missing_items

    contract = make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=START,
        end=END,
        schedule=TWO_DAYS,
        state=Contract.PROPOSED,
        book=False,
    )
    codes = [item.code for item in missing_items(family=family)]
    assert f"creche:contrat:{contract.pk}" in codes


# A contract from a place request -------------------------------------------------------------
def accepted_request(family, child, place, **fields):
    from modules.creche.models import PlaceRequest

    values = {
        "family": family,
        "child": child,
        "desired_start": START,
        "care": PlaceRequest.CARE_REGULAR,
        "schedule": TWO_DAYS,
        "state": PlaceRequest.ACCEPTED,
        "offer_establishment": place,
        "offer_start": START,
        "offer_schedule": TWO_DAYS,
        **fields,
    }
    return PlaceRequest.objects.create(**values)


def test_a_contract_needs_an_accepted_request(staff, family, toddler, place):
    from modules.creche.models import PlaceRequest

    request = accepted_request(family, toddler, place, state=PlaceRequest.OFFERED)
    response = staff.post(STAFF, payload(toddler, place, request=request.pk), JSON)

    assert response.status_code == 400
    assert (
        response.json()["request"]
        == [
            "Cette demande de place est « Place proposée » : un contrat se prépare à partir "
            "d'une demande dont la famille a accepté la place."
        ]
        or "accepté la place" in response.json()["request"][0]
    )
    assert not Contract.objects.exists()


def test_a_request_for_another_child_is_refused(staff, family, toddler, place):
    sister = make_toddler(family, first_name="Léa")
    request = accepted_request(family, sister, place)
    response = staff.post(STAFF, payload(toddler, place, request=request.pk), JSON)

    assert response.status_code == 400
    assert response.json()["request"] == ["Cette demande de place concerne Léa, pas Nina."]
    assert not Contract.objects.exists()


def test_a_request_of_another_family_is_refused(staff, family, toddler, place):
    from tests.support.factories import make_family

    other, _ = make_family()
    request = accepted_request(other, make_toddler(other), place)
    response = staff.post(STAFF, payload(toddler, place, request=request.pk), JSON)

    assert response.status_code == 400
    assert "autre famille" in response.json()["request"][0]


def test_an_expected_child_request_makes_a_contract_for_a_child_of_the_family(
    staff, family, toddler, place
):
    request = accepted_request(family, None, place, due_date=date(2026, 9, 1))
    response = staff.post(STAFF, payload(toddler, place, request=request.pk), JSON)

    assert response.status_code == 201, response.content
    assert response.json()["request"] == request.pk


def test_one_live_contract_per_request(staff, family, toddler, place):
    request = accepted_request(family, toddler, place)
    first = staff.post(STAFF, payload(toddler, place, request=request.pk), JSON)
    assert first.status_code == 201, first.content

    second = staff.post(STAFF, payload(toddler, place, request=request.pk), JSON)
    assert second.status_code == 400
    assert f"déjà donné le contrat n° {first.json()['id']}" in second.json()["request"][0]
    assert Contract.objects.count() == 1
    # Cancelled, the first contract frees the request.
    assert staff.post(f"{STAFF}{first.json()['id']}/cancel").status_code == 200
    third = staff.post(STAFF, payload(toddler, place, request=request.pk), JSON)
    assert third.status_code == 201, third.content


# Alternating weeks -----------------------------------------------------------------------------
def test_alternating_with_only_week_a_is_care_every_other_week(family, toddler, place):
    from modules.creche.models.schedules import day_of, hours_per_week, parse_schedule

    days = parse_schedule(TWO_DAYS, alternating=True)
    # Monday 1 March is week A, Monday 8 March week B (no care), Monday 15 March week A.
    planned = [day_of(days, d, start=START, alternating=True) for d in (START, date(2027, 3, 8))]
    assert planned[0] is not None and planned[1] is None
    assert day_of(days, date(2027, 3, 15), start=START, alternating=True) is not None
    assert hours_per_week(days, alternating=True) == Decimal("4.00")  # 8 h every 2 weeks
    assert hours_per_week(days, alternating=False) == Decimal("8.00")

    weekly = make_contract(
        family=family,
        child=toddler,
        establishment=place,
        start=START,
        end=END,
        schedule=TWO_DAYS,
        state=Contract.DRAFT,
    )
    shared = make_contract(
        family=family,
        child=make_toddler(family, first_name="Léo"),
        establishment=place,
        start=START,
        end=END,
        schedule=TWO_DAYS,
        alternating=True,
        state=Contract.DRAFT,
    )
    weekly_terms, shared_terms = weekly.terms.get(), shared.terms.get()
    assert weekly_terms.hours_per_week == Decimal("8.00")
    assert shared_terms.hours_per_week == Decimal("4.00")
    assert shared_terms.monthly_hours * 2 == weekly_terms.monthly_hours
