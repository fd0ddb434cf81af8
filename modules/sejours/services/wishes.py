"""Préinscription: a family ranks, for each child, the stays it wishes (vœu 1, 2, 3…) while
the campaign takes wishes; the commission decides afterwards.

Every rule is checked here, whatever the screen sent: the window, the ownership, the ages and
classes, the number of wishes, the duplicates, the departure city, « partir avec ». A refusal
is a French ``DomainError`` and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from core.families.models import Child, Family
from core.tenancy.context import structure_localtime, structure_today
from modules.sejours.models import Campaign, Stay, Wish
from modules.sejours.services.catalogue import ineligibility, public_stays

# Above any real rank: where kept wishes wait while the ranks are re-dealt (the unique
# constraint on (campaign, child, rank) is checked row by row).
_PARKED = 1000


class WishRefused(DomainError):
    code = "wish_refused"


class NotFamilys(DomainError):
    """An id of another family: the API answers as if it did not exist."""

    code = "not_found"
    status_code = 404


@dataclass(frozen=True)
class WishInput:
    """One wish as the family sends it, in rank order."""

    stay_id: int
    transport_id: int | None = None
    together_with_id: int | None = None
    friend_name: str = ""
    comment: str = ""


def current_campaign() -> Campaign | None:
    """The campaign taking wishes now, else the latest one (the next to open, or the last)."""
    now = timezone.now()
    open_now = Campaign.objects.filter(
        status=Campaign.STATUS_PREPARING, opens_at__lte=now, closes_at__gt=now
    ).order_by("closes_at", "pk")
    return open_now.first() or Campaign.objects.order_by("-opens_at", "-pk").first()


def eligible_stays(*, child: Child, campaign: Campaign | None) -> list[Stay]:
    """The campaign's published stays the child may wish: age on the first day, classes."""
    if campaign is None:
        return []
    stays = (
        public_stays()
        .filter(campaign=campaign, activity__end_date__gte=structure_today())
        .order_by("activity__start_date", "activity__name", "pk")
    )
    return [s for s in stays if ineligibility(child=child, stay=s) is None]


def child_wishes(*, child: Child, campaign: Campaign | None) -> list[Wish]:
    """The child's wishes of the campaign (withdrawn ones left out), by rank."""
    if campaign is None:
        return []
    return list(
        Wish.objects.filter(child=child, campaign=campaign)
        .exclude(status=Wish.STATUS_WITHDRAWN)
        .select_related("stay__activity", "transport", "together_with")
        .order_by("rank", "pk")
    )


def _check_window(*, family: Family, campaign: Campaign | None) -> Campaign:
    if campaign is None:
        raise WishRefused("Aucune campagne de vœux n'est en cours.", code="no_campaign")
    if not campaign.is_open():
        # The hours of the structure's time zone, the one its families live in.
        when = (
            f"du {structure_localtime(campaign.opens_at):%d/%m/%Y à %H:%M} "
            f"au {structure_localtime(campaign.closes_at):%d/%m/%Y à %H:%M}"
        )
        raise WishRefused(
            f"Les vœux de « {campaign.label} » se font {when} : ils ne sont pas ouverts "
            "en ce moment.",
            code="campaign_closed",
        )
    if family.status == Family.STATUS_AWAITING_VALIDATION:
        raise WishRefused(
            "Votre compte attend la validation de la structure : vous pourrez formuler vos "
            "vœux dès qu'il sera validé.",
            code="family_not_validated",
        )
    return campaign


def _check_child(*, family: Family, child: Child) -> None:
    if child.family_id != family.pk:
        raise NotFamilys("Enfant introuvable dans votre famille.")


