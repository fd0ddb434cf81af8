"""Enrolment requests and decisions; a validated enrolment may book its pattern at once."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.booking.models import Enrolment
from core.catalog.models import Activity, ActivityGroup, Opening
from core.errors import DomainError
from core.families.models import Child
from core.families.services.missing import MissingItem, missing_items


class DossierIncomplete(DomainError):
    """The family's file lacks what the activity requires: ``items``, each with its link,
    which the API gives with the refusal so the parent can complete them."""

    code = "dossier_incomplete"

    def __init__(self, items: list[MissingItem]) -> None:
        super().__init__(
            "Le dossier n'est pas complet pour cette activité : complétez ces éléments puis "
            "renouvelez la demande."
        )
        self.items = items


@dataclass(frozen=True)
class EnrolmentResult:
    enrolment: Enrolment
    booked: int = 0
    waitlisted: int = 0


def _age_on(child: Child, on) -> int:
    born = child.birth_date
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _check_eligibility(*, child: Child, activity: Activity, group: ActivityGroup | None) -> None:
    today = timezone.localdate()
    if not activity.published:
        raise ValidationError("Cette activité n'est pas proposée.")
    if activity.enrolment_opens_on and today < activity.enrolment_opens_on:
        raise ValidationError(
            f"Les inscriptions ouvrent le {activity.enrolment_opens_on:%d/%m/%Y}."
        )
    if activity.enrolment_closes_on and today > activity.enrolment_closes_on:
        raise ValidationError(
            f"Les inscriptions sont closes depuis le {activity.enrolment_closes_on:%d/%m/%Y}."
        )
    if activity.end_date < today:
        raise ValidationError("Cette activité est terminée.")
    age = _age_on(child, max(activity.start_date, today))
    if activity.min_age is not None and age < activity.min_age:
        raise ValidationError(f"Activité à partir de {activity.min_age} ans.")
    if activity.max_age is not None and age > activity.max_age:
        raise ValidationError(f"Activité jusqu'à {activity.max_age} ans.")
    levels = {level.pk for level in activity.school_levels.all()}
    if levels and child.school_level_id not in levels:
        raise ValidationError("La classe de l'enfant n'est pas admise dans cette activité.")
    groups = list(activity.groups.all())
    if groups and group is None:
        raise ValidationError({"group": "Choisissez un groupe."})
    if group is not None:
        if group.activity_id != activity.pk:
            raise ValidationError({"group": "Groupe inconnu pour cette activité."})
        group_levels = {level.pk for level in group.school_levels.all()}
        if group_levels and child.school_level_id not in group_levels:
            raise ValidationError({"group": "La classe de l'enfant ne correspond pas au groupe."})


def enrolment_missing_items(*, child: Child, activity: Activity, user=None) -> list[MissingItem]:
    """What the family's file still lacks for ``child`` to be enrolled in ``activity`` (fields,
    consents of ``user`` or of every guardian with a login, authorisations, the documents the
    activity needs): an enrolment is refused while it is not empty. The one check the
    enrolment requests pass, and the demo's validated enrolments too (tests/demo)."""
    return missing_items(
        family=child.family,
        user=user,
        child=child,
        module=activity.module,
        activity_kind=activity.kind,
    )


def request_enrolment(
    *, child: Child, activity: Activity, group: ActivityGroup | None = None, user
) -> EnrolmentResult:
    """A parent asks to enrol ``child``: refused while the file lacks what the activity
    needs; validated at once or left to the staff, per activity; waiting list when full."""
    _check_eligibility(child=child, activity=activity, group=group)
    missing = enrolment_missing_items(child=child, activity=activity, user=user)
    if missing:
        raise DossierIncomplete(missing)
    with transaction.atomic():
        # Serialise the enrolments of one activity: "maximum N" must hold under concurrency.
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        status = Enrolment.STATUS_REQUESTED
        if activity.max_enrolments is not None:
            taken = Enrolment.objects.filter(
                activity=activity,
                status__in=[Enrolment.STATUS_VALIDATED, Enrolment.STATUS_REQUESTED],
            ).count()
            if taken >= activity.max_enrolments:
                status = Enrolment.STATUS_WAITLISTED
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    child=child, activity=activity, group=group, status=status, requested_by=user
                )
        except IntegrityError:
            raise ValidationError("Cet enfant est déjà inscrit à cette activité.") from None
        if (
            status == Enrolment.STATUS_REQUESTED
            and activity.enrolment_validation == Activity.VALIDATION_AUTO
        ):
            return validate_enrolment(enrolment=enrolment, by=None)
    return EnrolmentResult(enrolment)


