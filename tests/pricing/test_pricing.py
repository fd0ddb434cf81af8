"""The pricing engine: dated tariffs, QF brackets, residence, siblings, meal supplement."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.booking.pricing import pricing_context
from core.families.models import QuotientDeclaration
from core.pricing.engine import quote, simulate
from core.pricing.models import PricingSettings, Tariff, TariffBracket
from tests.support.booking import enrol, make_activity
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)

DAY = date(2027, 3, 10)


def qf_tariff(activity, **fields):
    tariff = Tariff.objects.create(
        name="RESTAURATION",
        activity=activity,
        method=Tariff.METHOD_QF,
        valid_from=date(2026, 9, 1),
        **fields,
    )
    TariffBracket.objects.create(
        tariff=tariff, qf_min=0, qf_max=500, amount=Decimal("1.00"), amount_exterior=Decimal("2.00")
    )
    TariffBracket.objects.create(tariff=tariff, qf_min=500, qf_max=900, amount=Decimal("2.50"))
    TariffBracket.objects.create(tariff=tariff, qf_min=900, qf_max=None, amount=Decimal("3.80"))
    return tariff


def price(family, unit, child=None, on=DAY):
    ctx = pricing_context(family=family, units=[unit])
    return quote(ctx=ctx, child_id=child.pk if child else None, unit=unit, on=on)


def test_qf_at_a_bracket_boundary_takes_the_upper_bracket(alpha):
    activity = make_activity(kind="pause_meridienne")
    qf_tariff(activity)
    family, _ = make_family(tenant=alpha)
    QuotientDeclaration.objects.create(
        family=family,
        value=500,
        valid_from=date(2026, 9, 1),
        status=QuotientDeclaration.STATUS_ACCEPTED,
    )
    result = price(family, activity.units.get())
    assert result.amount == Decimal("2.50") and result.tariff_name == "RESTAURATION"


def test_pending_or_expired_qf_is_ignored_and_the_highest_bracket_applies(alpha):
    activity = make_activity(kind="pause_meridienne")
    qf_tariff(activity)
    family, _ = make_family(tenant=alpha)
    QuotientDeclaration.objects.create(family=family, value=300, valid_from=date(2026, 9, 1))
    QuotientDeclaration.objects.create(
        family=family,
        value=300,
        valid_from=date(2025, 9, 1),
        valid_until=date(2026, 8, 31),
        status=QuotientDeclaration.STATUS_ACCEPTED,
    )
    result = price(family, activity.units.get())
    assert result.amount == Decimal("3.80")
    assert "non fourni" in result.details[0]


def test_exterior_family_pays_the_exterior_price_or_the_resident_one_when_none(alpha):
    activity = make_activity(kind="pause_meridienne")
    qf_tariff(activity)
    settings = PricingSettings.current()
    settings.resident_postal_codes = ["45000"]
    settings.save()
    family, _ = make_family(tenant=alpha, postal_code="69001")
    QuotientDeclaration.objects.create(
        family=family,
        value=100,
        valid_from=date(2026, 9, 1),
        status=QuotientDeclaration.STATUS_ACCEPTED,
    )
    assert price(family, activity.units.get()).amount == Decimal("2.00")
    QuotientDeclaration.objects.update(value=700)
    assert price(family, activity.units.get()).amount == Decimal("2.50")


def test_dated_tariffs_the_one_valid_at_the_date_applies(alpha):
    activity = make_activity()
    Tariff.objects.create(
        name="2026",
        activity=activity,
        valid_from=date(2026, 9, 1),
        valid_until=date(2026, 12, 31),
        amount=Decimal("1.10"),
    )
    Tariff.objects.create(
        name="2027", activity=activity, valid_from=date(2027, 1, 1), amount=Decimal("1.25")
    )
    family, _ = make_family(tenant=alpha)
    unit = activity.units.get()
    assert price(family, unit, on=date(2026, 12, 31)).amount == Decimal("1.10")
    assert price(family, unit, on=date(2027, 1, 4)).tariff_name == "2027"
    assert price(family, unit, on=date(2026, 8, 31)).amount is None


def test_unit_tariff_wins_over_the_activity_one_and_meal_supplement_is_added(alpha):
    activity = make_activity(kind="mercredi")
    Tariff.objects.create(
        name="DEMI-JOURNEE",
        activity=activity,
        valid_from=date(2026, 9, 1),
        amount=Decimal("5.20"),
        meal_supplement=Decimal("5.20"),
    )
    full = activity.units.get(name="Journée complète")
    Tariff.objects.create(
        name="JOURNEE",
        unit=full,
        valid_from=date(2026, 9, 1),
        amount=Decimal("9.50"),
        meal_supplement=Decimal("3.00"),
    )
    family, _ = make_family(tenant=alpha)
    assert price(family, activity.units.get(name="Après-midi sans repas")).amount == Decimal("5.20")
    assert price(family, activity.units.get(name="Après-midi avec repas")).amount == Decimal(
        "10.40"
    )
    assert price(family, full).amount == Decimal("12.50")


def test_sibling_rank_discount_applies_to_the_younger_children(alpha):
    activity = make_activity(kind="mercredi")
    Tariff.objects.create(
        name="CL",
        activity=activity,
        valid_from=date(2026, 9, 1),
        amount=Decimal("10.00"),
        sibling_discounts=[Decimal(10), Decimal(25)],
    )
    family, _ = make_family(tenant=alpha, children=3)
    children = list(family.children.all())
    for i, child in enumerate(children):
        child.birth_date = date(2016 + i, 1, 1)
        child.save()
        enrol(child, activity)
    unit = activity.units.get(name="Matin")
    amounts = [price(family, unit, child).amount for child in children]
    assert amounts == [Decimal("10.00"), Decimal("9.00"), Decimal("7.50")]


def test_simulator_prices_a_hypothetical_family(alpha):
    activity = make_activity(kind="pause_meridienne")
    qf_tariff(activity)
    unit = activity.units.get()
    assert simulate(unit=unit, on=DAY, quotient=450).amount == Decimal("1.00")
    assert simulate(unit=unit, on=DAY, quotient=None).amount == Decimal("3.80")
    assert simulate(unit=unit, on=DAY, quotient=450, resident=False).amount == Decimal("2.00")
    assert simulate(unit=unit, on=DAY - timedelta(days=400), quotient=450).amount is None
