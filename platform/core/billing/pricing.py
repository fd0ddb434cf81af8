"""The pricing engine: what one reservation line costs (the part bookings need).

``PricingContext.build`` loads once what pricing many lines of one family needs (tariffs of
the units, the family's accepted quotient declarations, residence, sibling ranks), so a cart
of a hundred lines costs a fixed number of queries. ``quote`` is pure.

Rules (the portals' habits):
- the tariff is the unit's own tariff valid at the date, else the activity's;
- quotient brackets: ``qf_min`` ≤ QF < ``qf_max``; no accepted QF at that date → the highest
  bracket (the families who do not declare pay the full price);
- résident vs extérieur by the family's postal code (structure's list), the exterior price
  falling back to the resident one;
- sibling rank: children of the family enrolled in the same activity, eldest first; the
  tariff's ``sibling_discounts`` give the 2nd, 3rd… child's percentage (the last one applies to
  all further ranks);
- meal supplement for units with a meal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

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


@dataclass
class PricingContext:
    tariffs_by_unit: dict[int, list] = field(default_factory=dict)
    tariffs_by_activity: dict[int, list] = field(default_factory=dict)
    quotients: list = field(default_factory=list)  # accepted declarations of the family
    resident: bool = True
    sibling_rank: dict[tuple[int, int], int] = field(default_factory=dict)  # (child, activity)

    @classmethod
    def build(cls, *, family, units: Iterable) -> PricingContext:
        """Everything needed to price lines of ``family`` on ``units`` (4 queries)."""
        if family is None:
            return cls.build_many(families=[], units=units)[None]
        return cls.build_many(families=[family], units=units)[family.pk]

    @classmethod
    def build_many(cls, *, families: Iterable, units: Iterable) -> dict:
        """One context per family (key ``None`` when there is none), in 4 queries in all.

        Invoice runs price thousands of families at once: tariffs, quotient declarations,
        enrolments and the structure's settings are read once for all of them.
        """
        from core.billing.models import BillingSettings, Tariff
        from core.booking.models import Enrolment
        from core.families.models import QuotientDeclaration

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
        family_ids = [f.pk for f in families]
        quotients: dict[int, list] = defaultdict(list)
        for declaration in QuotientDeclaration.objects.filter(
            family_id__in=family_ids, status=QuotientDeclaration.STATUS_ACCEPTED
        ).order_by("-valid_from", "-created_at"):
            quotients[declaration.family_id].append(declaration)
        settings = BillingSettings.current()
        ranks_by_family: dict[int, dict] = defaultdict(dict)
        enrolled = (
            Enrolment.objects.filter(
                child__family_id__in=family_ids,
                activity_id__in=activity_ids,
                status=Enrolment.STATUS_VALIDATED,
            )
            .order_by("activity_id", "child__birth_date", "child_id")
            .values_list("child__family_id", "activity_id", "child_id")
        )
        counters: dict[tuple[int, int], int] = defaultdict(int)
        for family_id, activity_id, child_id in enrolled:
            ranks = ranks_by_family[family_id]
            if (child_id, activity_id) not in ranks:
                counters[(family_id, activity_id)] += 1
                ranks[(child_id, activity_id)] = counters[(family_id, activity_id)]
        return {
            f.pk: cls(
                tariffs_by_unit=by_unit,
                tariffs_by_activity=by_activity,
                quotients=quotients.get(f.pk, []),
                resident=settings.is_resident(f.postal_code),
                sibling_rank=ranks_by_family.get(f.pk, {}),
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


def quote(*, ctx: PricingContext, child_id: int | None, unit, on: date) -> Quote:
    """The price of ``child_id`` on ``unit`` at ``on`` (Decimal, 2 places) and its tariff."""
    tariff = ctx.tariff_for(unit, on)
    if tariff is None:
        return NO_TARIFF
    details: list[str] = []
    resident = ctx.resident
    if tariff.method == tariff.METHOD_QF:
        qf = ctx.quotient_on(on)
        brackets = sorted(tariff.brackets.all(), key=lambda b: b.qf_min)
        if not brackets:
            return NO_TARIFF
        if qf is None:
            bracket = brackets[-1]
            details.append("Quotient familial non fourni : tranche la plus haute")
        else:
            bracket = next((b for b in brackets if b.contains(Decimal(qf))), brackets[-1])
            details.append(f"Quotient familial {qf} : tranche {bracket}")
        base = bracket.amount if resident else (bracket.amount_exterior or bracket.amount)
    else:
        base = tariff.amount if resident else (tariff.amount_exterior or tariff.amount)
    if not resident:
        details.append("Tarif extérieur")
    amount = Decimal(base)
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
) -> Quote:
    """The staff's price simulator: the price for a hypothetical family."""
    from types import SimpleNamespace

    ctx = PricingContext.build(family=None, units=[unit])
    ctx.resident = resident
    if quotient is not None:
        ctx.quotients = [SimpleNamespace(valid_from=date.min, valid_until=None, value=quotient)]
    ctx.sibling_rank = {(-1, unit.activity_id): rank}
    return quote(ctx=ctx, child_id=-1, unit=unit, on=on)
