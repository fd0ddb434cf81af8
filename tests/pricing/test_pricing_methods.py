"""The core's pricing methods beyond flat and QF, and the tariff's rules in one place."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.pricing.engine import simulate
from core.pricing.models import Tariff
from core.pricing.validation import validate_tariff
from tests.support.booking import make_activity
from tests.support.clients import JSON
from tests.support.clock import BILLING_TESTS_NOW

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)

DAY = date(2027, 3, 10)


def _tariff(activity, method, amount="4.00", **fields):
    tariff = Tariff(
        name="Tarif",
        activity=activity,
        valid_from=date(2026, 9, 1),
        method=method,
        amount=Decimal(amount),
        **fields,
    )
    validate_tariff(tariff)
    tariff.save()
    return tariff


def test_hourly_price_rounds_each_started_slice_up(alpha):
    activity = make_activity(kind="accueil_soir", name="ALAE Soir")
    unit = activity.units.order_by("pk").first()
    unit.start_time, unit.end_time = time(16, 30), time(18, 10)  # 1 h 40
    unit.save()
    _tariff(activity, Tariff.METHOD_PER_HOUR, parameters={"rounding_minutes": 30})

    quote = simulate(unit=unit, on=DAY, quotient=None)

    assert quote.amount == Decimal("8.00")  # 2 h billed at 4.00 €/h
    assert quote.details[0] == "2 h 00 facturées (arrondi à 30 min) × 4.00 €/h"
    assert simulate(unit=unit, on=DAY, quotient=None, minutes=50).amount == Decimal("4.00")


def test_hourly_price_without_opening_hours_is_not_priced(alpha):
    activity = make_activity(kind="accueil_soir", name="ALAE Soir")
    unit = activity.units.order_by("pk").first()
    unit.start_time = unit.end_time = None
    unit.save()
    _tariff(activity, Tariff.METHOD_PER_HOUR)

    assert not simulate(unit=unit, on=DAY, quotient=None).priced


def test_hourly_method_takes_its_rounding_default_and_refuses_a_wrong_one(alpha):
    activity = make_activity()
    tariff = _tariff(activity, Tariff.METHOD_PER_HOUR)
    assert tariff.parameters == {"rounding_minutes": 30}
    tariff.parameters = {"rounding_minutes": "0"}
    with pytest.raises(ValidationError) as refused:
        validate_tariff(tariff)
    assert refused.value.message_dict == {"parameters": ["Arrondi (minutes) : au moins 1."]}
    tariff.parameters = {"rounding_minutes": "quinze"}
    with pytest.raises(ValidationError, match="un nombre est attendu"):
        validate_tariff(tariff)


def test_flat_method_takes_no_parameter(alpha):
    tariff = Tariff(
        name="x", activity=make_activity(), valid_from=date(2026, 9, 1), parameters={"x": 1}
    )
    with pytest.raises(ValidationError, match="Paramètre inconnu pour ce mode : x"):
        validate_tariff(tariff)


def test_unknown_method_is_refused(alpha):
    tariff = Tariff(name="x", activity=make_activity(), valid_from=date(2026, 9, 1), method="psu")
    with pytest.raises(ValidationError) as refused:
        validate_tariff(tariff)
    assert refused.value.message_dict == {
        "method": ["Ce mode de calcul n'est pas proposé par la structure."]
    }


def test_tariff_api_applies_the_same_rules_as_the_model(alpha, staff):
    activity = make_activity()
    base = {"name": "Soir", "activity": activity.pk, "valid_from": "2026-09-01"}

    no_bracket = staff.post(
        "/api/v1/staff/booking/tariffs/",
        {**base, "method": "quotient", "brackets": []},
        content_type=JSON,
    )
    hourly = staff.post(
        "/api/v1/staff/booking/tariffs/",
        {**base, "method": "per_hour", "amount": "3.20", "parameters": {"rounding_minutes": 15}},
        content_type=JSON,
    )

    assert no_bracket.status_code == 400
    assert no_bracket.json()["brackets"] == ["Au moins une tranche de quotient."]
    assert hourly.status_code == 201, hourly.content
    assert hourly.json()["parameters"] == {"rounding_minutes": 15}
    assert Tariff.objects.get(pk=hourly.json()["id"]).method == "per_hour"


def test_pricing_methods_offered_to_the_structure_with_their_parameters(alpha, staff):
    methods = staff.get("/api/v1/staff/booking/pricing-methods/").json()

    assert [m["code"] for m in methods] == ["flat", "quotient", "per_day", "per_hour"]
    hourly = methods[-1]
    assert hourly["parameters"][0]["name"] == "rounding_minutes"
    assert hourly["module"] is None and methods[1]["uses_brackets"] is True


def test_per_day_price_counts_the_days_of_a_stay(alpha):
    from core.booking.pricing import pricing_context
    from core.pricing.engine import quote

    activity = make_activity()
    unit = activity.units.order_by("pk").first()
    _tariff(activity, Tariff.METHOD_PER_DAY, amount="32.50")
    ctx = pricing_context(family=None, units=[unit])

    stay = quote(ctx=ctx, child_id=None, unit=unit, on=DAY, days=5)

    assert stay.amount == Decimal("162.50")
    assert stay.details == ("5 jours × 32.50 €",)
    assert quote(ctx=ctx, child_id=None, unit=unit, on=DAY).amount == Decimal("32.50")
