"""The public catalogue of stays: what anyone may read on the structure's sub-domain.

Only published (``Activity.published``) and non-cancelled stays whose last day is not past
are shown; the list is read in a fixed number of queries whatever the number of stays
(the transports, photos and classes are prefetched, the places left come in one query).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from core.documents.models import DocumentType
from core.documents.services import applicable_document_types
from core.families.models import Child
from core.tenancy.context import structure_today
from modules.sejours import money
from modules.sejours.allocation import age_at
from modules.sejours.models import Stay, StayMedia, Wish
from modules.sejours.services import pricing
from modules.sejours.services.places import places_left

AVAILABLE = "available"
WAITLIST = "waitlist"
FULL = "full"


@dataclass(frozen=True)
class Filters:
    age: int | None = None
    start: date | None = None  # stays starting on or after
    end: date | None = None  # … and ending on or before
    theme: str = ""
    campaign_id: int | None = None


def public_stays() -> QuerySet[Stay]:
    """Every stay a visitor may see, with what the catalogue shows prefetched."""
    return (
        Stay.objects.filter(
            activity__published=True,
            activity__module="sejours",
            status=Stay.STATUS_OPEN,
        )
        .select_related("activity", "campaign")
        .prefetch_related(
            "transports",
            "activity__school_levels",
            Prefetch(
                "media",
                queryset=StayMedia.objects.order_by("kind", "order", "pk"),
            ),
        )
    )


def catalogue(*, filters: Filters | None = None) -> list[Stay]:
    """The season's stays still to come, by start date, narrowed by ``filters``."""
    filters = filters or Filters()
    stays = public_stays().filter(activity__end_date__gte=structure_today())
    if filters.age is not None:
        stays = stays.filter(
            Q(activity__min_age__isnull=True) | Q(activity__min_age__lte=filters.age),
            Q(activity__max_age__isnull=True) | Q(activity__max_age__gte=filters.age),
        )
    # A family gives the period it is free: the stays held entirely within it.
    if filters.start is not None:
        stays = stays.filter(activity__start_date__gte=filters.start)
    if filters.end is not None:
        stays = stays.filter(activity__end_date__lte=filters.end)
    if filters.theme:
        stays = stays.filter(theme__iexact=filters.theme)
    if filters.campaign_id is not None:
        stays = stays.filter(campaign_id=filters.campaign_id)
    return list(stays.order_by("activity__start_date", "activity__name", "pk"))


def themes() -> list[str]:
    """The themes of the stays to come, for the filter (one query)."""
    rows = (
        Stay.objects.filter(
            activity__published=True,
            status=Stay.STATUS_OPEN,
            activity__end_date__gte=structure_today(),
        )
        .values_list("theme", flat=True)
        .distinct()
    )
    return sorted({t.strip() for t in rows if t.strip()}, key=str.casefold)


def public_stay(stay_id: int) -> Stay | None:
    return public_stays().filter(pk=stay_id).first()


def with_places(stays: list[Stay]) -> list[Stay]:
    """Sets ``stay.places_left`` on each stay (one query for all)."""
    left = places_left(stays)
    for stay in stays:
        stay.places_left = left.get(stay.pk, 0)
    return stays


def availability(stay: Stay, *, now=None) -> tuple[str, str]:
    """(code, French label). While the campaign takes wishes a full stay still takes them
    (the family goes on its waiting list); otherwise a full stay is « Complet »."""
    left = getattr(stay, "places_left", None)
    if left is None:
        left = places_left([stay])[stay.pk]
    if left > 0:
        return (
            AVAILABLE,
            f"{left} place{'s' if left > 1 else ''} disponible{'s' if left > 1 else ''}",
        )
    if stay.campaign is not None and stay.campaign.is_open(now):
        return WAITLIST, "Liste d'attente"
    return FULL, "Complet"


def price_range(stay: Stay) -> tuple[Decimal, Decimal] | None:
    """The lowest and highest resident price, transport excluded (the money part's rule);
    None while the stay has no price yet."""
    if stay.price_method == money.PriceMethod.QUOTIENT.value:
        if not stay.price_brackets:
            return None
    elif stay.price_amount is None:
        return None
    return pricing.price_range(stay=stay)


def quote(stay: Stay, family) -> Decimal | None:
    """This family's price for the stay (transport excluded), or None when unknown."""
    if price_range(stay) is None:
        return None
    price = pricing.quote_stay(stay=stay, family=family)
    return price.amount if price is not None else None


def required_documents(stay: Stay) -> list[DocumentType]:
    """The module's required documents and the stay's own, without duplicates, in order."""
    types = {t.pk: t for t in applicable_document_types(module="sejours")}
    for own in stay.document_types.filter(active=True):
        types.setdefault(own.pk, own)
    return sorted(types.values(), key=lambda t: (t.order, t.name))


def ineligibility(*, child: Child, stay: Stay) -> str | None:
    """Why ``child`` cannot go on ``stay`` (age on the first day, class), or None."""
    activity = stay.activity
    age = age_at(child.birth_date, activity.start_date)
    low, high = activity.min_age, activity.max_age
    if (low is not None and age < low) or (high is not None and age > high):
        if low is not None and high is not None:
            span = f"de {low} à {high} ans"
        elif low is not None:
            span = f"à partir de {low} ans"
        else:
            span = f"jusqu'à {high} ans"
        return (
            f"{child.first_name} aura {age} ans au départ de « {activity.name} », "
            f"séjour pour les enfants {span}."
        )
    levels = list(activity.school_levels.all())
    if levels and child.school_level_id not in {level.pk for level in levels}:
        names = ", ".join(level.label for level in levels)
        if child.school_level_id is None:
            return (
                f"La classe de {child.first_name} n'est pas renseignée ; « {activity.name} » "
                f"accueille les classes {names}."
            )
        return f"« {activity.name} » accueille les classes {names}."
    return None


def child_wishes(*, family, stay: Stay) -> dict[int, Wish]:
    """The family's live wishes for this stay, by child."""
    return {
        w.child_id: w for w in Wish.objects.filter(family=family, stay=stay, status__in=Wish.LIVE)
    }
