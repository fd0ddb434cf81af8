"""The planning grid: for a family and a month, each child's activities, their units (rows)
and days (columns), with the state of each cell, whether it can be changed now, and why not.

A fixed number of queries (children, enrolments, units, openings, reservations with their rank on
a waiting list, cart lines), whatever the number of children, units and days; the configuration
comes from the cache.
"""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from core.booking.models import CartLine, Enrolment, Reservation
from core.booking.services.context import ACTION_BOOK, ACTION_CANCEL, BookingContext
from core.booking.services.rules import (
    Snapshot,
    check_absence,
    check_book,
    check_cancel,
    enrolment_verdict,
)
from core.catalog.models import Opening, Unit


@dataclass
class Cell:
    date: date
    status: str  # legend code: "free", reservation state, "full", "closed", "public_holiday"…
    actions: list[str] = field(default_factory=list)  # "book" | "cancel" | "absence"
    reason: str = ""
    reservation_id: int | None = None
    opening_id: int | None = None
    in_cart: str | None = None  # pending cart action on this cell
    free_places: int | None = None
    waitlist_rank: int | None = None  # a waitlisted reservation's place in the opening's queue


@dataclass
class UnitRow:
    unit: Unit
    cells: list[Cell]


@dataclass
class ActivityBlock:
    enrolment: Enrolment
    rows: list[UnitRow]
    booking_rule: str = ""


@dataclass
class ChildPlanning:
    child: object
    activities: list[ActivityBlock]


@dataclass
class DayInfo:
    date: date
    public_holiday: str | None
    school_holiday: str | None
    closure: str | None

    @classmethod
    def of(cls, day: date, info) -> DayInfo:
        return cls(day, info.public_holiday, info.school_holiday, info.closure)


@dataclass
class Planning:
    month: date
    days: list[DayInfo]
    children: list[ChildPlanning]


def month_days(month: date) -> list[date]:
    last = pycalendar.monthrange(month.year, month.month)[1]
    return [date(month.year, month.month, d) for d in range(1, last + 1)]


def build_planning(*, family, month: date, user=None, child_id: int | None = None) -> Planning:
    days = month_days(month)
    children = list(family.children.all())
    if child_id is not None:
        children = [c for c in children if c.pk == child_id]
    child_ids = [c.pk for c in children]
    enrolments = list(
        Enrolment.objects.filter(
            child_id__in=child_ids,
            status__in=Enrolment.LIVE,
            activity__start_date__lte=days[-1],
            activity__end_date__gte=days[0],
        ).select_related("activity", "group")
    )
    activity_ids = {e.activity_id for e in enrolments}
    ctx = BookingContext.load(activity_ids=list(activity_ids))
    units = list(Unit.objects.filter(activity_id__in=activity_ids).order_by("order", "start_time"))
    activities = {e.activity_id: e.activity for e in enrolments}
    by_id = {c.pk: c for c in children}
    for enrolment in enrolments:
        enrolment.child = by_id[enrolment.child_id]
    units_by_id = {unit.pk: unit for unit in units}
    for unit in units:
        unit.activity = activities[unit.activity_id]
    openings: dict[tuple[int, int | None, date], Opening] = {}
    for opening in Opening.objects.filter(unit__in=units, date__range=(days[0], days[-1])):
        opening.unit = units_by_id[opening.unit_id]
        openings[(opening.unit_id, opening.group_id, opening.date)] = opening
    snap = Snapshot(ctx=ctx)
    # Every reservation of the month, oldest first: the live ones make the cells; of the
    # others, the latest of each child × unit × day, when refused, tells the family why its
    # request came to nothing (a later request or a withdrawal supersedes it).
    ended: dict[tuple[int, int, date], Reservation] = {}
    for reservation in with_waitlist_rank(
        Reservation.objects.filter(child_id__in=child_ids, date__range=(days[0], days[-1]))
    ).order_by("created_at", "pk"):
        if reservation.state in Reservation.LIVE:
            snap.add(reservation)
        else:
            ended[(reservation.child_id, reservation.unit_id, reservation.date)] = reservation
    refused = {
        key: reservation
        for key, reservation in ended.items()
        if reservation.state == Reservation.REFUSED
    }
    for enrolment in enrolments:
        snap.enrolments[(enrolment.child_id, enrolment.activity_id)] = enrolment
    in_cart: dict[tuple[int, int], str] = {}
    if user is not None:
        for child, opening_id, action in CartLine.objects.filter(
            cart__user=user, child_id__in=child_ids
        ).values_list("child_id", "opening_id", "action"):
            in_cart[(child, opening_id)] = action

    infos = [DayInfo.of(d, ctx.calendar.day_info(d)) for d in days]
    result = []
    for child in children:
        blocks = []
        for enrolment in (e for e in enrolments if e.child_id == child.pk):
            rows = []
            for unit in (u for u in units if u.activity_id == enrolment.activity_id):
                cells = [
                    _cell(
                        snap,
                        child_id=child.pk,
                        enrolment=enrolment,
                        opening=openings.get((unit.pk, enrolment.group_id, info.date))
                        or openings.get((unit.pk, None, info.date)),
                        info=info,
                        in_cart=in_cart,
                        refused=refused.get((child.pk, unit.pk, info.date)),
                    )
                    for info in infos
                ]
                rows.append(UnitRow(unit, cells))
            blocks.append(ActivityBlock(enrolment, rows, booking_rule(ctx, enrolment.activity)))
        result.append(ChildPlanning(child, blocks))
    return Planning(month=days[0], days=infos, children=result)