def _checked(
    *, family: Family, child: Child, campaign: Campaign, wishes: list[WishInput]
) -> list[tuple[WishInput, Stay]]:
    """Each wish with its stay, or a refusal (all checks before any write)."""
    if len(wishes) > campaign.max_wishes:
        raise WishRefused(
            f"{campaign.max_wishes} vœu{'x' if campaign.max_wishes > 1 else ''} au plus "
            f"par enfant.",
            code="too_many_wishes",
            field="wishes",
        )
    ids = [w.stay_id for w in wishes]
    stays = {
        s.pk: s
        for s in public_stays().filter(pk__in=ids, campaign=campaign).prefetch_related("transports")
    }
    siblings = set(
        Child.objects.filter(family=family).exclude(pk=child.pk).values_list("pk", flat=True)
    )
    seen: set[int] = set()
    result = []
    for rank, wish in enumerate(wishes, start=1):
        stay = stays.get(wish.stay_id)
        if stay is None or stay.activity.end_date < structure_today():
            raise WishRefused(
                f"Vœu {rank} : ce séjour ne fait pas partie de « {campaign.label} ».",
                code="stay_not_in_campaign",
                field="wishes",
            )
        name = stay.activity.name
        if stay.pk in seen:
            raise WishRefused(
                f"Vœu {rank} : « {name} » est déjà choisi dans un vœu précédent.",
                code="duplicate_stay",
                field="wishes",
            )
        seen.add(stay.pk)
        reason = ineligibility(child=child, stay=stay)
        if reason:
            raise WishRefused(f"Vœu {rank} : {reason}", code="not_eligible", field="wishes")
        transports = {t.pk for t in stay.transports.all()}
        if wish.transport_id is not None and wish.transport_id not in transports:
            raise WishRefused(
                f"Vœu {rank} : ce départ n'est pas proposé pour « {name} ».",
                code="transport_not_of_stay",
                field="wishes",
            )
        if wish.transport_id is None and transports:
            raise WishRefused(
                f"Vœu {rank} : choisissez la ville de départ pour « {name} ».",
                code="transport_required",
                field="wishes",
            )
        if wish.together_with_id is not None and wish.together_with_id not in siblings:
            raise WishRefused(
                f"Vœu {rank} : « partir avec » se choisit parmi les frères et sœurs de "
                f"{child.first_name}.",
                code="together_not_sibling",
                field="wishes",
            )
        result.append((wish, stay))
    return result


def save_wishes(
    *, family: Family, child: Child, wishes: list[WishInput], by, campaign: Campaign | None = None
) -> list[Wish]:
    """Replace the child's wishes of the campaign by ``wishes`` (vœu 1 first).

    A stay kept from the previous list keeps its wish (and its date, a criterion of the
    commission); a stay left out is withdrawn; ranks become 1..n. One transaction, under the
    child's row lock so that two guardians saving at once do not interleave.
    """
    _check_child(family=family, child=child)
    campaign = _check_window(family=family, campaign=campaign or current_campaign())
    checked = _checked(family=family, child=child, campaign=campaign, wishes=wishes)
    with transaction.atomic():
        Child.objects.select_for_update().filter(pk=child.pk).first()
        live = list(
            Wish.objects.select_for_update()
            .filter(child=child, campaign=campaign, status__in=Wish.LIVE)
            .order_by("rank")
        )
        if any(w.status != Wish.STATUS_PENDING for w in live):
            raise WishRefused(
                "La commission a déjà répondu pour cet enfant : ses vœux ne peuvent plus "
                "être modifiés.",
                code="wishes_decided",
            )
        by_stay = {w.stay_id: w for w in live}
        kept_ids = {stay.pk for _, stay in checked}
        now = timezone.now()
        for wish in live:
            if wish.stay_id not in kept_ids:
                wish.status = Wish.STATUS_WITHDRAWN
                wish.save(update_fields=["status", "updated_at"])
        kept = [by_stay[s.pk] for _, s in checked if s.pk in by_stay]
        for wish in kept:
            Wish.objects.filter(pk=wish.pk).update(rank=_PARKED + wish.rank)
        saved = []
        for rank, (data, stay) in enumerate(checked, start=1):
            wish = by_stay.get(stay.pk) or Wish(
                campaign=campaign,
                family=family,
                child=child,
                stay=stay,
                created_at=now,
                created_by=by,
            )
            wish.rank = rank
            wish.transport_id = data.transport_id
            wish.together_with_id = data.together_with_id
            wish.friend_name = data.friend_name.strip()
            wish.comment = data.comment.strip()
            wish.save()
            saved.append(wish)
    return saved


def withdraw_wish(*, family: Family, wish: Wish, by) -> Wish:
    """Withdraw one pending wish while the campaign takes wishes; the next ones move up."""
    if wish.family_id != family.pk:
        raise NotFamilys("Vœu introuvable dans votre famille.")
    _check_window(family=family, campaign=wish.campaign)
    with transaction.atomic():
        locked = Wish.objects.select_for_update().get(pk=wish.pk)
        if locked.status != Wish.STATUS_PENDING:
            raise WishRefused(
                f"Ce vœu ne peut plus être retiré ({locked.get_status_display().lower()}).",
                code="wish_not_pending",
            )
        locked.status = Wish.STATUS_WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        following = Wish.objects.filter(
            child_id=locked.child_id,
            campaign_id=locked.campaign_id,
            rank__gt=locked.rank,
            status__in=Wish.LIVE,
        ).order_by("rank")
        # In ascending order each rank moves into the one just freed.
        for later in following:
            Wish.objects.filter(pk=later.pk).update(rank=later.rank - 1, updated_at=timezone.now())
    return locked
