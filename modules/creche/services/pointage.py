"""Pointage: a child's arrival and departure, recorded by the team (now, or typed) or by a
guardian at the door when the structure allows it. Times are wall-clock times of the
structure's zone. A correction of a past day needs a reason; every change is kept in the
presence's history (pghistory on ``Presence``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.booking.models import Reservation
from core.errors import DomainError
from core.tenancy.context import structure_localtime, structure_today
from modules.creche.models import Contract, CrecheSettings, Establishment, Presence

ARRIVAL = "arrival"
DEPARTURE = "departure"
ACTION_CHOICES = [(ARRIVAL, "Arrivée"), (DEPARTURE, "Départ")]


class PointageRefused(DomainError):
    code = "pointage_refused"
    status_code = 409


def now_time() -> time:
    """The structure's wall-clock time, to the minute."""
    return structure_localtime().time().replace(second=0, microsecond=0)


def expected_here(*, child, establishment: Establishment, day: date) -> bool:
    """Is the child expected in this establishment on ``day``: a running contract covering
    the day, or an occasional day held there (two small queries)."""
    if Contract.objects.filter(
        child=child,
        establishment=establishment,
        state__in=Contract.RUNNING,
        start_date__lte=day,
        end_date__gte=day,
    ).exists():
        return True
    return (
        establishment.activity_id is not None
        and Reservation.objects.filter(
            child=child,
            unit__activity_id=establishment.activity_id,
            date=day,
            state__in=(Reservation.CONFIRMED, Reservation.PRESENT),
        ).exists()
    )


def _require_expected(child, establishment: Establishment, day: date) -> None:
    if not expected_here(child=child, establishment=establishment, day=day):
        raise PointageRefused(
            f"{child.first_name} n'a ni contrat ni accueil occasionnel confirmé le "
            f"{day:%d/%m/%Y} à {establishment.name} : pointage impossible."
        )


@transaction.atomic
def clock(
    *,
    child,
    establishment: Establishment,
    day: date,
    action: str,
    at: time | None = None,
    by,
    source: str = Presence.SOURCE_STAFF,
) -> Presence:
    """Record the child's arrival or departure on ``day`` (default time: now). Refused: a
    second arrival, a departure without arrival or before it, a second departure, a child
    not expected that day."""
    if action not in (ARRIVAL, DEPARTURE):
        raise ValidationError({"action": "Action inconnue : arrivée ou départ."})
    at = (at or now_time()).replace(second=0, microsecond=0)
    _require_expected(child, establishment, day)
    presence = Presence.objects.select_for_update().filter(child=child, date=day).first()
    if action == ARRIVAL:
        if presence is not None:
            raise PointageRefused(
                f"L'arrivée de {child.first_name} est déjà pointée à {presence.arrival:%H:%M}."
            )
        try:
            with transaction.atomic():
                return Presence.objects.create(
                    child=child,
                    establishment=establishment,
                    date=day,
                    arrival=at,
                    source=source,
                    recorded_by=by,
                )
        except IntegrityError as error:  # the same arrival, pointed twice at once
            raise PointageRefused(f"L'arrivée de {child.first_name} est déjà pointée.") from error
    if presence is None:
        raise PointageRefused(
            f"Pointez d'abord l'arrivée de {child.first_name} : pas de départ sans arrivée."
        )
    if presence.departure is not None:
        raise PointageRefused(
            f"Le départ de {child.first_name} est déjà pointé à {presence.departure:%H:%M}."
        )
    if at <= presence.arrival:
        raise PointageRefused(
            f"Le départ ({at:%H:%M}) doit suivre l'arrivée ({presence.arrival:%H:%M})."
        )
    presence.departure, presence.recorded_by, presence.source = at, by, source
    presence.save(update_fields=["departure", "recorded_by", "source", "updated_at"])
    return presence


