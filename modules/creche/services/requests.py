"""Place requests (pré-inscriptions crèche): the family's request, the commission's decisions,
the family's answer to an offer, and the renewal the structure asks for.

Every transition goes through ``PlaceRequest.move_to`` on the row locked with
``select_for_update``: two clicks, two staff members or a task running twice find the state
already changed and are refused (or skip), so each e-mail of a step leaves once. Dates are
read in the structure's time zone (``structure_today``). An offer books nothing: the places
are held by the contract once the family accepted (decision 0024).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from core.tenancy.context import structure_localtime, structure_today
from modules.creche.models import CrecheSettings, Establishment, Section
from modules.creche.models.requests import PlaceRequest, RequestChoice
from modules.creche.models.schedules import ScheduleDay, day_of, parse_schedule
from modules.creche.services import request_notifications as notify
from modules.creche.services import slots

MAX_CHOICES = 3
#: How long before the lapse date the family is asked to confirm its request.
RENEWAL_NOTICE_DAYS = 15
#: The first weeks of an offer whose free places the commission sees.
AVAILABILITY_DAYS = 28
EXPIRED_REASON = "Sans réponse dans le délai"
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


class RequestRefused(DomainError):
    code = "request_refused"


class RequestConflict(DomainError):
    """Refused by the request's current state or deadline (another tab, a late click)."""

    code = "request_conflict"
    status_code = 409


def _months_between(born: date, on: date) -> int:
    """Whole months of age on ``on`` (born 15 January: 1 month on 15 February)."""
    delta = relativedelta(on, born)
    return delta.years * 12 + delta.months


def _schedule(raw, *, alternating: bool, field: str = "schedule") -> list[ScheduleDay]:
    try:
        return parse_schedule(raw, alternating=alternating)
    except ValidationError as error:
        raise RequestRefused(" ".join(error.messages), field=field) from error


def _locked(request: PlaceRequest) -> PlaceRequest:
    return (
        PlaceRequest.objects.select_for_update(of=("self",))
        .select_related("family", "child", "offer_establishment", "offer_section")
        .get(pk=request.pk)
    )


def _check_start(desired_start: date, today: date) -> None:
    if desired_start < today:
        raise RequestRefused(
            "La date d'entrée souhaitée ne peut pas être passée.", field="desired_start"
        )


def _check_child(*, child, due_date, expected_first_name, desired_start, today) -> None:
    if child is None and due_date is None:
        raise RequestRefused(
            "Choisissez l'enfant, ou indiquez la date de naissance prévue.", field="child"
        )
    if child is not None and (due_date is not None or expected_first_name):
        raise RequestRefused(
            "Choisissez un enfant de la famille ou un enfant à naître, pas les deux.",
            field="child",
        )
    if due_date is not None:
        if due_date < today:
            raise RequestRefused(
                "La date de naissance prévue ne peut pas être passée : l'enfant né, "
                "ajoutez-le à votre famille.",
                field="due_date",
            )
        if desired_start < due_date:
            raise RequestRefused(
                "L'entrée souhaitée ne peut précéder la naissance prévue.", field="desired_start"
            )
    if child is not None and child.birth_date > desired_start:
        raise RequestRefused(
            "L'entrée souhaitée ne peut précéder la naissance de l'enfant.",
            field="desired_start",
        )


def _choices(establishment_ids: list[int]) -> list[Establishment]:
    if not establishment_ids:
        raise RequestRefused("Choisissez au moins un établissement.", field="establishments")
    if len(establishment_ids) > MAX_CHOICES:
        raise RequestRefused(
            f"Choisissez au plus {MAX_CHOICES} établissements.", field="establishments"
        )
    if len(set(establishment_ids)) != len(establishment_ids):
        raise RequestRefused(
            "Un même établissement figure deux fois dans vos choix.", field="establishments"
        )
    found = Establishment.objects.filter(pk__in=establishment_ids, active=True).in_bulk()
    if len(found) != len(establishment_ids):
        raise RequestRefused(
            "Un des établissements choisis ne prend pas de demandes.", field="establishments"
        )
    return [found[pk] for pk in establishment_ids]


