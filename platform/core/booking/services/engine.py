"""The commit engine: apply a set of changes in one transaction, capacity-safe.

Every path that takes or frees a place comes here (a parent's cart, a weekly template, staff
bookings, an enrolment that books its pattern, a staff refusal, a cancellation). The openings
concerned are locked (``SELECT … FOR UPDATE`` in id order, so two carts never deadlock), the
places are counted under the lock and written back in one statement; the CHECK constraint
``booked <= capacity`` stands behind it. The number of queries does not depend on the number of
changes.

``GUARD`` exists only for the control test that shows the race without the lock: never turn it
off elsewhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.booking.models import Reservation
from core.booking.pricing import pricing_context
from core.booking.services.context import ACTION_BOOK, ACTION_CANCEL, BookingContext
from core.booking.services.rules import Snapshot, check
from core.catalog.models import Activity, Opening
from core.module_hooks import validate_changes as module_refusals
from core.observability import metrics
from core.pricing.engine import PricingContext, money, quote

GUARD = True


@dataclass(frozen=True)
class Change:
    child_id: int
    opening_id: int
    action: str  # "book" | "cancel"


@dataclass
class Outcome:
    change: Change
    ok: bool
    state: str = ""  # resulting reservation state when ok
    code: str = ""
    reason: str = ""
    amount: object = None
    tariff_name: str = ""
    reservation_id: int | None = None
    opening: Opening | None = None


@dataclass
class CommitResult:
    outcomes: list[Outcome] = field(default_factory=list)
    promoted: list[int] = field(default_factory=list)  # reservation ids taken off waiting lists

    @property
    def done(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def total(self) -> Decimal:
        """What the committed changes cost (cancellations count negative; a waiting list
        costs nothing until a place comes)."""
        return money(
            sum(
                (
                    signed_amount(o.change.action, o.amount)
                    for o in self.done
                    if o.state != Reservation.WAITLISTED
                ),
                Decimal(0),
            )
        )


def signed_amount(action: str, amount: Decimal | None) -> Decimal:
    amount = amount or Decimal(0)
    return -amount if action == ACTION_CANCEL else amount


def line_price(pricing: PricingContext, *, child_id: int, opening, action: str, held=None):
    """``(amount, tariff name)`` of one line: a cancellation gives back what the held
    reservation cost (nothing for a place on a waiting list), a booking costs the tariff."""
    if action == ACTION_CANCEL and held is not None:
        if held.state == Reservation.WAITLISTED:
            return Decimal(0), held.tariff_name
        if held.amount is not None:
            return held.amount, held.tariff_name
    priced = quote(ctx=pricing, child_id=child_id, unit=opening.unit, on=opening.date)
    return priced.amount, priced.tariff_name


def booked_units(changes, openings: dict[int, Opening]) -> dict[tuple[int, date], set[int]]:
    """Units a set of ``(child, opening, action)`` books per child and day: a "matin + midi"
    pair is checked together (incompatibilities, requirements)."""
    adding: dict[tuple[int, date], set[int]] = defaultdict(set)
    for child_id, opening_id, action in changes:
        opening = openings.get(opening_id)
        if opening and action == ACTION_BOOK:
            adding[(child_id, opening.date)].add(opening.unit_id)
    return adding


def load_openings(opening_ids, *, lock: bool):
    qs = (
        Opening.objects.filter(pk__in=sorted(set(opening_ids)))
        .select_related("unit__activity", "group")
        .order_by("pk")
    )
    if lock:
        qs = qs.select_for_update(of=("self",))
    return {o.pk: o for o in qs}


def lock_places(openings: dict[int, Opening]) -> None:
    """Lock the openings' rows (in id order: two carts never deadlock) and refresh the places
    counted under the lock."""
    rows = (
        Opening.objects.filter(pk__in=openings)
        .order_by("pk")
        .select_for_update()
        .values_list("pk", "booked", "capacity", "closed")
    )
    for pk, booked, capacity, closed in rows:
        opening = openings[pk]
        opening.booked, opening.capacity, opening.closed = booked, capacity, closed


def _promote(openings: list[Opening], *, by) -> list[Reservation]:
    """Give freed places to the waiting lists, in order of arrival (one query + one write)."""
    free = {o.pk: o.capacity - o.booked for o in openings if not o.closed}
    free = {pk: n for pk, n in free.items() if n > 0}
    if not free:
        return []
    waiting = Reservation.objects.filter(
        opening_id__in=free, state=Reservation.WAITLISTED
    ).order_by("opening_id", "waitlisted_at", "pk")
    promoted = []
    by_pk = {o.pk: o for o in openings}
    for reservation in waiting:
        if free.get(reservation.opening_id, 0) <= 0:
            continue
        free[reservation.opening_id] -= 1
        opening = by_pk[reservation.opening_id]
        opening.booked += 1
        activity = opening.unit.activity
        reservation.move_to(
            Reservation.CONFIRMED
            if activity.booking_validation == Activity.VALIDATION_AUTO
            else Reservation.REQUESTED,
            by=by,
        )
        promoted.append(reservation)
    return promoted


def apply_changes(
    *,
    changes: list[Change],
    by,
    staff: bool = False,
    family=None,
    ctx: BookingContext | None = None,
) -> CommitResult:
    """Re-check and apply ``changes``; the impossible ones are reported, never dropped silently.

    A booking on a full opening goes to its waiting list (``state == waitlisted``). ``staff``
    bypasses the booking windows (not the capacity). ``family`` prices the lines (its QF,
    residence, siblings).
    """
    result = CommitResult()
    if not changes:
        return result
    with transaction.atomic():
        # Everything that does not depend on the places is read before taking the locks, so
        # that the critical section of a rush is as short as possible.
        openings = load_openings([c.opening_id for c in changes], lock=False)
        activity_ids = {o.unit.activity_id for o in openings.values()}
        ctx = ctx or BookingContext.load(activity_ids=list(activity_ids))
        child_ids = {c.child_id for c in changes}
        snap = Snapshot.load(
            ctx=ctx,
            child_ids=child_ids,
            dates={o.date for o in openings.values()},
            activity_ids=activity_ids,
        )
        pricing = pricing_context(family=family, units={o.unit for o in openings.values()})
        refusals = module_refusals(changes=changes, openings=openings, staff=staff, family=family)
        if GUARD:
            lock_places(openings)
        else:
            _unguarded_pause()
        adding = booked_units(((c.child_id, c.opening_id, c.action) for c in changes), openings)

        now = timezone.now()
        to_create: list[Reservation] = []
        to_update: list[Reservation] = []
        touched: dict[int, Opening] = {}
        freed: set[int] = set()
        # Cancellations first: they free places the bookings of the same cart may take.
        ordered = sorted(changes, key=lambda c: (c.action != ACTION_CANCEL, c.opening_id))
        for c in ordered:
            opening = openings.get(c.opening_id)
            if opening is None:
                result.outcomes.append(Outcome(c, False, code="unknown", reason="Introuvable"))
                continue
            others = adding[(c.child_id, opening.date)] - {opening.unit_id}
            verdict = check(
                snap,
                action=c.action,
                child_id=c.child_id,
                opening=opening,
                staff=staff,
                adding=others,
            )
            if not verdict.allowed or c in refusals:
                code, reason = (
                    (verdict.code, verdict.reason)
                    if not verdict.allowed
                    else (refusals[c].code, refusals[c].reason)
                )
                adding[(c.child_id, opening.date)].discard(opening.unit_id)
                result.outcomes.append(Outcome(c, False, code=code, reason=reason, opening=opening))
                continue
            held = snap.live.get((c.child_id, opening.pk))
            amount, tariff_name = line_price(
                pricing, child_id=c.child_id, opening=opening, action=c.action, held=held
            )
            if c.action == ACTION_CANCEL:
                reservation = held
                holding = reservation.state in Reservation.HOLDING
                needs_review = (
                    not staff
                    and reservation.state == Reservation.CONFIRMED
                    and opening.unit.activity.booking_validation == Activity.VALIDATION_STAFF
                )
                decider = by if staff else None
                if needs_review:
                    reservation.move_to(Reservation.CANCEL_REQUESTED, by=decider)
                else:
                    reservation.move_to(Reservation.CANCELLED, by=decider)
                    snap.release(reservation)
                    if holding:
                        opening.booked -= 1
                        touched[opening.pk] = opening
                        freed.add(opening.pk)
                to_update.append(reservation)
                result.outcomes.append(
                    Outcome(
                        c,
                        True,
                        state=reservation.state,
                        amount=amount,
                        tariff_name=tariff_name,
                        reservation_id=reservation.pk,
                        opening=opening,
                    )
                )
                continue
            # Booking: take a place under the lock, or join the waiting list.
            enrolment = snap.enrolments[(c.child_id, opening.unit.activity_id)]
            if opening.booked < opening.capacity:
                opening.booked += 1
                touched[opening.pk] = opening
                state = (
                    Reservation.CONFIRMED
                    if staff or opening.unit.activity.booking_validation == Activity.VALIDATION_AUTO
                    else Reservation.REQUESTED
                )
            else:
                state = Reservation.WAITLISTED
            reservation = Reservation.new(
                state,
                by=by,
                at=now,
                child_id=c.child_id,
                opening=opening,
                enrolment=enrolment,
                unit_id=opening.unit_id,
                date=opening.date,
                amount=amount,
                tariff_name=tariff_name,
            )
            snap.add(reservation)
            to_create.append(reservation)
            result.outcomes.append(
                Outcome(
                    c,
                    True,
                    state=state,
                    amount=amount,
                    tariff_name=tariff_name,
                    opening=opening,
                )
            )

        if to_create:
            Reservation.objects.bulk_create(to_create)
            pending = iter(to_create)
            for outcome in result.outcomes:
                if outcome.ok and outcome.change.action == ACTION_BOOK:
                    outcome.reservation_id = next(pending).pk
        promoted = save_changes(
            openings=openings,
            touched=set(touched),
            freed=freed,
            updated=to_update,
            fields=Reservation.MOVE_FIELDS,
            by=by,
        )
        result.promoted = [r.pk for r in promoted]
        metrics.count_bookings(o.state for o in result.done)
    return result


def save_changes(
    *,
    openings: dict[int, Opening],
    touched: set[int],
    freed: set[int],
    updated: list[Reservation],
    fields: list[str],
    by,
) -> list[Reservation]:
    """The common end of every change of places: promote the waiting lists of the ``freed``
    openings, write the changed reservations (one UPDATE) and the counters of the openings
    whose places moved (one UPDATE), and tell the promoted families once it commits."""
    promoted = _promote([openings[pk] for pk in freed], by=by)
    changed = [*updated, *promoted]
    if changed:
        now = timezone.now()
        for reservation in changed:
            reservation.updated_at = now
        Reservation.objects.bulk_update(changed, fields)
    touched = touched | {r.opening_id for r in promoted}
    if touched:
        write_booked([openings[pk] for pk in sorted(touched)])
    metrics.count_bookings(r.state for r in promoted)
    if promoted:
        from core.booking.services.notifications import notify_promoted

        notify_promoted(reservation_ids=[r.pk for r in promoted])
    return promoted


def write_booked(openings: list[Opening]) -> None:
    """One UPDATE for every opening's new count (the CHECK constraint guards it)."""
    for opening in openings:
        opening.booked = max(opening.booked, 0)
    Opening.objects.bulk_update(openings, ["booked"])


def _unguarded_pause() -> None:
    # Control test only: widen the read-then-write gap the lock normally closes.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(0.2)")
