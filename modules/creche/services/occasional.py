"""Accueil occasionnel: a family books a child's day (a half-day or some hours) on the places an
establishment has free, through the core's commit engine as a family (``staff=False``): the
booking windows apply, the capacity is locked, and with validation by the structure the day
is a request until staff accept or refuse it whole.

Why not the core cart: a day is 10 to 22 half-hour lines that must be taken together or not at
all, and the cart's « Terminer » commits every possible line and reports the others (a full
half-hour would go to its waiting list, which the crèche does not keep). ``slots.book_days``
calls the same ``apply_changes`` as the cart's checkout, in one transaction that is rolled back
when any half-hour fails, and :func:`occasional_refusals` (the module's ``validate_changes``
hook, asked by the cart too) refuses any partial day whatever the path.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction

from core.booking.models import Reservation
from core.booking.services import decisions
from core.booking.services.context import ACTION_CANCEL, BookingContext
from core.booking.services.engine import Change, apply_changes
from core.errors import DomainError
from core.module_hooks import Refusal
from core.tenancy.context import structure_today
from modules.creche.models import Contract, Establishment
from modules.creche.models.establishments import SLOT_MINUTES, on_slot
from modules.creche.services import slots
from modules.creche.services.establishments import apply_validation

PARTIAL = (
    "Une journée d'accueil occasionnel se réserve et s'annule en entier, d'une seule traite : "
    "annulez-la pour la changer."
)
UNDER_CONTRACT = (
    "L'enfant a un contrat d'accueil ce jour-là dans cet établissement : les heures en plus "
    "se voient avec la direction."
)
NO_OCCASIONAL = "Cet établissement ne propose pas d'accueil occasionnel."
CONTRACT_DAY = "Ce jour fait partie du contrat d'accueil : déclarez plutôt une absence."
NO_LONGER_OCCASIONAL = (
    "L'établissement ne propose plus d'accueil occasionnel, voyez avec la crèche."
)

#: The contracts whose days are the contract's, never occasional care a family may cancel.
CONTRACT_DAY_STATES = (Contract.PROPOSED, Contract.SIGNED, Contract.ENDED)

#: The presets of the booking screen.
MORNING = (time(8, 0), time(12, 0))
AFTERNOON = (time(13, 30), time(17, 30))


class OccasionalRefused(DomainError):
    code = "occasional_refused"
    status_code = 409


def age_months(birth: date, day: date) -> int:
    """Whole months of age on ``day`` (born 15/01 → 1 month on 15/02, 0 on 14/02)."""
    months = (day.year - birth.year) * 12 + day.month - birth.month
    return months - (day.day < birth.day)


def age_refusal(establishment: Establishment, child, day: date) -> str:
    months = age_months(child.birth_date, day)
    if months < establishment.min_age_months or months >= establishment.max_age_months:
        return (
            f"{child.first_name} aura {months} mois le {day:%d/%m/%Y} : {establishment.name} "
            f"accueille les enfants de {establishment.min_age_months} à "
            f"{establishment.max_age_months} mois."
        )
    return ""


def _contiguous(starts: list[time]) -> bool:
    minutes = sorted(s.hour * 60 + s.minute for s in starts)
    return all(b - a == SLOT_MINUTES for a, b in zip(minutes, minutes[1:], strict=False))


def _covering(child_ids, establishment_ids, days) -> dict[tuple[int, int, date], set[str]]:
    """(child, establishment, day) → the states of the contracts covering it by their date
    range (proposed, signed or ended), in one query."""
    covered: dict[tuple[int, int, date], set[str]] = defaultdict(set)
    if not days:
        return covered
    for child_id, establishment_id, start, end, state in Contract.objects.filter(
        child_id__in=child_ids,
        establishment_id__in=establishment_ids,
        state__in=CONTRACT_DAY_STATES,
        start_date__lte=max(days),
        end_date__gte=min(days),
    ).values_list("child_id", "establishment_id", "start_date", "end_date", "state"):
        for d in days:
            if start <= d <= end:
                covered[(child_id, establishment_id, d)].add(state)
    return covered


def _contract_days(
    child_ids, establishment_ids, days, *, states=Contract.RUNNING
) -> set[tuple[int, int, date]]:
    """(child, establishment, day) covered by a contract in one of ``states``."""
    return {
        key
        for key, found in _covering(child_ids, establishment_ids, days).items()
        if found & set(states)
    }


def occasional_refusals(*, changes, openings: dict, staff: bool, family) -> list[Refusal]:
    """The module's refusals of a family's changes on the crèche's places (staff, who book the
    contracts, are never refused here): a cancellation of a contract day (its places are the
    contract's: the family declares an absence), a day booked or cancelled only in part, a
    booking on a day already held, on an establishment without occasional care, for a child
    outside its ages or under contract that day. Four queries whatever the number of
    changes."""
    if staff or not changes:
        return []
    from core.families.models import Child

    groups: dict[tuple[int, int, date, str], list] = defaultdict(list)
    for change in changes:
        opening = openings[change.opening_id]
        groups[(change.child_id, opening.unit.activity_id, opening.date, change.action)].append(
            change
        )
    activity_ids = {key[1] for key in groups}
    child_ids = {key[0] for key in groups}
    days = {key[2] for key in groups}
    establishments = {
        e.activity_id: e for e in Establishment.objects.filter(activity_id__in=activity_ids)
    }
    children = {c.pk: c for c in Child.objects.filter(pk__in=child_ids)}
    held: dict[tuple[int, int, date], set[int]] = defaultdict(set)
    for child_id, activity_id, day, opening_id in Reservation.objects.filter(
        child_id__in=child_ids,
        unit__activity_id__in=activity_ids,
        date__in=days,
        state__in=Reservation.LIVE,
    ).values_list("child_id", "unit__activity_id", "date", "opening_id"):
        held[(child_id, activity_id, day)].add(opening_id)
    covered = _covering(child_ids, [e.pk for e in establishments.values()], days)
    refusals: list[Refusal] = []
    for (child_id, activity_id, day, action), given in groups.items():
        establishment = establishments.get(activity_id)
        child = children.get(child_id)
        if establishment is None or child is None:
            continue
        opening_ids = {c.opening_id for c in given}
        code, reason = "", ""
        contracts = covered.get((child_id, establishment.pk, day), set())
        if action == ACTION_CANCEL:
            if contracts:
                code, reason = "contract_day", CONTRACT_DAY
            elif opening_ids != held[(child_id, activity_id, day)]:
                code, reason = "partial_day", PARTIAL
        elif not establishment.occasional_care:
            code, reason = "no_occasional", NO_OCCASIONAL
        elif contracts & set(Contract.RUNNING):
            code, reason = "under_contract", UNDER_CONTRACT
        elif held[(child_id, activity_id, day)] or not _contiguous(
            [openings[pk].unit.start_time for pk in opening_ids]
        ):
            code, reason = "partial_day", PARTIAL
        elif message := age_refusal(establishment, child, day):
            code, reason = "age", message
        if code:
            refusals.extend(Refusal(change, code, reason) for change in given)
    return refusals


def bookable_establishments():
    return Establishment.objects.filter(
        active=True, occasional_care=True, activity__isnull=False
    ).order_by("order", "name")


def book_day(
    *,
    family,
    child,
    establishment: Establishment,
    day: date,
    arrival: time,
    departure: time,
    by,
) -> list[Reservation]:
    """Book ``child``'s day from ``arrival`` to ``departure`` (half-hours) as a family: every
    half-hour or none (``SlotFull`` / ``SlotClosed`` / a refusal, nothing written). The day is
    « demandé » when the structure validates occasional care, else confirmed."""
    if not (establishment.active and establishment.occasional_care):
        raise OccasionalRefused(NO_OCCASIONAL)
    if not (on_slot(arrival) and on_slot(departure)):
        raise ValidationError("Les horaires se choisissent à la demi-heure (8:00, 8:30…).")
    if departure <= arrival:
        raise ValidationError("L'heure de départ doit suivre l'heure d'arrivée.")
    if day < structure_today():
        raise ValidationError("Cette date est passée.")
    if message := age_refusal(establishment, child, day):
        raise OccasionalRefused(message)
    apply_validation(establishment)
    result = slots.book_days(
        child_id=child.pk,
        establishment=establishment,
        days=[slots.DayCare(day, arrival, departure)],
        by=by,
        family=family,
        staff=False,
    )
    return list(Reservation.objects.filter(pk__in=[o.reservation_id for o in result.done]))


@dataclass
class OccasionalDay:
    """A child's occasional day in an establishment, its half-hours gathered."""

    child: object
    establishment: Establishment
    day: date
    arrival: time
    departure: time
    state: str
    reservation_ids: list[int]
    can_cancel: bool = False
    cancel_reason: str = ""

    @property
    def key(self) -> str:
        return f"{self.child.pk}-{self.establishment.pk}-{self.day:%Y-%m-%d}"


STATE_ORDER = (
    Reservation.REQUESTED,
    Reservation.CANCEL_REQUESTED,
    Reservation.CONFIRMED,
    Reservation.PRESENT,
)


def _gather(reservations, establishments: dict[int, Establishment]) -> list[OccasionalDay]:
    """Group half-hour reservations by child, establishment and day (the day's state: the
    first of ``STATE_ORDER`` any of its half-hours is in)."""
    grouped: dict[tuple[int, int, date], list[Reservation]] = defaultdict(list)
    for reservation in reservations:
        grouped[(reservation.child_id, reservation.unit.activity_id, reservation.date)].append(
            reservation
        )
    days = []
    for (_, activity_id, day), rows in grouped.items():
        states = {r.state for r in rows}
        state = next((s for s in STATE_ORDER if s in states), rows[0].state)
        last = max(r.unit.end_time for r in rows)
        days.append(
            OccasionalDay(
                child=rows[0].child,
                establishment=establishments[activity_id],
                day=day,
                arrival=min(r.unit.start_time for r in rows),
                departure=last,
                state=state,
                reservation_ids=sorted(r.pk for r in rows),
            )
        )
    return sorted(days, key=lambda d: (d.day, d.arrival, d.child.first_name))


def _occasional(reservations) -> list[Reservation]:
    """Drop the half-hours of contract days (the contracts' places, shown elsewhere)."""
    reservations = list(reservations)
    covered = _contract_days(
        {r.child_id for r in reservations},
        list(Establishment.objects.values_list("pk", flat=True)),
        {r.date for r in reservations},
        states=CONTRACT_DAY_STATES,
    )
    by_activity = dict(Establishment.objects.values_list("activity_id", "pk"))
    return [
        r
        for r in reservations
        if (r.child_id, by_activity.get(r.unit.activity_id), r.date) not in covered
    ]


def _establishments() -> dict[int, Establishment]:
    return {e.activity_id: e for e in Establishment.objects.filter(activity__isnull=False)}


def family_days(*, family, since: date | None = None) -> list[OccasionalDay]:
    """The family's occasional days from ``since`` (default: today), each with whether it may
    still be cancelled now (the booking windows, as the engine will check them)."""
    since = since or structure_today()
    establishments = _establishments()
    reservations = _occasional(
        Reservation.objects.filter(
            child__family=family,
            unit__activity_id__in=list(establishments),
            date__gte=since,
            state__in=Reservation.LIVE,
        ).select_related("child", "unit__activity")
    )
    days = _gather(reservations, establishments)
    ctx = BookingContext.load(activity_ids=list(establishments))
    units = {r.pk: r.unit for r in reservations}
    for day in days:
        if not (day.establishment.active and day.establishment.occasional_care):
            # The cancel route takes only the establishments offering occasional care.
            day.cancel_reason = NO_LONGER_OCCASIONAL
        elif day.state == Reservation.REQUESTED:
            day.can_cancel = True
        elif day.state == Reservation.CONFIRMED:
            decision = ctx.decide(
                unit=units[day.reservation_ids[0]], day=day.day, action=ACTION_CANCEL
            )
            day.can_cancel, day.cancel_reason = decision.allowed, decision.reason
        else:
            day.cancel_reason = "Déjà en cours d'annulation ou passé."
    return days


@transaction.atomic
def cancel_day(*, family, child, establishment: Establishment, day: date, by) -> int:
    """Cancel the child's occasional day, every half-hour at once, as a family (the windows
    apply; with validation by the structure a confirmed day becomes a cancellation request).
    A day of one of the child's contracts there is refused: its places are the contract's
    (cancelling them would sell them again while the child still comes and is billed); the
    family declares an absence instead. Returns the half-hours changed."""
    if _contract_days([child.pk], [establishment.pk], [day], states=CONTRACT_DAY_STATES):
        raise OccasionalRefused(CONTRACT_DAY)
    ids = list(
        Reservation.objects.filter(
            child=child,
            unit__activity_id=establishment.activity_id,
            date=day,
            state__in=Reservation.LIVE,
        ).values_list("opening_id", flat=True)
    )
    if not ids:
        raise OccasionalRefused("Aucun accueil occasionnel à annuler ce jour-là.")
    result = apply_changes(
        changes=[Change(child.pk, pk, ACTION_CANCEL) for pk in ids],
        by=by,
        staff=False,
        family=family,
    )
    if result.failed:
        # All or nothing: undo the half-hours already cancelled in this transaction.
        raise OccasionalRefused(f"Annulation impossible : {result.failed[0].reason}.")
    return len(result.done)


def pending_days(*, establishment: Establishment | None = None) -> list[OccasionalDay]:
    """The occasional days waiting for the structure: booking requests and cancellation
    requests (a confirmed day the family cancels when the structure validates), oldest first."""
    establishments = _establishments()
    qs = Reservation.objects.filter(
        unit__activity_id__in=list(establishments),
        state__in=(Reservation.REQUESTED, Reservation.CANCEL_REQUESTED),
        date__gte=structure_today(),
    ).select_related("child__family", "unit")
    if establishment is not None:
        qs = qs.filter(unit__activity_id=establishment.activity_id)
    return _gather(_occasional(qs), establishments)


#: A staff decision on a day → (the state its half-hours are in, the core's decision).
DECISIONS = {
    decisions.DECISION_ACCEPT: Reservation.REQUESTED,
    decisions.DECISION_REFUSE: Reservation.REQUESTED,
    decisions.CANCEL_EXCUSED: Reservation.CANCEL_REQUESTED,
    decisions.CANCEL_BILLED: Reservation.CANCEL_REQUESTED,
}
DECISION_CHOICES = [
    (decisions.DECISION_ACCEPT, "Accepter la demande"),
    (decisions.DECISION_REFUSE, "Refuser la demande"),
    (decisions.CANCEL_EXCUSED, "Accepter l'annulation (places libérées)"),
    (decisions.CANCEL_BILLED, "Refuser l'annulation (journée due)"),
]


def decide_day(
    *,
    child_id: int,
    establishment: Establishment,
    day: date,
    decision: str,
    reason: str = "",
    by,
) -> int:
    """Decide a child's day whole through the core's decisions: accept or refuse a booking
    request (a refusal frees the places and tells the family), or answer a cancellation request
    (excused: places freed; billed: the day stays due). Returns the half-hours decided."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": "Décision inconnue."})
    ids = list(
        Reservation.objects.filter(
            child_id=child_id,
            unit__activity_id=establishment.activity_id,
            date=day,
            state=DECISIONS[decision],
        ).values_list("pk", flat=True)
    )
    if not ids:
        what = "demande" if DECISIONS[decision] == Reservation.REQUESTED else "annulation"
        raise OccasionalRefused(f"Aucune {what} d'accueil occasionnel en attente ce jour-là.")
    if DECISIONS[decision] == Reservation.CANCEL_REQUESTED:
        return len(decisions.decide_cancellations(reservation_ids=ids, decision=decision, by=by))
    return len(
        decisions.decide_requests(reservation_ids=ids, decision=decision, by=by, reason=reason)
    )
