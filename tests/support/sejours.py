"""Stays and campaigns for the séjours tests: a stay is an activity of kind ``sejour`` with one
unit and one opening per day (decision 0023)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from core.catalog.defaults import create_activity
from core.catalog.models import Opening
from modules.sejours.models import Campaign, Stay, TransportOption, Wish


def make_campaign(*, opens: datetime | None = None, days_open: int = 30, **fields) -> Campaign:
    """A campaign open from ``opens`` (default: a week ago) for ``days_open`` days."""
    opens = opens or timezone.now() - timedelta(days=7)
    fields.setdefault("label", "Été")
    fields.setdefault("season", str(opens.year))
    return Campaign.objects.create(
        opens_at=opens, closes_at=opens + timedelta(days=days_open), **fields
    )


def make_stay(
    *,
    name: str = "Séjour montagne",
    start: date | None = None,
    days: int = 7,
    capacity: int = 10,
    campaign: Campaign | None = None,
    min_age: int | None = 6,
    max_age: int | None = 12,
    price: Decimal | str = "400.00",
    transports: tuple[tuple[str, str], ...] = (("Grenoble", "0.00"), ("Lyon", "30.00")),
    **fields,
) -> Stay:
    """A stay of ``days`` days from ``start`` (default: in 60 days), flat-priced, with one
    opening per day of ``capacity`` places and the given departure cities."""
    start = start or timezone.localdate() + timedelta(days=60)
    end = start + timedelta(days=days - 1)
    activity = create_activity(
        module="sejours",
        kind="sejour",
        name=name,
        season=str(start.year),
        start_date=start,
        end_date=end,
        min_age=min_age,
        max_age=max_age,
    )
    unit = activity.units.get()
    unit.capacity = capacity
    unit.save(update_fields=["capacity"])
    Opening.objects.bulk_create(
        Opening(unit=unit, date=start + timedelta(days=i), capacity=capacity) for i in range(days)
    )
    fields.setdefault("theme", "Montagne")
    fields.setdefault("destination", "Autrans (Isère)")
    stay = Stay.objects.create(
        activity=activity,
        campaign=campaign,
        capacity=capacity,
        price_amount=Decimal(price),
        **fields,
    )
    meeting = timezone.make_aware(datetime.combine(start, datetime.min.time()).replace(hour=8))
    for order, (city, supplement) in enumerate(transports):
        TransportOption.objects.create(
            stay=stay,
            city=city,
            supplement=Decimal(supplement),
            meeting_place=f"Gare de {city}",
            meeting_at=meeting,
            order=order,
        )
    return stay


def make_wish(*, child, stay: Stay, rank: int = 1, campaign=None, **fields) -> Wish:
    return Wish.objects.create(
        campaign=campaign if campaign is not None else stay.campaign,
        family_id=child.family_id,
        child=child,
        stay=stay,
        rank=rank,
        **fields,
    )
