"""A weekly schedule as stored on requests, offers and contract terms.

One JSON list of ``{"week": "A"|"B", "weekday": 0–6, "arrival": "08:00", "departure": "17:30"}``
— week "B" only for alternating schedules (garde alternée, parents' shifts). Validated and read
through :func:`parse_schedule`, never trusted as stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from django.core.exceptions import ValidationError

from modules.creche.models.establishments import on_slot

WEEKS = ("A", "B")


@dataclass(frozen=True)
class ScheduleDay:
    week: str
    weekday: int
    arrival: time
    departure: time

    @property
    def minutes(self) -> int:
        return (self.departure.hour * 60 + self.departure.minute) - (
            self.arrival.hour * 60 + self.arrival.minute
        )

    def as_json(self) -> dict:
        return {
            "week": self.week,
            "weekday": self.weekday,
            "arrival": f"{self.arrival:%H:%M}",
            "departure": f"{self.departure:%H:%M}",
        }


def _time(value) -> time:
    if isinstance(value, time):
        return value
    try:
        hours, minutes = str(value).split(":")[:2]
        return time(int(hours), int(minutes))
    except (ValueError, TypeError) as error:
        raise ValidationError(f"Heure invalide : « {value} » (attendu : 08:30).") from error


def parse_schedule(raw, *, alternating: bool = False, slots: bool = True) -> list[ScheduleDay]:
    """The days of a stored or posted schedule, checked: known weeks and weekdays, arrival
    before departure, at most one entry per week and weekday, on half-hours when ``slots``.

    With ``alternating``, week B may stay empty (shared custody with care only in week A): the
    days alone then look like a weekly schedule, so :func:`day_of` and :func:`hours_per_week`
    must be given the same ``alternating`` flag to plan every other week."""
    if not isinstance(raw, list) or not raw:
        raise ValidationError("Indiquez au moins un jour d'accueil.")
    days: list[ScheduleDay] = []
    seen: set[tuple[str, int]] = set()
    for item in raw:
        if not isinstance(item, dict):
            raise ValidationError("Chaque jour d'accueil a un jour, une arrivée et un départ.")
        week = str(item.get("week") or "A")
        if week not in WEEKS or (week == "B" and not alternating):
            raise ValidationError("Semaine inconnue : « A », ou « B » pour une alternance.")
        try:
            weekday = int(item.get("weekday"))
        except (TypeError, ValueError) as error:
            raise ValidationError("Jour de la semaine invalide.") from error
        if weekday not in range(7):
            raise ValidationError("Les jours vont de 0 (lundi) à 6 (dimanche).")
        day = ScheduleDay(week, weekday, _time(item.get("arrival")), _time(item.get("departure")))
        if day.minutes <= 0:
            raise ValidationError("L'heure de départ doit suivre l'heure d'arrivée.")
        if slots and not (on_slot(day.arrival) and on_slot(day.departure)):
            raise ValidationError("Les horaires se règlent à la demi-heure (8:00, 8:30…).")
        if (week, weekday) in seen:
            raise ValidationError("Un même jour figure deux fois dans le planning.")
        seen.add((week, weekday))
        days.append(day)
    return sorted(days, key=lambda d: (d.week, d.weekday))


class Schedule(list):
    """Parsed days that carry their terms' ``alternating`` flag, for code that reads a schedule
    without being given the flag (``services.rates.compute``)."""

    def __init__(self, days, *, alternating: bool | None = None) -> None:
        super().__init__(days)
        self.alternating = alternating


def terms_schedule(raw, *, alternating: bool, slots: bool = True) -> Schedule:
    """:func:`parse_schedule` of stored terms whose ``alternating`` flag is authoritative (an
    empty week B is a week without care) — what :func:`day_of` / :func:`hours_per_week` read
    when called without the flag."""
    return Schedule(
        parse_schedule(raw, alternating=alternating, slots=slots), alternating=alternating
    )


def _alternating(days: list[ScheduleDay], alternating: bool | None) -> bool:
    # The terms' flag decides when known: a shared custody with care only in week A is still
    # alternating (care every other week), though it has no week-B day.
    if alternating is None:
        alternating = getattr(days, "alternating", None)
    if alternating is not None:
        return alternating
    return any(d.week == "B" for d in days)


def hours_per_week(days: list[ScheduleDay], *, alternating: bool | None = None) -> Decimal:
    """Average hours of a week (an alternating schedule: the mean of its two weeks, an empty
    week B counting as a week without care). ``alternating`` is the flag stored with the
    schedule; None takes it from a :class:`Schedule` (:func:`terms_schedule`), else infers it from
    the presence of a week-B day (older callers)."""
    weeks = 2 if _alternating(days, alternating) else 1
    minutes = sum(d.minutes for d in days)
    return (Decimal(minutes) / 60 / weeks).quantize(Decimal("0.01"))


def week_of(day: date, *, start: date) -> str:
    """ "A" or "B": alternating weeks counted from the Monday of ``start``'s week."""
    monday = start.toordinal() - start.weekday()
    return WEEKS[((day.toordinal() - day.weekday() - monday) // 7) % 2]


def day_of(
    days: list[ScheduleDay], on: date, *, start: date, alternating: bool | None = None
) -> ScheduleDay | None:
    """The planned day on ``on`` (None: no care that day). ``alternating``: as for
    :func:`hours_per_week`; with it, a week B left empty is a week without care."""
    week = week_of(on, start=start) if _alternating(days, alternating) else "A"
    return next((d for d in days if d.week == week and d.weekday == on.weekday()), None)
