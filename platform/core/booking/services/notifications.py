"""E-mails of the booking flow: the recap after "Terminer", decisions, promotions."""

from __future__ import annotations

from core.booking.models import Enrolment, Reservation
from core.families.services.notifications import send_family_email

WEEKDAYS_SHORT = ["Lun.", "Mar.", "Mer.", "Jeu.", "Ven.", "Sam.", "Dim."]


def _day(d) -> str:
    return f"{WEEKDAYS_SHORT[d.weekday()]} {d:%d/%m/%Y}"


def reservation_row(reservation: Reservation) -> dict:
    """One line of a decision or promotion e-mail (reservation with child and unit loaded)."""
    return {
        "day": _day(reservation.date),
        "child": reservation.child.first_name,
        "unit": reservation.unit.name,
        "state": reservation.get_state_display(),
        "reason": reservation.reason,
    }


def send_recap(*, family, user, result, at) -> None:
    """The recap the guides promise: each réservation / annulation with day, child, element,
    amount and tariff; the lines that could not be made are listed too. Rendered and sent by a
    task once the transaction commits (the checkout answers without waiting for it)."""
    from django.db import transaction

    from core.booking.services.engine import signed_amount
    from core.booking.tasks import send_booking_recap

    names = {c.pk: c.first_name for c in family.children.all()}
    rows, failed = [], []
    for outcome in result.outcomes:
        opening = outcome.opening
        row = {
            "day": _day(opening.date) if opening else "",
            "child": names.get(outcome.change.child_id, ""),
            "unit": opening.unit.name if opening else "",
            "kind": "Annulation" if outcome.change.action == "cancel" else "Réservation",
            # Signed as on the page and in the cart's total: a cancellation is a credit.
            "amount": (
                str(signed_amount(outcome.change.action, outcome.amount))
                if outcome.amount is not None
                else None
            ),
            "tariff": outcome.tariff_name,
            "state": dict(Reservation.STATE_CHOICES).get(outcome.state, ""),
            "reason": outcome.reason,
        }
        (rows if outcome.ok else failed).append(row)
    payload = {"family_id": family.pk, "rows": rows, "failed": failed, "at": at.isoformat()}
    transaction.on_commit(lambda: send_booking_recap.delay(**payload))


def notify_promoted(*, reservation_ids: list[int]) -> None:
    """Queued after the commit: the families taken off a waiting list are told."""
    from django.db import transaction

    from core.booking.tasks import send_promotion_emails

    ids = list(reservation_ids)
    transaction.on_commit(lambda: send_promotion_emails.delay(reservation_ids=ids))


def notify_decisions(*, reservations: list[Reservation], kind: str) -> None:
    by_family: dict[int, list[Reservation]] = {}
    for reservation in reservations:
        by_family.setdefault(reservation.child.family_id, []).append(reservation)
    for items in by_family.values():
        family = items[0].child.family
        send_family_email(
            family=family,
            template="booking_decided",
            subject=(
                "Réponse à vos demandes d'annulation"
                if kind == "cancellation"
                else "Réponse à vos demandes de réservation"
            ),
            kind=kind,
            preference="booking",
            rows=[reservation_row(r) for r in sorted(items, key=lambda r: (r.date, r.child_id))],
        )


def notify_enrolment_decided(*, enrolment: Enrolment) -> None:
    if enrolment.status not in (Enrolment.STATUS_VALIDATED, Enrolment.STATUS_REFUSED):
        return
    send_family_email(
        family=enrolment.child.family,
        template="enrolment_decided",
        subject=(
            "Inscription validée"
            if enrolment.status == Enrolment.STATUS_VALIDATED
            else "Inscription refusée"
        ),
        preference="booking",
        enrolment=enrolment,
        validated=enrolment.status == Enrolment.STATUS_VALIDATED,
    )