def submit_request(
    *,
    family,
    by,
    desired_start: date,
    care: str,
    schedule: list,
    establishment_ids: list[int],
    alternating: bool = False,
    child=None,
    due_date: date | None = None,
    expected_first_name: str = "",
    comment: str = "",
) -> PlaceRequest:
    """The family's request for a place, checked as a whole (nothing written on a refusal):
    a child of the family or an expected child, a start not in the past, 1 to 3 active
    establishments in the family's order whose ages take the child at the start, a weekly
    schedule on half-hours. The family is told by e-mail it was received."""
    today = structure_today()
    expected_first_name = expected_first_name.strip()
    if child is not None and child.family_id != family.pk:
        raise RequestRefused("Cet enfant n'est pas dans votre famille.", field="child")
    _check_start(desired_start, today)
    _check_child(
        child=child,
        due_date=due_date,
        expected_first_name=expected_first_name,
        desired_start=desired_start,
        today=today,
    )
    if care not in dict(PlaceRequest.CARE_CHOICES):
        raise RequestRefused("Type d'accueil inconnu.", field="care")
    days = _schedule(schedule, alternating=alternating)
    establishments = _choices(establishment_ids)
    born = child.birth_date if child is not None else due_date
    age = _months_between(born, desired_start)
    for establishment in establishments:
        if age >= establishment.max_age_months:
            raise RequestRefused(
                f"{establishment.name} accueille les enfants jusqu'à "
                f"{establishment.max_age_months} mois : à la date d'entrée souhaitée, "
                f"l'enfant en aura {age}.",
                field="establishments",
            )
    if len(comment) > 2000:
        raise RequestRefused("Le commentaire dépasse 2 000 caractères.", field="comment")
    with transaction.atomic():
        if child is not None:
            # Lock the child: two submissions at once cannot both pass the check below.
            type(child).objects.select_for_update().get(pk=child.pk)
            if PlaceRequest.objects.filter(
                child=child, state__in=PlaceRequest.OPEN_STATES
            ).exists():
                raise RequestRefused(
                    f"Une demande de place est déjà en cours pour {child.first_name}.",
                    field="child",
                    code="request_open",
                )
        now = timezone.now()
        request = PlaceRequest.objects.create(
            family=family,
            child=child,
            due_date=due_date if child is None else None,
            expected_first_name=expected_first_name if child is None else "",
            desired_start=desired_start,
            care=care,
            schedule=[d.as_json() for d in days],
            alternating=alternating,
            comment=comment.strip(),
            created_at=now,
            created_by=by,
            renewed_at=now,
        )
        RequestChoice.objects.bulk_create(
            RequestChoice(request=request, establishment=establishment, rank=rank)
            for rank, establishment in enumerate(establishments, start=1)
        )
        notify.request_received(request=request)
    return request


# The family's moves ---------------------------------------------------------------------


def withdraw(*, request: PlaceRequest, by) -> PlaceRequest:
    """The family withdraws its request (open, or offered and not answered)."""
    with transaction.atomic():
        request = _locked(request)
        request.move_to(PlaceRequest.WITHDRAWN, by=by)
        request.save()
    return request


def renew(*, request: PlaceRequest, by) -> PlaceRequest:
    """« Je confirme ma demande »: the family keeps its request when the structure asks; the
    renewal period starts again from now."""
    with transaction.atomic():
        request = _locked(request)
        if request.state not in (PlaceRequest.SUBMITTED, PlaceRequest.WAITLISTED):
            raise RequestConflict(
                f"La demande est « {request.get_state_display()} » : elle n'est plus à renouveler.",
                code="request_not_open",
            )
        if request.renewal_asked_at is None:
            raise RequestConflict(
                "Aucun renouvellement n'est demandé pour le moment.", code="renewal_not_asked"
            )
        request.renewed_at = timezone.now()
        request.renewal_asked_at = None
        request.save(update_fields=["renewed_at", "renewal_asked_at"])
    return request


def can_answer(request: PlaceRequest, *, today: date | None = None) -> bool:
    """An offer is answered until its ``offer_answer_by`` included (structure's day)."""
    today = today or structure_today()
    return (
        request.state == PlaceRequest.OFFERED
        and request.offer_answer_by is not None
        and today <= request.offer_answer_by
    )


