from __future__ import annotations

from celery import shared_task


@shared_task
def send_promotion_emails(*, reservation_ids: list[int]) -> int:
    """Tell each family a waiting-list place came free (runs in the structure's schema)."""
    from core.booking.models import Reservation
    from core.booking.services.notifications import _day
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
            rows=[
                {
                    "day": _day(r.date),
                    "child": r.child.first_name,
                    "unit": r.unit.name,
                    "state": r.get_state_display(),
                }
                for r in items
            ],
        )
    return len(by_family)
