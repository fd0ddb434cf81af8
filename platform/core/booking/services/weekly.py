"""The "semaine type": units per weekday over a date range (all, even or odd weeks), turned
into bookings in the cart — the ones the openings, windows and capacity allow — with a report
of the days it could not book and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from core.booking.models import Cart, Enrolment, WeeklyTemplate
from core.booking.services.cart import LineView, RequestedChange, add_changes
from core.booking.services.context import ACTION_BOOK
from core.catalog.models import Opening


@dataclass
class TemplateReport:
    added: int = 0
    skipped: list[LineView] = field(default_factory=list)
    not_open: Counter = field(default_factory=Counter)  # weekday/unit asked but no opening


def week_matches(day: date, parity: str) -> bool:
    week = day.isocalendar().week
    if parity == WeeklyTemplate.PARITY_EVEN:
        return week % 2 == 0
    if parity == WeeklyTemplate.PARITY_ODD:
        return week % 2 == 1
    return True


@transaction.atomic
def apply_template(
    *,
    cart: Cart,
    child,
    activity,
    start: date,
    end: date,
    parity: str,
    slots: list[tuple[int, int]],
    user,
) -> TemplateReport:
    """Add to ``cart`` the bookings of ``slots`` ((weekday, unit id) pairs) for ``child``."""
    if end < start:
        raise ValidationError({"end": "La fin de la période doit suivre son début."})
    if (end - start).days > 400:
        raise ValidationError({"end": "Une période d'au plus un an."})
    enrolment = Enrolment.objects.filter(
        child=child, activity=activity, status=Enrolment.STATUS_VALIDATED
    ).first()
    if enrolment is None:
        raise ValidationError("Une inscription validée à cette activité est nécessaire.")
    unit_ids = {unit_id for _, unit_id in slots}
    known = set(activity.units.filter(pk__in=unit_ids).values_list("pk", flat=True))
    if unit_ids - known:
        raise ValidationError({"slots": "Prestation inconnue pour cette activité."})
    wanted = {(weekday, unit_id) for weekday, unit_id in slots}
    openings = Opening.objects.filter(
        unit_id__in=unit_ids,
        date__range=(max(start, activity.start_date), min(end, activity.end_date)),
    )
    if enrolment.group_id:
        openings = openings.filter(group_id=enrolment.group_id)
    changes = [
        RequestedChange(child.pk, opening.pk, ACTION_BOOK)
        for opening in openings.only("pk", "date", "unit_id")
        if (opening.date.weekday(), opening.unit_id) in wanted
        and week_matches(opening.date, parity)
    ]
    refused = add_changes(cart=cart, changes=changes)
    refused = [v for v in refused if v.code != "already"]
    WeeklyTemplate.objects.create(
        child=child,
        activity=activity,
        start_date=start,
        end_date=end,
        parity=parity,
        slots=[list(slot) for slot in sorted(wanted)],
        created_by=user,
    )
    return TemplateReport(added=len(changes) - len(refused), skipped=refused)
