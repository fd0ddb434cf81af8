"""Creating an activity from a module's activity kind: its calendar, policies and units."""

from __future__ import annotations

from datetime import date, time

from django.db import transaction

from core.catalog.models import Activity, Unit
from core.modules import registry


def _time(value: str) -> time | None:
    if not value:
        return None
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


@transaction.atomic
def create_activity(
    *,
    module: str,
    kind: str,
    name: str,
    season: str,
    start_date: date,
    end_date: date,
    with_units: bool = True,
    **fields,
) -> Activity:
    """An activity of ``module``'s ``kind`` with the kind's default calendar, booking and
    cancelling presets and units (staff edit them afterwards)."""
    from core.booking.presets import preset

    description = registry.get(module).activity_kind(kind)
    if description is None:
        raise ValueError(f"Type d'activité inconnu : {module}/{kind}")
    defaults = {"calendar": description.calendar}
    if description.booking_policy:
        defaults["booking_policy"] = preset(module, description.booking_policy)
    if description.cancel_policy:
        defaults["cancel_policy"] = preset(module, description.cancel_policy)
    activity = Activity.objects.create(
        module=module,
        kind=kind,
        name=name,
        season=season,
        start_date=start_date,
        end_date=end_date,
        **{**defaults, **fields},
    )
    if with_units:
        units = {}
        for order, spec in enumerate(description.units, start=1):
            units[spec.name] = Unit.objects.create(
                activity=activity,
                name=spec.name,
                short_label=spec.short_label,
                start_time=_time(spec.start),
                end_time=_time(spec.end),
                with_meal=spec.with_meal,
                weekdays=list(spec.weekdays),
                capacity=spec.capacity,
                booked_on_enrolment=spec.booked_on_enrolment,
                order=order * 10,
            )
        for spec in description.units:
            others = [units[n] for n in spec.incompatible_with if n in units]
            if others:
                units[spec.name].incompatible_with.add(*others)
    return activity