def openings_booked_at_enrolment(
    *, enrolment: Enrolment, book_past_deadlines: bool = False, ctx=None
) -> list[Opening]:
    """The openings a validated ``enrolment`` books: those of the units "booked at enrolment",
    from today (or the activity's start) on, open, in the enrolment's group.

    Only the days still open under each unit's booking policy (``core.booking.windows``, in
    the structure's time zone with its calendar): a day whose deadline has passed (today, the
    rest of a month closed on the 20th, a holiday window closed) is left out, as a family could
    not book it either. ``book_past_deadlines`` (a staff decision) books them too.
    """
    from core.booking import windows
    from core.booking.services.context import ACTION_BOOK, BookingContext

    activity = enrolment.activity
    openings = (
        Opening.objects.filter(
            unit__activity=activity,
            unit__booked_on_enrolment=True,
            date__gte=max(timezone.localdate(), activity.start_date),
            closed=False,
        )
        .select_related("unit__activity")
        .order_by("date", "unit_id", "pk")
    )
    if enrolment.group_id:
        openings = openings.filter(group_id=enrolment.group_id)
    if book_past_deadlines:
        return list(openings)
    ctx = ctx or BookingContext.load(activity_ids=[activity.pk])
    passed = (windows.PAST, windows.DEADLINE_PASSED)
    return [
        opening
        for opening in openings
        if ctx.decide(unit=opening.unit, day=opening.date, action=ACTION_BOOK).code not in passed
    ]


@transaction.atomic
def validate_enrolment(
    *, enrolment: Enrolment, by, book_past_deadlines: bool = False
) -> EnrolmentResult:
    """Validate, then book the units the activity books on enrolment: the days still open
    under their booking policy, or every day from today on when staff ask for it
    (``book_past_deadlines``, recorded on the enrolment)."""
    from core.booking.services.engine import Change, apply_changes

    enrolment.validate(by=by)
    if book_past_deadlines:
        enrolment.booked_past_deadlines = True
        enrolment.save(update_fields=["booked_past_deadlines"])
    openings = openings_booked_at_enrolment(
        enrolment=enrolment, book_past_deadlines=book_past_deadlines
    )
    changes = [Change(enrolment.child_id, opening.pk, "book") for opening in openings]
    result = apply_changes(changes=changes, by=by, staff=True, family=enrolment.child.family)
    waitlisted = sum(1 for o in result.done if o.state == "waitlisted")
    from core.booking.services.notifications import notify_enrolment_decided

    notify_enrolment_decided(enrolment=enrolment)
    return EnrolmentResult(enrolment, booked=len(result.done) - waitlisted, waitlisted=waitlisted)


@transaction.atomic
def decide_enrolments(
    *,
    enrolment_ids,
    decision: str,
    by,
    reason: str = "",
    book_past_deadlines: bool = False,
) -> list[Enrolment]:
    """Staff accept (validate), refuse (with a reason) or waitlist pending enrolments.

    On acceptance, ``book_past_deadlines`` also books the days of the units "booked at
    enrolment" whose booking deadline has passed (off by default, recorded)."""
    if decision == "refuse" and not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    enrolments = list(
        Enrolment.objects.select_for_update()
        .filter(
            pk__in=enrolment_ids,
            status__in=[Enrolment.STATUS_REQUESTED, Enrolment.STATUS_WAITLISTED],
        )
        .select_related("activity", "child__family")
    )
    from core.booking.services.notifications import notify_enrolment_decided

    for enrolment in enrolments:
        if decision == "accept":
            validate_enrolment(enrolment=enrolment, by=by, book_past_deadlines=book_past_deadlines)
        elif decision == "refuse":
            enrolment.refuse(by=by, reason=reason.strip())
            notify_enrolment_decided(enrolment=enrolment)
        else:
            enrolment.waitlist(by=by, reason=reason.strip())
    return enrolments


def ensure_validated_enrolment(*, child_id: int, activity_id: int, requested_by, by) -> Enrolment:
    """The child's live enrolment on the activity, validated by ``by`` (created when missing):
    for a module whose own decision enrols the child (a place given by the séjours
    commission, a crèche contract or occasional day) before the engine books it."""
    enrolment = (
        Enrolment.objects.filter(
            child_id=child_id, activity_id=activity_id, status__in=Enrolment.LIVE
        )
        .order_by("pk")
        .first()
    )
    now = timezone.now()
    if enrolment is None:
        return Enrolment.objects.create(
            child_id=child_id,
            activity_id=activity_id,
            status=Enrolment.STATUS_VALIDATED,
            requested_by=requested_by,
            decided_at=now,
            decided_by=by,
        )
    if enrolment.status != Enrolment.STATUS_VALIDATED:
        enrolment.status = Enrolment.STATUS_VALIDATED
        enrolment.decided_at, enrolment.decided_by = now, by
        enrolment.save(update_fields=["status", "decided_at", "decided_by"])
    return enrolment
