"""A place on a stay: all its days booked as one block through the core's capacity engine.

A stay is one ``catalog.Activity`` with one unit and one opening per day (decision 0023).
Booking it books every opening in **one** ``apply_changes`` call: the engine locks the
openings in id order, counts under the lock and writes the counters in one statement, so two
families taking the last place at once → one gets it. If any day cannot be taken (full,
closed…), the whole block is rolled back: a stay is never held for some of its days.

The module keeps its own waiting lists (``Wish.waitlist_position``): it never leaves a
reservation on the engine's per-day waiting lists, so freeing a place promotes no one behind
the commission's back; :func:`modules.sejours.services.offers` offers it to the next wish.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from core.booking.models import Enrolment, Reservation
from core.booking.services.context import ACTION_BOOK, ACTION_CANCEL
from core.booking.services.engine import Change, apply_changes
from core.booking.services.enrolments import ensure_validated_enrolment
from core.catalog.models import Opening
from core.errors import DomainError
from core.tenancy.context import structure_today
from modules.sejours.models import SejoursSettings, Stay, Wish


class StayFull(DomainError):
    """No place left on at least one day of the stay: nothing was booked."""

    code = "stay_full"
    status_code = 409


class PlaceRefused(DomainError):
    code = "place_refused"
    status_code = 409


def stay_openings(stay: Stay) -> list[Opening]:
    return list(Opening.objects.filter(unit__activity_id=stay.activity_id).order_by("date", "pk"))


def places_left(stays: Iterable[Stay]) -> dict[int, int]:
    """``stay id → places left`` (the fewest over its days), in one query."""
    stays = list(stays)
    by_activity = {s.activity_id: s.pk for s in stays}
    rows = (
        Opening.objects.filter(unit__activity_id__in=by_activity, closed=False)
        .values("unit__activity_id")
        .annotate(free=Min(F("capacity") - F("booked")))
    )
    left = {s.pk: 0 for s in stays}
    for row in rows:
        left[by_activity[row["unit__activity_id"]]] = max(0, row["free"])
    return left


def book_stay(*, wish: Wish, by) -> None:
    """Hold a place on every day of ``wish.stay`` for ``wish.child``, or raise
    :class:`StayFull` (nothing written). Staff rights in the engine: the commission's
    decision, not the booking window, gives the place."""
    stay = wish.stay
    if stay.status != Stay.STATUS_OPEN:
        raise PlaceRefused("Ce séjour est annulé.", code="stay_cancelled")
    openings = stay_openings(stay)
    if not openings:
        raise PlaceRefused("Ce séjour n'a aucun jour ouvert.", code="stay_without_days")
    with transaction.atomic():
        wish.enrolment = ensure_validated_enrolment(
            child_id=wish.child_id,
            activity_id=stay.activity_id,
            requested_by=wish.created_by,
            by=by,
        )
        result = apply_changes(
            changes=[Change(wish.child_id, o.pk, ACTION_BOOK) for o in openings],
            by=by,
            staff=True,
            family=wish.family,
        )
        held = [o for o in result.done if o.state in Reservation.HOLDING]
        if len(held) != len(openings):
            failed = next((o for o in result.outcomes if not o.ok), None)
            if failed is not None and failed.code != "already":
                raise StayFull(
                    f"Plus de place sur « {stay.activity.name} » "
                    f"({failed.reason.lower() if failed.reason else 'complet'}).",
                )
            already = Reservation.objects.filter(
                child_id=wish.child_id,
                unit__activity_id=stay.activity_id,
                state__in=Reservation.HOLDING,
            ).count()
            if already != len(openings):
                raise StayFull(f"Plus de place sur « {stay.activity.name} ».")
        wish.save(update_fields=["enrolment", "updated_at"])


def release_stay(*, wish: Wish, by) -> None:
    """Give back the child's place on every day of the stay (one engine call) and close the
    enrolment; what is already past stays as it is."""
    stay = wish.stay
    with transaction.atomic():
        live = list(
            Reservation.objects.filter(
                child_id=wish.child_id,
                unit__activity_id=stay.activity_id,
                state__in=Reservation.HOLDING,
            ).values_list("opening_id", flat=True)
        )
        if live:
            apply_changes(
                changes=[Change(wish.child_id, pk, ACTION_CANCEL) for pk in live],
                by=by,
                staff=True,
                family=wish.family,
            )
        Enrolment.objects.filter(
            child_id=wish.child_id, activity_id=stay.activity_id, status__in=Enrolment.LIVE
        ).update(status=Enrolment.STATUS_CANCELLED, decided_at=timezone.now(), decided_by=by)


def accept_by_for(*, stay: Stay, days: int) -> date:
    """The last day to accept a place offered today: ``days`` from today, but no later than
    the eve of departure (a place freed a few days before the stay must be answered before
    the stay starts), and never before today (an offer made on the eve or the day itself
    can still be answered today)."""
    today = structure_today()
    eve = stay.activity.start_date - timedelta(days=1)
    return max(today, min(today + timedelta(days=days), eve))


def offer(*, wish: Wish, by, accept_days: int | None = None) -> Wish:
    """Give ``wish`` a place: book the stay's days, then ``offered`` with its accept-by date
    (the structure's ``accept_days`` from today, capped at the eve of departure: see
    :func:`accept_by_for`). Raises :class:`StayFull` if no place is left. The caller tells
    the family (``notifications``)."""
    if not wish.can_move_to(Wish.STATUS_OFFERED):
        raise PlaceRefused(
            f"Ce vœu ne peut plus recevoir de place ({wish.get_status_display().lower()}).",
            code="wish_not_offerable",
        )
    days = accept_days if accept_days is not None else SejoursSettings.current().accept_days
    with transaction.atomic():
        book_stay(wish=wish, by=by)
        wish.status = Wish.STATUS_OFFERED
        wish.waitlist_position = None
        wish.reason = ""
        wish.offered_at = timezone.now()
        wish.accept_by = accept_by_for(stay=wish.stay, days=days)
        wish.save(
            update_fields=[
                "status",
                "waitlist_position",
                "reason",
                "offered_at",
                "accept_by",
                "updated_at",
            ]
        )
    return wish