def answer_offer(*, request: PlaceRequest, accept: bool, by) -> PlaceRequest:
    """The family accepts or declines the place offered, until the answer date included.
    The crèche's direction is told either way (the contract is theirs to establish)."""
    with transaction.atomic():
        request = _locked(request)
        if request.state != PlaceRequest.OFFERED:
            raise RequestConflict(
                f"La demande est « {request.get_state_display()} » : il n'y a pas de place "
                "proposée à laquelle répondre.",
                code="request_not_offered",
            )
        if not can_answer(request):
            raise RequestConflict(
                f"Le délai de réponse est dépassé : il fallait répondre au plus tard le "
                f"{request.offer_answer_by:%d/%m/%Y}.",
                code="offer_expired",
            )
        request.move_to(PlaceRequest.ACCEPTED if accept else PlaceRequest.DECLINED, by=by)
        request.save()
        notify.staff_answer(request=request)
    return request


# The commission -------------------------------------------------------------------------


def _check_offer_schedule(establishment: Establishment, days: list[ScheduleDay]) -> None:
    """Each day of the offer falls on a day the establishment opens, within its hours."""
    hours = {h.weekday: h for h in establishment.hours.all()}
    for day in days:
        opening = hours.get(day.weekday)
        label = WEEKDAYS[day.weekday]
        if opening is None:
            raise RequestRefused(
                f"{establishment.name} est fermé le {label}.", field="offer_schedule"
            )
        if day.arrival < opening.opens or day.departure > opening.closes:
            raise RequestRefused(
                f"Le {label}, {establishment.name} est ouvert de {opening.opens:%H:%M} à "
                f"{opening.closes:%H:%M}.",
                field="offer_schedule",
            )


def offer_place(
    *,
    request: PlaceRequest,
    by,
    establishment: Establishment,
    start: date,
    schedule: list,
    alternating: bool = False,
    section: Section | None = None,
) -> PlaceRequest:
    """The commission offers a place: an establishment (ranked by the family or not), a
    section of it, a start date and the weekly schedule; the family answers until today +
    ``offer_answer_days``. Nothing is booked yet: the contract holds the places."""
    today = structure_today()
    if start < today:
        raise RequestRefused("La date d'entrée proposée ne peut pas être passée.", field="start")
    if section is not None and section.establishment_id != establishment.pk:
        raise RequestRefused(
            f"Cette section n'est pas une section de {establishment.name}.", field="section"
        )
    if section is None and establishment.sections.exists():
        raise RequestRefused("Choisissez la section d'accueil.", field="section")
    days = _schedule(schedule, alternating=alternating, field="offer_schedule")
    _check_offer_schedule(establishment, days)
    answer_days = CrecheSettings.current().offer_answer_days
    with transaction.atomic():
        request = _locked(request)
        request.move_to(PlaceRequest.OFFERED, by=by)
        request.offer_establishment = establishment
        request.offer_section = section
        request.offer_start = start
        request.offer_schedule = [d.as_json() for d in days]
        request.offer_answer_by = today + timedelta(days=answer_days)
        request.answered_at = None
        request.reason = ""
        request.save()
        notify.offer_made(request=request)
    return request


def waitlist(*, request: PlaceRequest, by) -> PlaceRequest:
    """On the waiting list: a new request, or an offer the commission takes back."""
    with transaction.atomic():
        request = _locked(request)
        request.move_to(PlaceRequest.WAITLISTED, by=by)
        # A taken-back offer must not stay answerable nor expire later.
        request.offer_answer_by = None
        request.save()
        notify.waitlisted(request=request)
    return request


def refuse(*, request: PlaceRequest, by, reason: str) -> PlaceRequest:
    """Refused, with the reason the family reads."""
    reason = reason.strip()
    if not reason:
        raise RequestRefused(
            "Indiquez le motif du refus : il est communiqué à la famille.", field="reason"
        )
    with transaction.atomic():
        request = _locked(request)
        request.move_to(PlaceRequest.REFUSED, by=by, reason=reason)
        request.save()
        notify.refused(request=request)
    return request


