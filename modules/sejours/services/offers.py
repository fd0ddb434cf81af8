"""What happens to a place after the commission: the family accepts or declines it, a place
not accepted in time expires, and a freed place goes to the next wish on the stay's waiting
list (decision 0023).

Every change takes the wish's row lock and moves it only from « offered », so a family
clicking twice, the expiry task running twice or in parallel, or a family accepting while the
task expires the offer, changes the wish **once**. Places are held and freed only through
:mod:`modules.sejours.services.places` (the core's capacity engine).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.errors import DomainError
from core.tenancy.context import structure_today
from modules.sejours.models import Stay, Wish
from modules.sejours.services import places

# The race test's control turns the row locks off (and may pause between the read and the
# write) to show the double expiry they prevent; nothing else touches these.
GUARD = True
_after_read = None


class OfferClosed(DomainError):
    code = "offer_closed"
    status_code = 409


def _lock(pk: int, **still) -> Wish | None:
    """The wish ``pk`` under its row lock if it still matches ``still`` (re-read after the
    lock: a concurrent transaction may have changed it while we waited)."""
    rows = Wish.objects.filter(pk=pk, **still)
    if GUARD:
        rows = rows.select_for_update(of=("self",))
    wish = rows.select_related("stay__activity", "campaign", "family", "child").first()
    if _after_read is not None:
        _after_read()
    return wish


def accept_offer(*, wish: Wish, by) -> Wish:
    """The family confirms the place offered to ``wish`` on or before ``accept_by`` (in the
    structure's time zone): the price is stored and the deposit invoiced at once."""
    from modules.sejours.services import invoices, pricing

    with transaction.atomic():
        locked = _lock(wish.pk)
        if locked is None or locked.status != Wish.STATUS_OFFERED:
            raise OfferClosed(
                "Cette place n'est plus à confirmer"
                + (f" ({locked.get_status_display().lower()})." if locked else "."),
                code="wish_not_offered",
            )
        if locked.accept_by is not None and locked.accept_by < structure_today():
            raise OfferClosed(
                "Le délai pour confirmer cette place est dépassé : il fallait la confirmer "
                f"au plus tard le {locked.accept_by:%d/%m/%Y}.",
                code="offer_expired",
            )
        locked.status = Wish.STATUS_ACCEPTED
        locked.accepted_at = timezone.now()
        locked.accepted_by = by
        locked.save(update_fields=["status", "accepted_at", "accepted_by", "updated_at"])
        pricing.store_price(wish=locked)
        invoices.invoice_deposit(wish=locked, by=by)
        _release_surplus_offers(accepted=locked, by=by)
        _swap_accepted_places(accepted=locked, by=by)
    return locked


def _surplus(wish: Wish, *, lock: bool) -> tuple[int, list[tuple[int, int]]]:
    """How many accepted places of the child's campaign accepting ``wish`` goes over the
    maximum, and the child's worse-ranked accepted places ``(pk, rank)``, worst first."""
    others = Wish.objects.filter(
        campaign=wish.campaign, child_id=wish.child_id, status=Wish.STATUS_ACCEPTED
    ).exclude(pk=wish.pk)
    if lock:
        # Locked before counting: a place the family cancels meanwhile is not cancelled twice.
        others = others.select_for_update(of=("self",))
    others = list(others.order_by("-rank", "-pk").values_list("pk", "rank"))
    surplus = len(others) + 1 - wish.campaign.max_stays_per_child
    return surplus, [(pk, rank) for pk, rank in others if rank > wish.rank]


def places_swapped_by(*, wish: Wish) -> list[Wish]:
    """The accepted places accepting ``wish`` would cancel and refund (shown to the family
    before it confirms); empty when nothing would be swapped, or the swap would be refused."""
    if wish.campaign_id is None or wish.status != Wish.STATUS_OFFERED:
        return []
    surplus, worse = _surplus(wish, lock=False)
    if surplus <= 0 or len(worse) < surplus:
        return []
    ids = [pk for pk, _ in worse[:surplus]]
    return list(Wish.objects.filter(pk__in=ids).select_related("stay__activity"))


def _swap_accepted_places(*, accepted: Wish, by) -> None:
    """A child kept on a better-ranked waiting list may already have *accepted* a place of
    the same campaign (deposit invoiced) when the better place is offered: accepting it is a
    swap. Once the campaign's number of stays per child is exceeded, the worse-ranked accepted
    places are cancelled with everything refunded and offered to the next wish, in the
    caller's transaction (all or nothing with the acceptance).

    Accepting a place ranked *worse* than the accepted ones it would replace is refused: the
    structure only owes a free swap for the better wish it offered, giving up a better place
    is the family's own cancellation, with the stay's scale."""
    from modules.sejours.services import cancellation

    if accepted.campaign is None:
        return
    surplus, worse = _surplus(accepted, lock=GUARD)
    if surplus <= 0:
        return
    if len(worse) < surplus:
        raise OfferClosed(
            f"{accepted.child.first_name} a déjà "
            f"{accepted.campaign.max_stays_per_child} séjour(s) confirmé(s) sur cette "
            "campagne, sur des vœux mieux classés : annulez d'abord l'un d'eux pour accepter "
            "cette place.",
            code="max_stays_reached",
        )
    reason = f"Place échangée contre le vœu n° {accepted.rank} ({accepted.stay.activity.name})"
    for pk, _ in worse[:surplus]:
        other = cancellation.cancel_with_full_refund(wish_id=pk, by=by, reason=reason)
        if other.stay.status == Stay.STATUS_OPEN:
            offer_next(stay=other.stay, by=by)


def _release_surplus_offers(*, accepted: Wish, by) -> None:
    """A child kept on a better-ranked waiting list may hold another offered place of the
    same campaign: once the campaign's number of stays per child is reached, the places only
    offered go back to the next families (the places already accepted are swapped by
    :func:`_swap_accepted_places`)."""
    if accepted.campaign is None:
        return
    held = Wish.objects.filter(
        campaign=accepted.campaign, child_id=accepted.child_id, status__in=Wish.HOLDS_PLACE
    )
    surplus = held.count() - accepted.campaign.max_stays_per_child
    if surplus <= 0:
        return
    extra = held.filter(status=Wish.STATUS_OFFERED).exclude(pk=accepted.pk).order_by("-rank")
    for other in list(extra)[:surplus]:
        decline_offer(wish=other, by=by)


def decline_offer(*, wish: Wish, by) -> Wish:
    """The family says no to the place offered: it is freed and offered to the next wish."""
    with transaction.atomic():
        locked = _lock(wish.pk)
        if locked is None or locked.status != Wish.STATUS_OFFERED:
            raise OfferClosed("Cette place n'est plus à confirmer.", code="wish_not_offered")
        locked.status = Wish.STATUS_DECLINED
        locked.save(update_fields=["status", "updated_at"])
        places.release_stay(wish=locked, by=by)
        offer_next(stay=locked.stay, by=by)
    return locked


def offer_next(*, stay, by) -> Wish | None:
    """Offer a freed place of ``stay`` to its waitlisted wish with the lowest position; the
    others move up one rank and the family is told. ``None`` when nobody waits, the stay is
    still full (the engine is the judge) or has already started. The waiting list is locked
    in order, so two places freed at once go to two different wishes."""
    from modules.sejours.services.notifications import notify_offer

    if stay.activity.start_date <= structure_today():
        # The stay has started (or starts today): a place freed now cannot be taken up, and
        # the family would have no day left to accept it.
        return None
    with transaction.atomic():
        waiting = Wish.objects.filter(stay=stay, status=Wish.STATUS_WAITLISTED).order_by(
            F("waitlist_position").asc(nulls_last=True), "pk"
        )
        if GUARD:
            waiting = waiting.select_for_update(of=("self",))
        waiting = list(waiting.select_related("stay__activity", "family", "child"))
        if not waiting or places.places_left([stay])[stay.pk] <= 0:
            return None
        first, rest = waiting[0], waiting[1:]
        try:
            with transaction.atomic():
                places.offer(wish=first, by=by)
        except places.StayFull:
            return None
        for position, wish in enumerate(rest, start=1):
            if wish.waitlist_position != position:
                wish.waitlist_position = position
                wish.save(update_fields=["waitlist_position", "updated_at"])
        notify_offer(wish=first)
    return first


def expire_offers() -> int:
    """Every place offered and not accepted by its ``accept_by`` day goes to the next wish.

    Each wish is re-read under its row lock and only moved from « offered », so the task run
    twice, or twice at once, expires it and offers the place exactly once. Returns how many
    offers this run expired."""
    from modules.sejours.services.notifications import notify_expired

    today = structure_today()
    due = list(
        Wish.objects.filter(status=Wish.STATUS_OFFERED, accept_by__lt=today)
        .order_by("accept_by", "pk")
        .values_list("pk", flat=True)
    )
    expired = 0
    for pk in due:
        with transaction.atomic():
            wish = _lock(pk, status=Wish.STATUS_OFFERED, accept_by__lt=today)
            if wish is None:
                continue  # accepted, declined or expired meanwhile
            wish.status = Wish.STATUS_EXPIRED
            wish.save(update_fields=["status", "updated_at"])
            places.release_stay(wish=wish, by=None)
            notify_expired(wish=wish)
            offer_next(stay=wish.stay, by=None)
            expired += 1
    return expired