FAR_FUTURE = datetime(9999, 12, 31, tzinfo=UTC)


def with_waitlist_rank(reservations):
    """``reservations`` annotated with ``waitlist_rank``: for a waitlisted one, its place (1 =
    next) on its opening's waiting list, in the order promotion gives freed places
    (``engine._promote``: arrival on the list, then id; one without an arrival date last);
    ``None`` for the others. A correlated count on the (opening, state, waitlisted_at) index,
    evaluated for the waitlisted rows only: no query more than the reservations'."""
    queued = Coalesce("waitlisted_at", Value(FAR_FUTURE))
    ahead = (
        Reservation.objects.filter(opening_id=OuterRef("opening_id"), state=Reservation.WAITLISTED)
        .annotate(queued=Coalesce("waitlisted_at", Value(FAR_FUTURE)))
        .filter(
            Q(queued__lt=OuterRef("queued")) | Q(queued=OuterRef("queued"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("opening_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return reservations.annotate(queued=queued).annotate(
        waitlist_rank=Case(
            When(
                state=Reservation.WAITLISTED,
                then=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1,
            ),
            default=None,
            output_field=IntegerField(),
        )
    )


def booking_rule(ctx: BookingContext, activity) -> str:
    from core.booking.windows import Unrestricted, describe

    return describe(
        ctx.config.policies.get(activity.booking_policy_id) or Unrestricted(), tz=ctx.tz
    )


REFUSED_REASON = "Demande refusée"


def refusal_reason(reservation: Reservation) -> str:
    """The staff's reason for refusing the request (« Demande refusée » when they gave none)."""
    return reservation.reason.strip() or REFUSED_REASON


def _cell(
    snap: Snapshot,
    *,
    child_id,
    enrolment,
    opening,
    info: DayInfo,
    in_cart,
    refused=None,
) -> Cell:
    if opening is None:
        status = "none"
        if info.public_holiday:
            status = "public_holiday"
        elif info.closure:
            status = "closed"
        elif info.school_holiday and enrolment.activity.calendar == "school_days":
            status = "school_holidays"
        return Cell(info.date, status)
    cell = Cell(
        info.date,
        "free",
        opening_id=opening.pk,
        in_cart=in_cart.get((child_id, opening.pk)),
        free_places=max(opening.capacity - opening.booked, 0),
    )
    reservation = snap.live.get((child_id, opening.pk))
    if reservation is not None:
        cell.status = reservation.state
        cell.reservation_id = reservation.pk
        if reservation.state == Reservation.WAITLISTED:
            cell.waitlist_rank = getattr(reservation, "waitlist_rank", None)
        verdict = check_cancel(snap, child_id=child_id, opening=opening)
        if verdict.allowed:
            cell.actions.append(ACTION_CANCEL)
        else:
            cell.reason = verdict.reason
        if check_absence(snap, child_id=child_id, opening=opening).allowed and not verdict.allowed:
            cell.actions.append("absence")
        return cell
    if opening.closed:
        cell.status = "closed"
        cell.reason = "Fermé"
        return cell
    enrolled = enrolment_verdict(enrolment)
    if not enrolled.allowed:
        cell.status = "enrolment_pending"
        cell.reason = enrolled.reason
        return cell
    verdict = check_book(snap, child_id=child_id, opening=opening)
    if refused is not None:
        # The family's last request for this day was refused: said as such (with the staff's
        # reason), and the day can still be requested again while the booking window is open.
        cell.status = Reservation.REFUSED
        cell.reservation_id = refused.pk
        cell.reason = refusal_reason(refused)
        if verdict.allowed:
            cell.actions.append(ACTION_BOOK)
            if opening.booked >= opening.capacity:
                cell.reason += " — complet : une nouvelle demande ira en liste d'attente"
        else:
            cell.reason += f" — {verdict.reason}"
        return cell
    if opening.booked >= opening.capacity:
        cell.status = "full"
    if verdict.allowed:
        cell.actions.append(ACTION_BOOK)
        if cell.status == "full":
            cell.reason = "Complet : la demande ira en liste d'attente"
    else:
        cell.reason = verdict.reason
        if cell.status == "free" and verdict.code == "past":
            cell.status = "past"
        elif cell.status == "free" and verdict.code in (
            "deadline_passed",
            "outside_windows",
            "not_open_yet",
            "beyond_horizon",
        ):
            cell.status = "deadline_passed"
    return cell
