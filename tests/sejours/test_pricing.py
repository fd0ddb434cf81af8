"""The price of a stay for a family: its rule, the family's quotient on the departure day,
residence and the chosen departure city."""

from decimal import Decimal

import pytest

from core.pricing.models import PricingSettings
from modules.sejours.services.pricing import price_range, quote_stay, store_price
from tests.support.sejours import make_stay, make_wish
from tests.support.sejours_money import give_quotient

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

BRACKETS = [
    {"qf_min": 0, "qf_max": 500, "amount": "250.00"},
    {"qf_min": 500, "qf_max": 800, "amount": "330.00", "amount_exterior": "380.00"},
    {"qf_min": 800, "qf_max": None, "amount": "420.00"},
]


def test_flat_price_adds_the_departure_city_supplement(family):
    stay = make_stay(price="400.00")
    lyon = stay.transports.get(city="Lyon")

    price = quote_stay(stay=stay, family=family, transport=lyon)

    assert price.amount == Decimal("430.00")
    assert price.transport == Decimal("30.00")
    assert "Transport au départ de Lyon" in price.lines[1]


def test_quotient_price_uses_the_family_quotient_on_departure(family):
    stay = make_stay(price_method="quotient", price_brackets=BRACKETS)
    give_quotient(family, 650)

    assert quote_stay(stay=stay, family=family).amount == Decimal("330.00")
    # Unknown family: the catalogue shows the range instead.
    assert quote_stay(stay=stay) is None
    assert price_range(stay=stay) == (Decimal("250.00"), Decimal("420.00"))


def test_family_without_quotient_pays_the_highest_bracket(family):
    stay = make_stay(price_method="quotient", price_brackets=BRACKETS)

    assert quote_stay(stay=stay, family=family).amount == Decimal("420.00")


def test_family_outside_the_territory_pays_the_exterior_price(family):
    settings = PricingSettings.current()
    settings.resident_postal_codes = ["00001"]
    settings.save()
    stay = make_stay(price_method="quotient", price_brackets=BRACKETS)
    give_quotient(family, 650)

    assert quote_stay(stay=stay, family=family).amount == Decimal("380.00")


def test_per_day_price_counts_every_day_of_the_stay(family):
    stay = make_stay(days=8, price_method="per_day", price="52.50")

    assert quote_stay(stay=stay, family=family).amount == Decimal("420.00")
    assert price_range(stay=stay) == (Decimal("420.00"), Decimal("420.00"))


def test_store_price_keeps_the_amount_and_its_explanation(family):
    stay = make_stay(price="400.00")
    wish = make_wish(
        child=family.children.get(), stay=stay, transport=stay.transports.get(city="Lyon")
    )

    store_price(wish=wish)

    wish.refresh_from_db()
    assert wish.price == Decimal("430.00")
    assert wish.price_detail[-1].startswith("Prix total")