@transaction.atomic
def correct(
    *,
    presence: Presence | None = None,
    child=None,
    establishment: Establishment | None = None,
    day: date | None = None,
    arrival: time,
    departure: time | None,
    reason: str = "",
    by,
) -> Presence:
    """Staff set a day's times (a forgotten pointage, a mistake). On a past day a reason is
    required and the presence is marked « corrigé après coup »; the history keeps both."""
    if presence is not None:
        child, establishment, day = presence.child, presence.establishment, presence.date
    if departure is not None and departure <= arrival:
        raise ValidationError({"departure": "Le départ doit suivre l'arrivée."})
    past = day < structure_today()
    reason = reason.strip()
    if past and not reason:
        raise ValidationError({"reason": "Indiquez le motif de la correction d'un jour passé."})
    if day > structure_today():
        raise ValidationError("On ne pointe pas un jour à venir.")
    if presence is None:
        _require_expected(child, establishment, day)
        presence = Presence.objects.select_for_update().filter(child=child, date=day).first()
    if presence is None:
        presence = Presence(child=child, establishment=establishment, date=day)
    presence.arrival, presence.departure = arrival, departure
    presence.recorded_by, presence.source = by, Presence.SOURCE_STAFF
    if past:
        presence.corrected, presence.correction_reason = True, reason[:200]
    presence.save()
    return presence


def parent_clock(*, user, family, child, establishment: Establishment, action: str) -> Presence:
    """A guardian clocks their own child in or out, now, today only, when the structure lets
    parents clock (re-checked here, whatever the screen showed)."""
    if not CrecheSettings.current().parents_may_clock:
        raise PointageRefused("Le pointage par les parents n'est pas ouvert dans cette structure.")
    if child.family_id != family.pk:
        raise PointageRefused("Cet enfant n'est pas dans votre famille.")
    return clock(
        child=child,
        establishment=establishment,
        day=structure_today(),
        action=action,
        by=user,
        source=Presence.SOURCE_PARENT,
    )


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    label: str
    arrival: time
    departure: time | None
    source: str
    corrected: bool
    correction_reason: str
    author: str


LABELS = {"insert": "Pointage", "update": "Modification", "delete": "Suppression"}


def history(presence: Presence) -> list[HistoryRow]:
    """Every recorded state of the presence, oldest first, with who recorded it."""
    from core.accounts.models import User

    events = list(presence.events.order_by("pgh_id"))
    users = {
        u.pk: (u.get_full_name() or u.email)
        for u in User.objects.filter(pk__in={e.recorded_by_id for e in events if e.recorded_by_id})
    }
    return [
        HistoryRow(
            at=e.pgh_created_at,
            label=LABELS.get(e.pgh_label, e.pgh_label),
            arrival=e.arrival,
            departure=e.departure,
            source=e.source,
            corrected=e.corrected,
            correction_reason=e.correction_reason,
            author=users.get(e.recorded_by_id, "—"),
        )
        for e in events
    ]


@dataclass(frozen=True)
class DoorChild:
    """A child of the family expected today somewhere, with today's presence if any."""

    child: object
    establishment: Establishment
    presence: Presence | None


def family_today(*, family) -> list[DoorChild]:
    """The family's children expected today (running contract covering today, or an
    occasional day confirmed today), with their presence: what the door screen offers."""
    today = structure_today()
    found: dict[int, Establishment] = {}
    for contract in Contract.objects.filter(
        family=family, state__in=Contract.RUNNING, start_date__lte=today, end_date__gte=today
    ).select_related("child", "establishment"):
        found.setdefault(contract.child_id, contract.establishment)
    by_activity = {e.activity_id: e for e in Establishment.objects.filter(activity__isnull=False)}
    for child_id, activity_id in Reservation.objects.filter(
        child__family=family,
        unit__activity_id__in=list(by_activity),
        date=today,
        state__in=(Reservation.CONFIRMED, Reservation.PRESENT),
    ).values_list("child_id", "unit__activity_id"):
        found.setdefault(child_id, by_activity[activity_id])
    children = {c.pk: c for c in family.children.filter(pk__in=found)}
    presences = {p.child_id: p for p in Presence.objects.filter(child_id__in=found, date=today)}
    return [
        DoorChild(children[pk], found[pk], presences.get(pk))
        for pk in sorted(found, key=lambda pk: children[pk].first_name)
    ]
