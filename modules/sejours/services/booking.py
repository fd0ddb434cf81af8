"""A place taken at once, outside the wishes: a stay without a campaign, or the places left
once a campaign's decisions are published — first come, first served.

The family chooses the stay for a child and confirms: the stay's days are booked as one block
through the core's capacity engine (``places.offer``), then the place is accepted (price
fixed, deposit invoiced) in the same transaction. Two families confirming the last place at
once → one gets it, the other is told the stay is full and nothing is written for it
(``tests/races/test_sejours_last_place.py``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from core.errors import DomainError
from core.families.models import Child, Family
from core.tenancy.context import structure_today
from modules.sejours.models import Campaign, Stay, Wish
from modules.sejours.services import offers, places
from modules.sejours.services.catalogue import ineligibility


class BookingRefused(DomainError):
    code = "booking_refused"


def books_directly(stay: Stay) -> bool:
    """Whether families take a place on ``stay`` at once rather than by wishes."""
    return stay.campaign_id is None or stay.campaign.status == Campaign.STATUS_PUBLISHED


def book_stay(*, family: Family, child: Child, stay: Stay, transport_id: int | None, by) -> Wish:
    """Book ``stay`` for ``child`` at once and accept the place (deposit invoiced). Raises
    ``BookingRefused`` (French) or ``places.StayFull``; nothing is written then."""
    if child.family_id != family.pk:
        raise BookingRefused("Enfant introuvable dans votre famille.", code="not_your_child")
    if family.status != Family.STATUS_ACTIVE:
        raise BookingRefused(
            "Votre compte attend la validation de la structure : vous pourrez réserver dès "
            "qu'il sera validé.",
            code="family_not_validated",
        )
    name = stay.activity.name
    if stay.status != Stay.STATUS_OPEN or stay.activity.start_date <= structure_today():
        raise BookingRefused(f"« {name} » ne se réserve plus.", code="stay_closed")
    if not books_directly(stay):
        raise BookingRefused(
            f"« {name} » se demande par des vœux pendant « {stay.campaign.label} ».",
            code="by_wishes",
        )
    reason = ineligibility(child=child, stay=stay)
    if reason:
        raise BookingRefused(reason, code="not_eligible", field="child")
    transports = set(stay.transports.values_list("pk", flat=True))
    if transport_id is None and transports:
        raise BookingRefused(
            f"Choisissez la ville de départ pour « {name} ».",
            code="transport_required",
            field="transport",
        )
    if transport_id is not None and transport_id not in transports:
        raise BookingRefused(
            f"Ce départ n'est pas proposé pour « {name} ».",
            code="transport_not_of_stay",
            field="transport",
        )
    with transaction.atomic():
        # One booking at a time per child: two clicks never make two places.
        Child.objects.select_for_update().filter(pk=child.pk).first()
        live = Wish.objects.filter(child=child, status__in=Wish.LIVE)
        if live.filter(stay=stay).exists():
            raise BookingRefused(
                f"{child.first_name} a déjà une demande ou une place pour « {name} ».",
                code="already",
            )
        campaign = stay.campaign
        if campaign is not None:
            held = live.filter(campaign=campaign, status__in=Wish.HOLDS_PLACE).count()
            if held >= campaign.max_stays_per_child:
                raise BookingRefused(
                    f"{child.first_name} a déjà {held} séjour(s) pour « {campaign.label} », "
                    "le maximum de la campagne.",
                    code="max_stays",
                )
        rank = (live.filter(campaign=campaign).aggregate(top=Max("rank"))["top"] or 0) + 1
        wish = Wish.objects.create(
            campaign=campaign,
            family=family,
            child=child,
            stay=stay,
            rank=rank,
            transport_id=transport_id,
            created_by=by,
        )
        places.offer(wish=wish, by=by)
        return offers.accept_offer(wish=wish, by=by)
