"""The pre-billing check: per child the month's hours, the lines the run will bill (the same
computation) with their French details, and the warnings staff fix before the run."""

from datetime import date
from decimal import Decimal

import pytest

from core.accounts.roles import Role
from modules.creche.models import Contract
from tests.support.clients import HOST, logged
from tests.support.creche import make_toddler
from tests.support.creche_money import (
    absent,
    attend_month,
    creche_run,
    money_contract,
    money_establishment,
    present,
)
from tests.support.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

URL = "/api/v1/creche/staff/prebilling"
FEB = (date(2027, 2, 1), date(2027, 2, 28))


@pytest.fixture
def establishment(alpha):
    return money_establishment(open_from=date(2027, 1, 1), open_until=date(2027, 3, 31))


def test_the_month_per_child_with_its_lines_and_warnings(staff, family, establishment):
    signed = money_contract(
        child=make_toddler(family, first_name="Alice"),
        establishment=establishment,
        start=date(2027, 1, 4),
        end=date(2027, 7, 30),
    )
    proposed = money_contract(
        child=make_toddler(family, first_name="Bruno"),
        establishment=establishment,
        start=date(2027, 1, 4),
        end=date(2027, 7, 30),
        resources=None,
        state=Contract.PROPOSED,
    )
    attend_month(signed, *FEB, skip=[date(2027, 2, 8), date(2027, 2, 9)])
    present(signed, date(2027, 2, 8), "08:00", None)  # no departure
    absent(signed, date(2027, 2, 9), date(2027, 2, 9), "illness", qualified=False)
    present(proposed, date(2027, 2, 1), "08:00", "17:20")

    response = staff.get(URL, {"establishment": establishment.pk, "month": "2027-02"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["month_label"] == "février 2027"
    alice, bruno = body["children"]
    assert alice["child_name"].startswith("Alice")
    assert Decimal(alice["planned_hours"]) == Decimal("180.00")
    assert Decimal(alice["attended_hours"]) == Decimal("162.00")
    assert [line["reference"] for line in alice["lines"]] == [f"fee:{signed.pk}:2027-02"]
    assert any("aucun pointage" in d or "prévues non réalisées" in d for d in alice["details"])
    assert any("sans heure de départ" in w for w in alice["warnings"])
    assert any("à qualifier" in w for w in alice["warnings"])
    assert any("pas encore signé" in w for w in bruno["warnings"])
    assert any("Ressources inconnues" in w for w in bruno["warnings"])
    assert Decimal(bruno["extra_hours"]) == Decimal("0.50")
    assert body["warning_count"] == 4
    assert Decimal(body["total"]) == sum(
        Decimal(line["amount"]) for child in body["children"] for line in child["lines"]
    )


def test_lines_already_issued_are_marked(staff, family, establishment):
    contract = money_contract(
        child=make_toddler(family),
        establishment=establishment,
        start=date(2027, 1, 4),
        end=date(2027, 7, 30),
    )
    attend_month(contract, *FEB)
    creche_run(establishment, *FEB)

    body = staff.get(URL, {"establishment": establishment.pk, "month": "2027-02"}).json()

    assert body["children"][0]["lines"][0]["already_billed"] is True
    assert Decimal(body["total"]) == 0


def test_occasional_days_booked_before_an_early_end_are_flagged(staff, family, establishment):
    from datetime import datetime

    from django.utils import timezone

    from core.booking.models import Reservation
    from tests.support.creche_money import occasional_slots

    contract = money_contract(
        child=make_toddler(family, first_name="Alice"),
        establishment=establishment,
        start=date(2027, 1, 4),
        end=date(2027, 2, 12),  # ended early, after the places were booked to July
    )
    kept = occasional_slots(contract.child, establishment, date(2027, 2, 15), slots_count=4)
    booked = timezone.make_aware(datetime(2027, 1, 2, 9, 0))
    Reservation.objects.filter(pk__in=[r.pk for r in kept]).update(created_at=booked)

    body = staff.get(URL, {"establishment": establishment.pk, "month": "2027-02"}).json()

    occasional = next(c for c in body["children"] if c["contract_id"] is None)
    assert any("avant la fin du contrat le 12/02/2027" in w for w in occasional["warnings"])

    Reservation.objects.filter(pk__in=[r.pk for r in kept]).update(created_at=timezone.now())
    body = staff.get(URL, {"establishment": establishment.pk, "month": "2027-02"}).json()
    occasional = next(c for c in body["children"] if c["contract_id"] is None)
    assert not any("fin du contrat" in w for w in occasional["warnings"])


def test_bad_month_is_a_clear_400(staff, establishment):
    response = staff.get(URL, {"establishment": establishment.pk, "month": "2027-13"})
    assert response.status_code == 400 and "AAAA-MM" in str(response.json())
    assert staff.get(URL, {"establishment": 999999, "month": "2027-02"}).status_code == 404


# The sections' team reads the day's board, not the money (``permissions.ROLE_PERMISSIONS``).
@pytest.mark.parametrize(("role", "status"), [(Role.COMPTABLE, 200), (Role.ANIMATEUR, 403)])
def test_who_may_check(alpha, establishment, role, status):
    client = logged(HOST, make_user(tenant=alpha, role=role).email)
    response = client.get(URL, {"establishment": establishment.pk, "month": "2027-02"})
    assert response.status_code == status


def test_families_may_not(parent, establishment):
    response = parent.get(URL, {"establishment": establishment.pk, "month": "2027-02"})
    assert response.status_code == 403
