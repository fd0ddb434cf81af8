from __future__ import annotations

from celery import shared_task


@shared_task
def send_promotion_emails(*, reservation_ids: list[int]) -> int:
    """Tell each family a waiting-list place came free (runs in the structure's schema)."""
    from core.booking.models import Reservation
    from core.booking.services.notifications import reservation_row
    from core.families.services.notifications import send_family_email

    reservations = (
        Reservation.objects.filter(pk__in=reservation_ids)
        .select_related("child__family", "unit")
        .order_by("date")
    )
    by_family: dict[int, list] = {}
    for reservation in reservations:
        by_family.setdefault(reservation.child.family_id, []).append(reservation)
    for items in by_family.values():
        send_family_email(
            family=items[0].child.family,
            template="booking_promoted",
            subject="Une place s'est libérée",
            preference="booking",
            rows=[reservation_row(r) for r in items],
        )
    return len(by_family)


@shared_task
def send_booking_recap(*, family_id: int, rows: list, failed: list, at: str) -> None:
    """The recap e-mail of a checkout (rows prepared by ``notifications.send_recap``)."""
    from datetime import datetime
    from decimal import Decimal

    from django.utils import timezone

    from core.families.models import Family
    from core.families.services.notifications import send_family_email

    family = Family.objects.filter(pk=family_id).first()
    if family is None:
        return
    for row in (*rows, *failed):
        if row.get("amount") is not None:
            row["amount"] = Decimal(row["amount"])
    send_family_email(
        family=family,
        template="booking_recap",
        subject="Récapitulatif de vos réservations",
        rows=rows,
        failed=failed,
        at=timezone.localtime(datetime.fromisoformat(at)),
    )
