"""The pricing engine: what one line costs.

``PricingContext.build_many`` loads once what pricing many lines of many families needs
(tariffs of the units, the families' accepted quotient declarations, residence), so a cart of a
hundred lines or a run of a thousand families costs a fixed number of queries. ``quote`` is pure.

Rules (the portals' habits):
- the tariff is the unit's own tariff valid at the date, else the activity's;
- the tariff's method gives the base price (``core.pricing.methods``);
- résident vs extérieur by the family's postal code (structure's list), the exterior price
  falling back to the resident one;
- sibling rank: given by the caller (the booking core counts the children of the family enrolled
  in the same activity, eldest first); the tariff's ``sibling_discounts`` give the 2nd, 3rd…
  child's percentage (the last one applies to all further ranks);
- meal supplement for units with a meal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from django.db.models import Q

CENT = Decimal("0.01")


def money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Quote:
    amount: Decimal | None  # None: no tariff covers the date
    tariff_name: str
    details: tuple[str, ...] = ()
    meal_amount: Decimal = Decimal("0.00")  # the part of ``amount`` that pays for a meal

    @property
    def priced(self) -> bool:
        return self.amount is not None


NO_TARIFF = Quote(None, "Sans tarif", ("Aucun tarif ne couvre cette date.",))


@dataclass(frozen=True)
class PricedLine:
    """What is priced: a child on a unit at a date, for ``days`` days (a stay) or ``minutes``
    (hourly methods; by default the unit's opening hours)."""

    child_id: int | None
    unit: object
    on: date
    days: int = 1
    minutes: int | None = None

    @property
    def duration(self) -> int | None:
        if self.minutes is not None:
            return self.minutes
        start, end = getattr(self.unit, "start_time", None), getattr(self.unit, "end_time", None)
        if start is None or end is None:
            return None
        delta = datetime.combine(self.on, end) - datetime.combine(self.on, start)
        return max(int(delta.total_seconds() // 60), 0)


@dataclass
class PricingContext:
    tariffs_by_unit: dict[int, list] = field(default_factory=dict)
    tariffs_by_activity: dict[int, list] = field(default_factory=dict)
    quotients: list = field(default_factory=list)  # accepted declarations of the family
    resident: bool = True
    sibling_rank: dict[tuple[int, int], int] = field(default_factory=dict)  # (child, activity)

    @classmethod
    def build_many(
        cls,
        *,
        families: Iterable,
        units: Iterable,
        sibling_ranks: dict[int, dict[tuple[int, int], int]] | None = None,
    ) -> dict:
        """One context per family (key ``None`` when there is none), in 3 queries in all.

        ``sibling_ranks`` maps a family id to its ``(child id, activity id) → rank``.
        """
        from core.families.models import QuotientDeclaration
        from core.pricing.models import PricingSettings, Tariff

        families = list(families)
        units = list(units)
        unit_ids = {u.pk for u in units}
        activity_ids = {u.activity_id for u in units}
        by_unit: dict[int, list] = {}
        by_activity: dict[int, list] = {}
        tariffs = Tariff.objects.filter(
            Q(unit_id__in=unit_ids) | Q(unit__isnull=True, activity_id__in=activity_ids)
        ).prefetch_related("brackets")
        for tariff in tariffs:
            if tariff.unit_id:
                by_unit.setdefault(tariff.unit_id, []).append(tariff)
            else:
                by_activity.setdefault(tariff.activity_id, []).append(tariff)
        if not families:
            return {None: cls(tariffs_by_unit=by_unit, tariffs_by_activity=by_activity)}
        quotients: dict[int, list] = defaultdict(list)
        for declaration in QuotientDeclaration.objects.filter(
            family_id__in=[f.pk for f in families], status=QuotientDeclaration.STATUS_ACCEPTED
        ).order_by("-valid_from", "-created_at"):
            quotients[declaration.family_id].append(declaration)
        settings = PricingSettings.current()
        ranks = sibling_ranks or {}
        return {
            f.pk: cls(
                tariffs_by_unit=by_unit,
                tariffs_by_activity=by_activity,
                quotients=quotients.get(f.pk, []),
                resident=settings.is_resident(f.postal_code),
                sibling_rank=ranks.get(f.pk, {}),
            )
            for f in families
        }

    def quotient_on(self, on: date) -> int | None:
        for declaration in self.quotients:
            if declaration.valid_from <= on and (
                declaration.valid_until is None or on <= declaration.valid_until
            ):
                return declaration.value
        return None

    def tariff_for(self, unit, on: date):
        for tariff in self.tariffs_by_unit.get(unit.pk, ()):
            if tariff.covers(on):
                return tariff
        for tariff in self.tariffs_by_activity.get(unit.activity_id, ()):
            if tariff.covers(on):
                return tariff
        return None


def quote(
    *,
    ctx: PricingContext,
    child_id: int | None,
    unit,
    on: date,
    days: int = 1,
    minutes: int | None = None,
) -> Quote:
    """The price of ``child_id`` on ``unit`` at ``on`` (Decimal, 2 places) and its tariff."""
    from core.pricing.methods import methods

    tariff = ctx.tariff_for(unit, on)
    if tariff is None:
        return NO_TARIFF
    method = methods.get(tariff.method)
    if method is None:  # a module's method, the module since removed from the install
        return Quote(None, tariff.name, ("Mode de calcul indisponible.",))
    base = method.base(
        tariff=tariff, line=PricedLine(child_id, unit, on, days=days, minutes=minutes), ctx=ctx
    )
    if base.amount is None:
        return Quote(None, tariff.name, base.details)
    details = list(base.details)
    if not ctx.resident:
        details.append("Tarif extérieur")
    amount = Decimal(base.amount)
    rank = ctx.sibling_rank.get((child_id, unit.activity_id), 1)
    if rank > 1 and tariff.sibling_discounts:
        percent = tariff.sibling_discounts[min(rank - 2, len(tariff.sibling_discounts) - 1)]
        if percent:
            amount = amount * (Decimal(100) - Decimal(percent)) / Decimal(100)
            details.append(f"Réduction fratrie ({rank}e enfant) : {percent} %")
    meal = Decimal(0)
    if unit.with_meal and tariff.meal_supplement:
        amount += tariff.meal_supplement
        meal = tariff.meal_supplement
        details.append(f"Supplément repas : {money(tariff.meal_supplement)} €")
    if tariff.meal_only:
        meal = amount
    return Quote(money(amount), tariff.name, tuple(details), money(meal))


def simulate(
    *,
    unit,
    on: date,
    quotient: int | None,
    resident: bool = True,
    rank: int = 1,
    minutes: int | None = None,
) -> Quote:
    """The staff's price simulator: the price for a hypothetical family."""
    ctx = PricingContext.build_many(families=[], units=[unit])[None]
    ctx.resident = resident
    if quotient is not None:
        ctx.quotients = [SimpleNamespace(valid_from=date.min, valid_until=None, value=quotient)]
    ctx.sibling_rank = {(-1, unit.activity_id): rank}
    return quote(ctx=ctx, child_id=-1, unit=unit, on=on, minutes=minutes)