def availability(
    *, establishment: Establishment, start: date, schedule: list, alternating: bool = False
) -> list[dict]:
    """For each day of the schedule in its first 4 weeks: the fewest free places over the
    half-hours the day covers (0 when a half-hour is closed or not open yet)."""
    days = _schedule(schedule, alternating=alternating, field="offer_schedule")
    dates = [start + timedelta(days=n) for n in range(AVAILABILITY_DAYS)]
    planned = [(d, day_of(days, d, start=start, alternating=alternating)) for d in dates]
    planned = [(d, care) for d, care in planned if care is not None]
    free = slots.free_places(establishment, [d for d, _ in planned])
    rows = []
    for d, care in planned:
        of_day = free.get(d, {})
        starts = slots.slot_starts(care.arrival, care.departure)
        places = [of_day.get(s) for s in starts]
        rows.append(
            {
                "date": d,
                "arrival": care.arrival,
                "departure": care.departure,
                "free": 0 if any(p is None for p in places) else min(places),
                "open": all(p is not None for p in places),
            }
        )
    return rows


# The periodic tasks ---------------------------------------------------------------------


def _local_day(value: datetime) -> date:
    return structure_localtime(value).date()


def _lapse_day(request: PlaceRequest, months: int) -> date:
    return _local_day(request.renewed_at) + relativedelta(months=months)


def lapse_and_remind() -> int:
    """Ask the families to confirm their open requests 15 days before they lapse (once), and
    lapse those not renewed: a request lapses on the day ``request_renewal_months`` after
    its last renewal, and never less than 15 days after the family was asked (a family is
    always given its 15 days, even when the task or the setting came late). Safe to run
    twice or in parallel (rows locked, conditions re-read). Returns the requests changed."""
    months = CrecheSettings.current().request_renewal_months
    if months <= 0:
        return 0
    today = structure_today()
    changed = 0
    open_states = (PlaceRequest.SUBMITTED, PlaceRequest.WAITLISTED)
    candidates = PlaceRequest.objects.filter(state__in=open_states).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            request = (
                PlaceRequest.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=pk, state__in=open_states)
                .select_related("family", "child")
                .first()
            )
            if request is None:
                continue
            lapse_on = _lapse_day(request, months)
            if request.renewal_asked_at is None:
                if today >= lapse_on - timedelta(days=RENEWAL_NOTICE_DAYS):
                    request.renewal_asked_at = timezone.now()
                    request.save(update_fields=["renewal_asked_at"])
                    notify.renewal_asked(
                        request=request,
                        lapse_on=max(lapse_on, today + timedelta(days=RENEWAL_NOTICE_DAYS)),
                    )
                    changed += 1
                continue
            asked_on = _local_day(request.renewal_asked_at)
            if today >= max(lapse_on, asked_on + timedelta(days=RENEWAL_NOTICE_DAYS)):
                request.move_to(PlaceRequest.LAPSED)
                request.save()
                notify.lapsed(request=request)
                changed += 1
    return changed


def renewal_deadline(request: PlaceRequest) -> date | None:
    """The day an open request asked for renewal lapses (shown to the family)."""
    if request.renewal_asked_at is None or request.state not in (
        PlaceRequest.SUBMITTED,
        PlaceRequest.WAITLISTED,
    ):
        return None
    months = CrecheSettings.current().request_renewal_months
    if months <= 0:
        return None
    asked_on = _local_day(request.renewal_asked_at)
    return max(_lapse_day(request, months), asked_on + timedelta(days=RENEWAL_NOTICE_DAYS))


def expire_offers() -> int:
    """Offers not answered by their date (structure's day) become declined « Sans réponse
    dans le délai »; the family and the crèche's direction are told. Idempotent."""
    today = structure_today()
    changed = 0
    ids = PlaceRequest.objects.filter(
        state=PlaceRequest.OFFERED, offer_answer_by__lt=today
    ).values_list("pk", flat=True)
    for pk in list(ids):
        with transaction.atomic():
            request = (
                PlaceRequest.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=pk, state=PlaceRequest.OFFERED, offer_answer_by__lt=today)
                .select_related("family", "child", "offer_establishment")
                .first()
            )
            if request is None:
                continue
            request.move_to(PlaceRequest.DECLINED, reason=EXPIRED_REASON)
            request.save()
            notify.offer_expired(request=request)
            changed += 1
    return changed
