"""The séjours e-mails to families: the commission's decisions, a place freed from the waiting
list, a cancelled stay, the convocation before departure.

Each is sent once (``Wish.decision_sent_at``, ``Wish.convocation_sent_at``, written under the
wishes' row locks) and queued after the commit by ``core.messaging``. They say what was
decided and link to the portal: never any health data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.families.services.notifications import family_recipients
from core.messaging.context import email_context
from core.messaging.services import queue_email
from modules.sejours.models import Stay, Wish

DECIDED = (Wish.STATUS_OFFERED, Wish.STATUS_WAITLISTED, Wish.STATUS_REFUSED)


def _send(*, family, template: str, subject: str, **context) -> bool:
    """One e-mail to the family's guardians from ``sejours/emails/<template>``; False when
    the family has no address."""
    recipients = family_recipients(family)
    if not recipients:
        return False
    ctx = email_context(family=family, **context)
    structure = ctx["structure"]
    queue_email(
        to=recipients,
        subject=f"[{structure.name}] {subject}" if structure else subject,
        body=render_to_string(f"sejours/emails/{template}.txt", ctx),
        html=render_to_string(f"sejours/emails/{template}.html", ctx),
    )
    return True


def _row(wish: Wish) -> dict:
    activity = wish.stay.activity
    return {
        "wish": wish,
        "child": wish.child.first_name,
        "stay": activity.name,
        "start": activity.start_date,
        "end": activity.end_date,
        "destination": wish.stay.destination,
        "status": wish.status,
        "path": f"/mes-sejours/places/{wish.pk}",
    }


def _by_family(wishes: Iterable[Wish]) -> dict[int, list[Wish]]:
    groups: dict[int, list[Wish]] = defaultdict(list)
    for wish in wishes:
        groups[wish.family_id].append(wish)
    return groups


def _locked(ids: Iterable[int], **filters):
    return (
        Wish.objects.select_for_update(of=("self",))
        .filter(pk__in=list(ids), **filters)
        .select_related("stay__activity", "child", "family", "transport")
        .order_by("family_id", "child__first_name", "child_id", "rank")
    )


def send_decisions(*, wish_ids: list[int]) -> int:
    """One e-mail per family listing its children's decisions (place attribuée with the
    deadline, liste d'attente with the rank, refusée with the reason). A wish's decision is
    sent once: a second call, or a decision already told by :func:`notify_offer`, sends
    nothing. Returns the number of e-mails queued."""
    sent = 0
    with transaction.atomic():
        wishes = list(_locked(wish_ids, status__in=DECIDED, decision_sent_at__isnull=True))
        now = timezone.now()
        for items in _by_family(wishes).values():
            offered = [w for w in items if w.status == Wish.STATUS_OFFERED]
            sent += _send(
                family=items[0].family,
                template="decisions",
                subject="Attribution des places en séjour",
                rows=[_row(w) for w in items],
                offered=bool(offered),
            )
        Wish.objects.filter(pk__in=[w.pk for w in wishes]).update(decision_sent_at=now)
    return sent


def notify_offer(*, wish: Wish) -> None:
    """A place freed on the stay goes to this waitlisted wish: to accept before the date."""
    _send(
        family=wish.family,
        template="offer",
        subject=f"Une place s'est libérée : {wish.stay.activity.name}",
        row=_row(wish),
    )
    Wish.objects.filter(pk=wish.pk).update(decision_sent_at=timezone.now())


def notify_expired(*, wish: Wish) -> None:
    """The place was not confirmed in time: it went to the next family on the waiting list."""
    _send(
        family=wish.family,
        template="expired",
        subject=f"Place non confirmée : {wish.stay.activity.name}",
        row=_row(wish),
    )


def notify_stay_cancelled(*, wish_ids: list[int]) -> int:
    """The structure cancelled a stay: each family concerned is told, with the reason."""
    sent = 0
    wishes = (
        Wish.objects.filter(pk__in=list(wish_ids))
        .select_related("stay__activity", "child", "family")
        .order_by("family_id", "child__first_name", "rank")
    )
    for items in _by_family(wishes).values():
        stays = sorted({w.stay.activity.name for w in items})
        sent += _send(
            family=items[0].family,
            template="stay_cancelled",
            subject="Séjour annulé : " + ", ".join(stays),
            rows=[_row(w) for w in items],
            reasons=sorted({w.stay.cancel_reason for w in items if w.stay.cancel_reason}),
        )
    return sent


def send_convocations(*, stay: Stay, again: bool = False) -> int:
    """The convocation to each family with a confirmed place: meeting place and time of the
    chosen departure, trousseau and practical sheet (the PDF is in « Mes éditions »). Sent
    once per place unless ``again``. Returns the number of e-mails queued."""
    filters = {"stay": stay, "status": Wish.STATUS_ACCEPTED}
    if not again:
        filters["convocation_sent_at__isnull"] = True
    sent = 0
    with transaction.atomic():
        ids = Wish.objects.filter(**filters).values_list("pk", flat=True)
        wishes = list(_locked(ids, **filters))
        for items in _by_family(wishes).values():
            sent += _send(
                family=items[0].family,
                template="convocation",
                subject=f"Convocation : {stay.activity.name}",
                stay=stay,
                rows=[_row(w) for w in items],
            )
        Wish.objects.filter(pk__in=[w.pk for w in wishes]).update(
            convocation_sent_at=timezone.now()
        )
    return sent


def send_due_convocations(*, days_before: int = 7) -> int:
    """The convocations of the stays leaving within ``days_before`` days not sent yet (for a
    daily periodic task): each confirmed place is told once. Returns the e-mails queued."""
    from datetime import timedelta

    from core.tenancy.context import structure_today

    today = structure_today()
    stays = Stay.objects.filter(
        status=Stay.STATUS_OPEN,
        activity__start_date__range=(today, today + timedelta(days=days_before)),
        wishes__status=Wish.STATUS_ACCEPTED,
        wishes__convocation_sent_at__isnull=True,
    ).distinct()
    return sum(send_convocations(stay=stay) for stay in stays.select_related("activity"))
