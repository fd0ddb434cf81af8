"""Staff decisions on reservations, attendance, absences and capacities.

Anything that frees a place runs under the openings' locks and promotes the waiting list, as
the commit engine does.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.booking.models import Reservation
from core.booking.services import engine
from core.catalog.models import Opening
from core.observability import metrics

DECISION_ACCEPT = "accept"
DECISION_REFUSE = "refuse"
CANCEL_EXCUSED = "excused"
CANCEL_BILLED = "billed"


def _locked(reservation_ids, *, states) -> tuple[list[Reservation], dict[int, Opening]]:
    opening_ids = Reservation.objects.filter(pk__in=reservation_ids).values_list(
        "opening_id", flat=True
    )
    openings = engine.load_openings(list(opening_ids), lock=True)
    reservations = list(
        Reservation.objects.select_for_update()
        .filter(pk__in=reservation_ids, state__in=states)
        .select_related("child__family", "unit")
    )
    return reservations, openings


def _finish(reservations, openings, freed, *, by) -> list[Reservation]:
    metrics.count_bookings(r.state for r in reservations)  # accepted, or cancelled excused
    return engine.save_changes(
        openings=openings,
        touched=set(openings),
        freed=freed,
        updated=reservations,
        fields=[*Reservation.MOVE_FIELDS, "reason"],
        by=by,
    )


@transaction.atomic
def decide_requests(*, reservation_ids, decision: str, by, reason: str = "") -> list[Reservation]:
    """Accept or refuse reservation requests (DR); a refusal frees its place."""
    if decision == DECISION_REFUSE and not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    reservations, openings = _locked(reservation_ids, states=[Reservation.REQUESTED])
    freed = set()
    for reservation in reservations:
        if decision == DECISION_ACCEPT:
            reservation.move_to(Reservation.CONFIRMED, by=by)
        else:
            reservation.move_to(Reservation.REFUSED, by=by, reason=reason.strip())
            openings[reservation.opening_id].booked -= 1
            freed.add(reservation.opening_id)
    _finish(reservations, openings, freed, by=by)
    from core.booking.services.notifications import notify_decisions

    notify_decisions(reservations=reservations, kind="booking")
    return reservations


@transaction.atomic
def decide_cancellations(*, reservation_ids, decision: str, by) -> list[Reservation]:
    """Answer cancellation requests (DA): excused (cancelled, place freed) or billed."""
    reservations, openings = _locked(reservation_ids, states=[Reservation.CANCEL_REQUESTED])
    freed = set()
    for reservation in reservations:
        if decision == CANCEL_EXCUSED:
            reservation.move_to(Reservation.CANCELLED, by=by)
            openings[reservation.opening_id].booked -= 1
            freed.add(reservation.opening_id)
        else:
            reservation.move_to(Reservation.ABSENT_BILLED, by=by)
    _finish(reservations, openings, freed, by=by)
    from core.booking.services.notifications import notify_decisions

    notify_decisions(reservations=reservations, kind="cancellation")
    return reservations


ATTENDANCE_STATES = (
    Reservation.CONFIRMED,
    Reservation.PRESENT,
    Reservation.ABSENT_EXCUSED,
    Reservation.ABSENT_BILLED,
)


@transaction.atomic
def mark_attendance(*, marks: dict[int, str], by) -> list[Reservation]:
    """Staff's attendance sheet: each reservation → present, absent excused or billed (or back
    to "réservé" to undo a mistake)."""
    if any(state not in ATTENDANCE_STATES for state in marks.values()):
        raise ValidationError("État de présence inconnu.")
    reservations = list(
        Reservation.objects.select_for_update().filter(pk__in=marks, state__in=ATTENDANCE_STATES)
    )
    now = timezone.now()
    # A mark the reservation already has is no move: left as it is.
    moved = [r for r in reservations if r.state != marks[r.pk]]
    for reservation in moved:
        reservation.move_to(marks[reservation.pk], by=by)
        reservation.updated_at = now
    Reservation.objects.bulk_update(moved, Reservation.MOVE_FIELDS)
    return reservations


@transaction.atomic
def declare_absence(*, reservation: Reservation, reason: str, document=None, by) -> Reservation:
    """A parent's absence on a booked day: billed, unless a justification (medical
    certificate) comes with it → excused. Staff can still change it on the attendance sheet."""
    reservation = Reservation.objects.select_for_update().get(pk=reservation.pk)
    if reservation.state not in (Reservation.CONFIRMED, Reservation.CANCEL_REQUESTED):
        raise ValidationError("Aucune réservation confirmée ce jour.")
    # The family's own move: decided by nobody on the staff.
    reservation.move_to(
        Reservation.ABSENT_EXCUSED if document else Reservation.ABSENT_BILLED, by=None
    )
    reservation.absence_reason = reason.strip()[:200]
    reservation.absence_document = document
    reservation.absence_declared_at = timezone.now()
    reservation.save(
        update_fields=[
            *Reservation.MOVE_FIELDS,
            "absence_reason",
            "absence_document",
            "absence_declared_at",
        ]
    )
    return reservation


@transaction.atomic
def set_capacity(*, opening: Opening, capacity: int, closed: bool | None = None, by) -> Opening:
    """Change an opening's capacity (never below the places taken); more room promotes the
    waiting list."""
    opening = engine.load_openings([opening.pk], lock=True)[opening.pk]
    if capacity < opening.booked:
        raise ValidationError(
            {"capacity": f"{opening.booked} places sont déjà réservées : capacité trop basse."}
        )
    opening.capacity = capacity
    if closed is not None:
        opening.closed = closed
    opening.save(update_fields=["capacity", "closed"])
    engine.save_changes(
        openings={opening.pk: opening},
        touched=set(),
        freed={opening.pk},
        updated=[],
        fields=Reservation.MOVE_FIELDS,
        by=by,
    )
    return opening
