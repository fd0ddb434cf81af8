"""The crèche's settings screen: read and changed by those who may change them, checked."""

import pytest

from core.accounts.roles import Role
from modules.creche.models import CrecheSettings
from tests.support.clients import HOST, logged
from tests.support.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

URL = "/api/v1/creche/staff/settings"


def payload(**fields):
    return {
        "rounding_minutes": 15,
        "tolerance_minutes": 5,
        "carence_days": 3,
        "parents_may_clock": True,
        "missing_resources": "floor",
        "request_renewal_months": 3,
        "offer_answer_days": 10,
        "occasional_validation": False,
        "contact_email": "creche@example.org",
        **fields,
    }


def test_read_and_change(staff):
    read = staff.get(URL)
    assert read.status_code == 200 and read.json()["rounding_minutes"] == 30

    changed = staff.put(URL, payload(), content_type="application/json")

    assert changed.status_code == 200, changed.content
    settings = CrecheSettings.current()
    assert (settings.rounding_minutes, settings.missing_resources) == (15, "floor")
    assert settings.rules().tolerance_minutes == 5


@pytest.mark.parametrize(
    "fields", [{"rounding_minutes": 0}, {"missing_resources": "median"}, {"carence_days": -1}]
)
def test_bad_values_change_nothing(staff, fields):
    response = staff.put(URL, payload(**fields), content_type="application/json")

    assert response.status_code == 400
    assert CrecheSettings.current().rounding_minutes == 30


@pytest.mark.parametrize("role", [Role.COMPTABLE, Role.ANIMATEUR, Role.PARENT])
def test_others_may_not(alpha, role):
    client = logged(HOST, make_user(tenant=alpha, role=role).email)
    assert client.get(URL).status_code == 403
    assert client.put(URL, payload(), content_type="application/json").status_code == 403


def test_the_structure_chooses_how_the_hourly_rate_is_rounded(staff):
    """3 000 € a month × 0,0516 % (two children) = 1,548 €: 1,55 € to the nearest cent, 1,54 €
    rounded down, as the structure's règlement says."""
    from datetime import date
    from decimal import Decimal

    from modules.creche.services import rates
    from tests.support.creche import make_establishment

    establishment = make_establishment(name="Arrondis")

    def rate() -> Decimal:
        return rates.rate_on(
            establishment=establishment,
            on=date(2027, 3, 1),
            annual_resources=Decimal("36000"),
            children=2,
        ).hourly_rate

    assert rate() == Decimal("1.55")
    changed = staff.put(URL, payload(rate_rounding="down"), content_type="application/json")
    assert changed.status_code == 200, changed.content
    assert rate() == Decimal("1.54")
    refused = staff.put(URL, payload(rate_rounding="up"), content_type="application/json")
    assert refused.status_code == 400
    assert CrecheSettings.current().rate_rounding == "down"
