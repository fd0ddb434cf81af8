"""The day's board of an establishment: who is expected (contracts' planned days, occasional
days), who is here, who has gone, who is absent, and the places free per half-hour. A fixed
number of queries whatever the number of children."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from core.booking.models import Reservation
from modules.creche.models import Absence, Contract, Establishment, Presence
from modules.creche.services import slots
from modules.creche.services.planning import calendar_for, planned_days

EXPECTED = "expected"
PRESENT = "present"
GONE = "gone"
ABSENT = "absent"
STATUS_LABELS = {
    EXPECTED: "Attendu",
    PRESENT: "Présent",
    GONE: "Parti",
    ABSENT: "Absent",
}

#: The module's reservation state of a contract day taken off (``module.py``).
LEAVE = "leave"

CONTRACT = "contract"
OCCASIONAL = "occasional"
KIND_CHOICES = [(CONTRACT, "Contrat"), (OCCASIONAL, "Accueil occasionnel"), ("", "Non attendu")]
STATUS_CHOICES = list(STATUS_LABELS.items())


@dataclass
class BoardRow:
    child: object
    kind: str  # contract | occasional | "" (pointed without being expected)
    planned_arrival: time | None = None
    planned_departure: time | None = None
    requested: bool = False  # an occasional day still waiting for the structure's decision
    presence: Presence | None = None
    absence: Absence | None = None
    leave: bool = False  # a contract day the family took off (the module's « congé » state)

    @property
    def status(self) -> str:
        if self.presence is not None:
            return GONE if self.presence.departure else PRESENT
        if self.absence is not None or self.leave:
            return ABSENT
        return EXPECTED

    @property
    def absence_label(self) -> str:
        if self.absence is not None:
            return self.absence.get_kind_display()
        return "Congé" if self.leave else ""


@dataclass
class Board:
    establishment: Establishment
    day: date
    rows: list[BoardRow] = field(default_factory=list)
    slots: list[slots.SlotOccupancy] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)


def day_board(*, establishment: Establishment, day: date) -> Board:
    """The board of ``establishment`` on ``day`` (about ten queries, whatever its size)."""
    rows: dict[int, BoardRow] = {}
    contracts = list(
        Contract.objects.filter(
            establishment=establishment,
            state__in=Contract.RUNNING,
            start_date__lte=day,
            end_date__gte=day,
        )
        .select_related("child", "establishment")
        .prefetch_related("terms")
    )
    calendar = calendar_for(
        establishment_id=establishment.pk,
        activity_id=establishment.activity_id,
        start=day,
        end=day,
    )
    for contract in contracts:
        planned = planned_days(
            contract=contract,
            start=day,
            end=day,
            terms=contract.terms.all(),
            calendar=calendar,
        )
        if planned:
            rows[contract.child_id] = BoardRow(
                contract.child, CONTRACT, planned[0].start, planned[0].end
            )
    under_contract = {c.child_id for c in contracts}
    if establishment.activity_id is not None:
        occasional: dict[int, list[Reservation]] = {}
        on_leave: set[int] = set()
        for reservation in Reservation.objects.filter(
            unit__activity_id=establishment.activity_id,
            date=day,
            state__in=(Reservation.REQUESTED, Reservation.CONFIRMED, Reservation.PRESENT, LEAVE),
        ).select_related("child", "unit"):
            if reservation.state == LEAVE:
                on_leave.add(reservation.child_id)
            elif reservation.child_id not in under_contract:
                occasional.setdefault(reservation.child_id, []).append(reservation)
        for child_id, held in occasional.items():
            rows[child_id] = BoardRow(
                held[0].child,
                OCCASIONAL,
                min(r.unit.start_time for r in held),
                max(r.unit.end_time for r in held),
                requested=all(r.state == Reservation.REQUESTED for r in held),
            )
        for child_id in on_leave & set(rows):
            rows[child_id].leave = True
    for presence in Presence.objects.filter(establishment=establishment, date=day).select_related(
        "child"
    ):
        row = rows.setdefault(presence.child_id, BoardRow(presence.child, ""))
        row.presence = presence
    for absence in Absence.objects.filter(
        contract__in=contracts, start_date__lte=day, end_date__gte=day
    ):
        if absence.child_id in rows:
            rows[absence.child_id].absence = absence
    ordered = sorted(
        rows.values(),
        key=lambda r: (r.planned_arrival or time(23, 59), r.child.first_name, r.child.last_name),
    )
    return Board(establishment, day, ordered, slots.day_occupancy(establishment, day))
