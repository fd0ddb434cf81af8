"""A family's requests on its bookings, for "Mes demandes": the bookings that waited for the
staff's decision, the cancellations the staff had to answer, the absences the family declared,
each with its answer.

What was booked directly (an activity without validation, or by the staff) is no request:
only the reservations whose ``requested_at``, ``cancel_requested_at`` or
``absence_declared_at`` is set are listed (``Reservation.move_to`` and ``declare_absence`` set
them). One reservation may give several requests (a booking request accepted, then a
cancellation request), newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, F, QuerySet, Value

from core.booking.models import Reservation

KIND_BOOKING = "booking"
KIND_CANCELLATION = "cancellation"
KIND_ABSENCE = "absence"
KIND_CHOICES = [
    (KIND_BOOKING, "Réservation"),
    (KIND_CANCELLATION, "Annulation"),
    (KIND_ABSENCE, "Absence"),
]
_DATE_FIELD = {
    KIND_BOOKING: "requested_at",
    KIND_CANCELLATION: "cancel_requested_at",
    KIND_ABSENCE: "absence_declared_at",
}

STATUS_PENDING = "pending"
STATUS_ACCEPTED = "accepted"
STATUS_REFUSED = "refused"
STATUS_CANCELLED = "cancelled"
STATUS_CHOICES = [
    (STATUS_PENDING, "En attente"),
    (STATUS_ACCEPTED, "Acceptée"),
    (STATUS_REFUSED, "Refusée"),
    (STATUS_CANCELLED, "Annulée"),
]


@dataclass(frozen=True)
class BookingRequest:
    kind: str
    requested_at: datetime
    reservation: Reservation
    status: str
    answer: str
    decided_at: datetime | None
    reason: str

    @property
    def id(self) -> str:
        """Unique in the list: one reservation may give a request of each kind."""
        return f"{self.kind}-{self.reservation.pk}"

    @property
    def kind_label(self) -> str:
        return dict(KIND_CHOICES)[self.kind]

    @property
    def status_label(self) -> str:
        return dict(STATUS_CHOICES)[self.status]


def request_rows(*, family, kind: str = "", child=None) -> QuerySet:
    """The family's requests as rows ``(id, kind, at)``, newest first: one query (a UNION of
    the kinds asked), to count and slice before :func:`describe` loads the page."""
    reservations = Reservation.objects.filter(child__family=family)
    if child is not None:
        reservations = reservations.filter(child=child)
    parts = [
        reservations.filter(**{f"{field}__isnull": False})
        .annotate(kind=Value(code, output_field=CharField()), at=F(field))
        .values("id", "kind", "at")
        .order_by()
        for code, field in _DATE_FIELD.items()
        if not kind or kind == code
    ]
    rows = parts[0] if len(parts) == 1 else parts[0].union(*parts[1:], all=True)
    return rows.order_by("-at", "-id", "kind")


def describe(rows) -> list[BookingRequest]:
    """The requests of ``rows`` (a page of :func:`request_rows`), with their reservation, its
    child and unit: one query."""
    rows = list(rows)
    reservations = Reservation.objects.select_related("child", "unit", "unit__activity").in_bulk(
        [row["id"] for row in rows]
    )
    return [
        _request(row["kind"], row["at"], reservations[row["id"]])
        for row in rows
        if row["id"] in reservations
    ]


def _request(kind: str, at: datetime, reservation: Reservation) -> BookingRequest:
    state = reservation.state
    labels = Reservation.state_labels()
    decided_at = None
    reason = ""
    if kind == KIND_BOOKING:
        if state == Reservation.REQUESTED:
            status, answer = STATUS_PENDING, "En attente de la décision de la structure"
        elif state == Reservation.REFUSED:
            status, answer = STATUS_REFUSED, "Réservation refusée"
            decided_at, reason = reservation.decided_at, reservation.reason
        elif state == Reservation.CANCELLED and reservation.cancel_requested_at is None:
            status, answer = STATUS_CANCELLED, "Demande annulée avant la décision"
            decided_at = reservation.decided_at
        else:
            status, answer = STATUS_ACCEPTED, "Réservation acceptée"
            if state == Reservation.CONFIRMED:
                decided_at = reservation.decided_at
    elif kind == KIND_CANCELLATION:
        if state == Reservation.CANCEL_REQUESTED:
            status, answer = STATUS_PENDING, "En attente de la décision de la structure"
        elif state == Reservation.CANCELLED:
            status, answer = STATUS_ACCEPTED, "Annulation acceptée : jour non facturé"
            decided_at = reservation.decided_at
        elif state == Reservation.ABSENT_BILLED and reservation.absence_declared_at is None:
            status, answer = STATUS_REFUSED, "Annulation refusée : jour facturé"
            decided_at = reservation.decided_at
        else:
            status, answer = STATUS_ACCEPTED, labels.get(state, state)
    else:
        reason = reservation.absence_reason
        if state == Reservation.ABSENT_EXCUSED:
            status, answer = STATUS_ACCEPTED, "Absence excusée (justificatif fourni)"
        elif state == Reservation.ABSENT_BILLED:
            status, answer = STATUS_ACCEPTED, "Absence facturée (sans justificatif)"
        else:
            status, answer = STATUS_ACCEPTED, labels.get(state, state)
        decided_at = reservation.decided_at
    return BookingRequest(
        kind=kind,
        requested_at=at,
        reservation=reservation,
        status=status,
        answer=answer,
        decided_at=decided_at,
        reason=reason,
    )
