"""The price of a stay for a family: the stay's price rule fed with the family's file.

The arithmetic is ``money.stay_price``; here we only read what it needs — the family's
accepted quotient familial on the stay's first day (as the core's pricing reads it) and
whether it lives on the structure's territory (the core's ``PricingSettings``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.families.models import QuotientDeclaration
from core.pricing.models import PricingSettings
from modules.sejours import money
from modules.sejours.models import Stay, TransportOption, Wish


def family_quotient(*, family, on: date) -> int | None:
    """The family's accepted QF valid ``on`` (the latest declared first), as the core's
    ``PricingContext.quotient_on``: a pending declaration prices nothing."""
    declarations = QuotientDeclaration.objects.filter(
        family=family, status=QuotientDeclaration.STATUS_ACCEPTED, valid_from__lte=on
    ).order_by("-valid_from", "-created_at")
    for declaration in declarations:
        if declaration.valid_until is None or on <= declaration.valid_until:
            return declaration.value
    return None


def _transport(transport: TransportOption | None) -> money.Transport | None:
    if transport is None:
        return None
    return money.Transport(city=transport.city, supplement=transport.supplement)


def quote_stay(
    *, stay: Stay, family=None, transport: TransportOption | None = None
) -> money.Price | None:
    """The gross price of ``stay`` for ``family`` (transport included), or None when the
    family is unknown and the price depends on its quotient (the catalogue shows the range)."""
    method = money.PriceMethod(stay.price_method)
    if family is None and method is money.PriceMethod.QUOTIENT:
        return None
    start = stay.activity.start_date
    qf = family_quotient(family=family, on=start) if family is not None else None
    resident = True
    if family is not None:
        resident = PricingSettings.current().is_resident(family.postal_code)
    return money.stay_price(
        method=method,
        amount=stay.price_amount,
        amount_exterior=stay.price_amount_exterior,
        brackets=stay.brackets(),
        qf=qf,
        days=stay.days,
        resident=resident,
        transport=_transport(transport),
    )


def price_range(*, stay: Stay) -> tuple[Decimal, Decimal]:
    """The lowest and highest resident price of the stay, transport excluded (a quotient
    stay's brackets; one price otherwise)."""
    method = money.PriceMethod(stay.price_method)
    if method is money.PriceMethod.QUOTIENT:
        amounts = [money.cents(b.amount) for b in stay.brackets()]
        if not amounts:
            return (money.ZERO, money.ZERO)
        return (min(amounts), max(amounts))
    price = money.stay_price(method=method, amount=stay.price_amount or 0, days=stay.days)
    return (price.amount, price.amount)


def store_price(*, wish: Wish) -> None:
    """Fix the wish's price (and its explanation lines) with the family's file of today."""
    price = quote_stay(stay=wish.stay, family=wish.family, transport=wish.transport)
    wish.price = price.amount
    wish.price_detail = list(price.lines)
    wish.save(update_fields=["price", "price_detail", "updated_at"])
