"""What is billed, by reservation state (the guides' rules, stated once).

- confirmed, present, billed absence (incl. a cancellation past the cancelling deadline) and a
  cancellation still awaiting its answer: billed;
- requested (not yet accepted), waiting list, refused, cancelled in time, excused absence: not.

A reservation billed once and no longer billable later (an absence excused after its invoice)
is credited in the next run; one billable and never billed (accepted or marked late) is
charged in the next run as a regularisation.
"""

from __future__ import annotations

from core.booking.models import Reservation

BILLABLE_STATES = (
    Reservation.CONFIRMED,
    Reservation.CANCEL_REQUESTED,
    Reservation.PRESENT,
    Reservation.ABSENT_BILLED,
)
NOT_BILLED_STATES = (
    Reservation.REQUESTED,
    Reservation.WAITLISTED,
    Reservation.REFUSED,
    Reservation.CANCELLED,
    Reservation.ABSENT_EXCUSED,
)

STATE_LINE_LABEL = {
    Reservation.CONFIRMED: "Réservation",
    Reservation.CANCEL_REQUESTED: "Réservation",
    Reservation.PRESENT: "Présence",
    Reservation.ABSENT_BILLED: "Absence facturée",
}


def rules_summary() -> list[dict]:
    """The rules as the review screen shows them."""
    labels = dict(Reservation.STATE_CHOICES)
    return [
        {"state": state, "label": labels[state], "billed": state in BILLABLE_STATES}
        for state in (*BILLABLE_STATES, *NOT_BILLED_STATES)
    ]
