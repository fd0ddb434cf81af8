"""The occupancy read model: per unit (and group) and day, how full each opening is.

The staff's occupancy grid and the attendance picker read it; nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from core.booking.models import Reservation
from core.catalog.models import Opening
from core.errors import DomainError

# The grid shows one day per column: two months at most keeps the page (and the query) small.
MAX_DAYS = 62


@dataclass(frozen=True)
class OccupancyCell:
    opening: int
    date: date
    capacity: int
    booked: int
    waiting: int
    requested: int
    closed: bool


@dataclass
class OccupancyRow:
    unit_id: int
    unit_name: str
    activity_id: int
    activity_name: str
    group_name: str
    cells: list[OccupancyCell] = field(default_factory=list)


def occupancy(*, start: date, end: date, activity_id: int | None = None) -> list[OccupancyRow]:
    """Capacity, places taken, waiting list and requests to decide, for every opening from
    ``start`` to ``end`` (inclusive): one row per unit and group, in the activities' and
    units' order, its cells by date.

    Refused beyond ``MAX_DAYS`` days, or when ``end`` comes before ``start``."""
    if end < start or (end - start).days > MAX_DAYS:
        raise DomainError("Une période de deux mois au plus.", field="to", code="period_too_long")
    openings = (
        Opening.objects.filter(date__range=(start, end))
        .select_related("unit__activity", "group")
        .annotate(
            waiting=Count("reservations", filter=Q(reservations__state=Reservation.WAITLISTED)),
            requested=Count("reservations", filter=Q(reservations__state=Reservation.REQUESTED)),
        )
        .order_by("unit__activity__order", "unit__activity_id", "unit__order", "unit_id", "date")
    )
    if activity_id is not None:
        openings = openings.filter(unit__activity_id=activity_id)
    rows: dict[tuple[int, int | None], OccupancyRow] = {}
    for o in openings:
        row = rows.get((o.unit_id, o.group_id))
        if row is None:
            row = rows[(o.unit_id, o.group_id)] = OccupancyRow(
                unit_id=o.unit_id,
                unit_name=o.unit.name,
                activity_id=o.unit.activity_id,
                activity_name=str(o.unit.activity),
                group_name=o.group.name if o.group else "",
            )
        row.cells.append(
            OccupancyCell(
                opening=o.pk,
                date=o.date,
                capacity=o.capacity,
                booked=o.booked,
                waiting=o.waiting,
                requested=o.requested,
                closed=o.closed,
            )
        )
    return list(rows.values())
