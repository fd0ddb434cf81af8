"""The booking core's side of pricing: the sibling ranks it knows from enrolments.

Pricing (``core.pricing``) depends on neither booking nor billing; both build their pricing
contexts here, so that the rank of a child among the family's enrolled children is counted
the same way for the cart's recap and for the invoice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from core.pricing.engine import PricingContext


def sibling_ranks(*, family_ids: Iterable[int], activity_ids: Iterable[int]) -> dict:
    """``family id → {(child id, activity id): rank}``: validated enrolments in the same
    activity, eldest first (one query)."""
    from core.booking.models import Enrolment

    enrolled = (
        Enrolment.objects.filter(
            child__family_id__in=list(family_ids),
            activity_id__in=list(activity_ids),
            status=Enrolment.STATUS_VALIDATED,
        )
        .order_by("activity_id", "child__birth_date", "child_id")
        .values_list("child__family_id", "activity_id", "child_id")
    )
    ranks: dict[int, dict] = defaultdict(dict)
    counters: dict[tuple[int, int], int] = defaultdict(int)
    for family_id, activity_id, child_id in enrolled:
        if (child_id, activity_id) not in ranks[family_id]:
            counters[(family_id, activity_id)] += 1
            ranks[family_id][(child_id, activity_id)] = counters[(family_id, activity_id)]
    return ranks


def pricing_contexts(*, families: Iterable, units: Iterable) -> dict:
    """One pricing context per family (key ``None`` when there is none), in 4 queries."""
    families, units = list(families), list(units)
    ranks = (
        sibling_ranks(
            family_ids=[f.pk for f in families], activity_ids={u.activity_id for u in units}
        )
        if families
        else {}
    )
    return PricingContext.build_many(families=families, units=units, sibling_ranks=ranks)


def pricing_context(*, family, units: Iterable) -> PricingContext:
    if family is None:
        return pricing_contexts(families=[], units=units)[None]
    return pricing_contexts(families=[family], units=units)[family.pk]
