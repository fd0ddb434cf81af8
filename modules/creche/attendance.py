"""A month of crèche care in billable quantities, as pure functions.

The Django layer of the module expands the contract's weekly schedule into the month's
:class:`PlannedDay` rows, reads the pointage (:class:`Presence`) and the qualified absences
(:class:`Absence`), calls :func:`month_quantities`, and turns the :class:`MonthQuantities` into
invoice lines (monthly fee, extra hours, deductions) at the contract's hourly rate. Nothing here
touches the database: the rules can be checked over thousands of generated months
(``tests/creche/test_attendance.py``), and the explanation lines each result carries answer the
family's « pourquoi ? » in the words the pre-billing screen and the invoice print.

The rules (``docs/creche.md``, « Présences, absences et dépassements »), after the Cnaf's
prestation de service unique (PSU):

* **Extra hours** (dépassements): on each day, the time present before the planned start and
  after the planned end; a day attended without any planned schedule (occasional hours) is
  extra in full. Rounded **up, per day**, to the structure's unit (``Rules.rounding_minutes``,
  30 by default: every started half-hour is due); an exact multiple is not rounded further.
* **Deductions**: hospitalisation (bulletin), éviction by the crèche's doctor and the crèche's
  own closures are deducted from the first day; an illness with a medical certificate after a
  waiting period (carence) of the first day and the next two **calendar** days, counted from
  the absence's real first day, even in the previous month. Only planned hours that were not
  attended are deducted, so a deduction never exceeds the day's planned schedule.
* **Leave** (congé) declared within the contract is not deducted: the contract's weeks of care
  already exclude the family's weeks of leave, so the monthly fee never charged them;
  deducting them again would refund them twice. They are counted apart (``leave_hours``).
* Anything else (``other``, an illness during its carence, a planned day with neither
  pointage nor declared absence, a child taken home before the planned end) is non-deductible:
  the planned hours stay billed, and are counted in ``non_deductible_hours``. In minutes, the
  Cnaf's equation then holds day by day: hours billed (planned − deducted − leave + extra) =
  hours attended + non-deductible absence + what rounding the extra time up added.

Hours are ``Decimal`` with two decimals (ROUND_HALF_UP), always computed from whole minutes
and rounded once, at the end: a month's total is never a sum of rounded days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Literal

from core.money import format_money

CENT = Decimal("0.01")
ZERO_HOURS = Decimal("0.00")
MINUTES_PER_HOUR = 60

WEEKDAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


class AbsenceKind(StrEnum):
    """How staff qualified an absence; the proof each needs is checked before, by staff."""

    HOSPITALISATION = "hospitalisation"  # bulletin d'hospitalisation
    EVICTION = "eviction"  # éviction prononcée par le médecin de la crèche
    CLOSURE = "closure"  # fermeture de l'établissement
    ILLNESS = "illness"  # maladie avec certificat médical (sans certificat : ``other``)
    LEAVE = "leave"  # congé déclaré, compris dans les semaines de congé du contrat
    OTHER = "other"  # toute autre absence : non déductible


ABSENCE_LABELS: dict[AbsenceKind, str] = {
    AbsenceKind.HOSPITALISATION: "hospitalisation (bulletin d'hospitalisation)",
    AbsenceKind.EVICTION: "éviction par le médecin de la crèche",
    AbsenceKind.CLOSURE: "fermeture de l'établissement",
    AbsenceKind.ILLNESS: "maladie (certificat médical)",
    AbsenceKind.LEAVE: "congé prévu au contrat",
    AbsenceKind.OTHER: "absence non justifiée ou autre motif",
}


# --- Inputs ------------------------------------------------------------------------------------


def _minutes(value: time) -> int:
    """Minutes since midnight. The pointage is kept to the minute: seconds are ignored, so a
    tablet's clock never creates a started half-hour out of a few seconds."""
    return value.hour * MINUTES_PER_HOUR + value.minute


@dataclass(frozen=True)
class PlannedDay:
    """One day of the contract's schedule, expanded for the month by the caller (alternating
    weeks, closures already known, amendments: all resolved before reaching here)."""

    day: date
    start: time
    end: time

    def __post_init__(self) -> None:
        if _minutes(self.end) <= _minutes(self.start):
            raise ValueError(f"Horaire prévu invalide le {_date(self.day)} : fin avant début.")

    @property
    def minutes(self) -> int:
        return _minutes(self.end) - _minutes(self.start)


@dataclass(frozen=True)
class Presence:
    """One arrival and departure recorded by the pointage; a day may hold several (a child
    taken home at noon and brought back), never overlapping."""

    day: date
    arrival: time
    departure: time

    def __post_init__(self) -> None:
        if _minutes(self.departure) < _minutes(self.arrival):
            raise ValueError(f"Pointage invalide le {_date(self.day)} : départ avant arrivée.")

    @property
    def minutes(self) -> int:
        return _minutes(self.departure) - _minutes(self.arrival)


@dataclass(frozen=True)
class Absence:
    """A qualified absence, whole days from ``start`` to ``end`` inclusive. Give the whole
    absence, even the days outside the month billed: an illness's carence counts from its real
    first day."""

    start: date
    end: date
    kind: AbsenceKind

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"Absence invalide : fin le {_date(self.end)} avant le début.")
        object.__setattr__(self, "kind", AbsenceKind(self.kind))

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Rules:
    """The structure's choices, written in its règlement de fonctionnement."""

    #: Extra time is due by started unit: 30 = every started half-hour is due.
    rounding_minutes: int = 30
    #: Extra minutes forgiven per day before anything is due (0: none). Beyond it, the whole
    #: extra time is rounded, not only what exceeds the tolerance: the tolerance is a grace for
    #: a late parent, not a discount.
    tolerance_minutes: int = 0
    #: Waiting period of an illness, in calendar days including the first day of absence.
    carence_days: int = 3
    #: Kinds deducted from the first day (the PSU's three cases).
    deductible_from_first_day: frozenset[AbsenceKind] = frozenset(
        {AbsenceKind.HOSPITALISATION, AbsenceKind.EVICTION, AbsenceKind.CLOSURE}
    )
    #: Kinds deducted once their carence is over.
    deductible_after_carence: frozenset[AbsenceKind] = frozenset({AbsenceKind.ILLNESS})

    def __post_init__(self) -> None:
        if self.rounding_minutes < 1:
            raise ValueError("L'unité d'arrondi doit être d'au moins une minute.")
        if self.tolerance_minutes < 0 or self.carence_days < 0:
            raise ValueError("La tolérance et la carence ne peuvent pas être négatives.")
        if self.deductible_from_first_day & self.deductible_after_carence:
            raise ValueError("Un motif ne peut pas être déductible de deux façons.")
        if AbsenceKind.LEAVE in self.deductible_from_first_day | self.deductible_after_carence:
            # Leave is already outside the contract's weeks: deducting it would refund it twice.
            raise ValueError("Les congés du contrat ne sont jamais déductibles.")


# --- Outputs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayDetail:
    """What one day of the month counts for, in minutes (exact), with its explanation."""

    day: date
    planned_minutes: int
    attended_minutes: int
    extra_raw_minutes: int
    extra_minutes: int  # rounded up to the unit: what is billed
    absence_kind: AbsenceKind | None
    deducted_minutes: int
    leave_minutes: int
    non_deductible_minutes: int
    line: str


@dataclass(frozen=True)
class MonthQuantities:
    """A child's month in hours (Decimal, two decimals) and the reasons, in French."""

    year: int
    month: int
    planned_hours: Decimal
    attended_hours: Decimal  # heures réalisées
    extra_hours: Decimal  # dépassements, arrondis à l'unité, jour par jour
    deducted_hours: Decimal  # == sum(deducted_by_kind.values())
    deducted_by_kind: Mapping[AbsenceKind, Decimal]
    leave_hours: Decimal  # congés du contrat : ni déduits ni facturés en plus
    non_deductible_hours: Decimal  # heures prévues non réalisées qui restent facturées
    days: tuple[DayDetail, ...]
    lines: tuple[str, ...]
    extra_minutes: int = 0  # exact, for the check that extras are whole units

    @property
    def due_hours(self) -> Decimal:
        """Hours due for the month as it went: planned − deductions − leave + extra hours.
        The regularisation compares their sum over the contract with the hours billed."""
        return self.planned_hours - self.deducted_hours - self.leave_hours + self.extra_hours


# --- Helpers -----------------------------------------------------------------------------------


def hours(minutes: int) -> Decimal:
    """Minutes as hours, two decimals, half up (the billing core's rounding)."""
    return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(CENT, rounding=ROUND_HALF_UP)


def _split_hours(parts: Mapping[AbsenceKind, int]) -> dict[AbsenceKind, Decimal]:
    """Each part's hours such that they add up exactly to ``hours(sum(parts))``: the total is
    rounded once, and its cents are shared by largest remainder. Rounding each part on its own
    could make the deductions' lines exceed the planned hours by a cent or two."""
    total = hours(sum(parts.values()))
    exact = {kind: Decimal(m) / MINUTES_PER_HOUR for kind, m in parts.items() if m}
    floors = {kind: value.quantize(CENT, rounding=ROUND_DOWN) for kind, value in exact.items()}
    left = int((total - sum(floors.values(), ZERO_HOURS)) / CENT)
    by_remainder = sorted(exact, key=lambda kind: (floors[kind] - exact[kind], kind.value))
    for kind in by_remainder[: max(left, 0)]:
        floors[kind] += CENT
    return {kind: floors[kind] for kind in AbsenceKind if kind in floors}


def _date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _day(value: date) -> str:
    return f"{WEEKDAYS[value.weekday()]} {_date(value)}"


def _clock(minutes: int) -> str:
    return f"{minutes // MINUTES_PER_HOUR}h{minutes % MINUTES_PER_HOUR:02d}"


def _h(minutes: int) -> str:
    """« 9,00 h »: hours as the invoice prints them."""
    return f"{hours(minutes)} h".replace(".", ",")


def _duration(minutes: int) -> str:
    """« 35 min », « 1 h 05 »: a raw duration, before any rounding."""
    if minutes < MINUTES_PER_HOUR:
        return f"{minutes} min"
    return f"{minutes // MINUTES_PER_HOUR} h {minutes % MINUTES_PER_HOUR:02d}"


def _round_up(minutes: int, unit: int) -> int:
    return -(-minutes // unit) * unit


def _merge_illnesses(absences: Iterable[Absence]) -> list[Absence]:
    """Illness absences that touch or overlap form one illness: a certificate of prolongation
    continues the same illness, so its carence is not counted a second time."""
    merged: list[Absence] = []
    for absence in sorted(absences, key=lambda a: (a.start, a.end)):
        if merged and absence.start <= merged[-1].end + timedelta(days=1):
            last = merged[-1]
            merged[-1] = Absence(last.start, max(last.end, absence.end), AbsenceKind.ILLNESS)
        else:
            merged.append(absence)
    return merged


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


# --- The month ---------------------------------------------------------------------------------


def month_quantities(
    *,
    year: int,
    month: int,
    planned: Sequence[PlannedDay],
    presences: Sequence[Presence] = (),
    absences: Sequence[Absence] = (),
    rules: Rules | None = None,
) -> MonthQuantities:
    """The month's billable quantities for one child's contract.

    ``planned`` and ``presences`` outside the month are ignored; ``absences`` are taken whole
    (an illness begun the month before still counts its carence from its first day), but only
    the month's planned days are deducted.
    """
    rules = rules or Rules()
    first, last = _month_bounds(year, month)

    plan: dict[date, PlannedDay] = {}
    for planned_day in planned:
        if first <= planned_day.day <= last:
            if planned_day.day in plan:
                raise ValueError(f"Deux horaires prévus le {_date(planned_day.day)}.")
            plan[planned_day.day] = planned_day

    attended: dict[date, list[Presence]] = defaultdict(list)
    for presence in presences:
        if first <= presence.day <= last:
            attended[presence.day].append(presence)
    for day, records in attended.items():
        records.sort(key=lambda p: _minutes(p.arrival))
        for before, after in zip(records, records[1:], strict=False):
            if _minutes(after.arrival) < _minutes(before.departure):
                raise ValueError(f"Pointages qui se chevauchent le {_date(day)}.")

    illnesses = _merge_illnesses(a for a in absences if a.kind == AbsenceKind.ILLNESS)
    qualified = [a for a in absences if a.kind != AbsenceKind.ILLNESS] + illnesses
    qualified.sort(key=lambda a: (a.start, a.end, a.kind.value))

    lines: list[str] = [
        _absence_line(absence, rules, plan, first, last)
        for absence in qualified
        if absence.start <= last and absence.end >= first
    ]
    details: list[DayDetail] = []
    for day in sorted(set(plan) | set(attended)):
        details.append(_day_detail(day, plan.get(day), attended.get(day, []), qualified, rules))
    lines.extend(detail.line for detail in details if detail.line)

    deducted_minutes: dict[AbsenceKind, int] = defaultdict(int)
    for detail in details:
        if detail.deducted_minutes:
            assert detail.absence_kind is not None
            deducted_minutes[detail.absence_kind] += detail.deducted_minutes
    by_kind = _split_hours(deducted_minutes)
    extra_minutes = sum(d.extra_minutes for d in details)

    return MonthQuantities(
        year=year,
        month=month,
        planned_hours=hours(sum(d.planned_minutes for d in details)),
        attended_hours=hours(sum(d.attended_minutes for d in details)),
        extra_hours=hours(extra_minutes),
        deducted_hours=sum(by_kind.values(), ZERO_HOURS),
        deducted_by_kind=by_kind,
        leave_hours=hours(sum(d.leave_minutes for d in details)),
        non_deductible_hours=hours(sum(d.non_deductible_minutes for d in details)),
        days=tuple(details),
        lines=tuple(lines),
        extra_minutes=extra_minutes,
    )


def _carence_end(absence: Absence, rules: Rules) -> date:
    """The last day of an illness's waiting period: its first day and the next calendar days,
    weekends and month ends included (the Cnaf counts calendar days, not days of care)."""
    return absence.start + timedelta(days=rules.carence_days - 1)


def _treatment(absence: Absence, day: date, rules: Rules) -> tuple[int, str]:
    """(rank, reason) of an absence on a day: 0 deducted, 1 leave, 2 billed. When several
    absences cover a day, the lowest rank wins: a hospitalisation during a week of leave or of
    illness carence is deducted, as the family would be by either proof alone."""
    kind = absence.kind
    if kind in rules.deductible_from_first_day:
        return 0, "déduite dès le premier jour"
    if kind in rules.deductible_after_carence:
        if day > _carence_end(absence, rules):
            return 0, f"déduite après la carence (1er jour d'absence le {_date(absence.start)})"
        rank = (day - absence.start).days + 1
        return 2, (
            f"jour {rank} de carence sur {rules.carence_days} "
            f"(1er jour d'absence le {_date(absence.start)}) : non déduite"
        )
    if kind == AbsenceKind.LEAVE:
        return 1, "déjà exclu de la mensualisation : ni déduit ni facturé en plus"
    return 2, "non déductible : les heures prévues restent facturées"


def _day_detail(
    day: date,
    planned_day: PlannedDay | None,
    presences: list[Presence],
    absences: Sequence[Absence],
    rules: Rules,
) -> DayDetail:
    attended = sum(p.minutes for p in presences)
    parts: list[str] = []
    if planned_day is None:
        # Occasional hours on a day out of contract: all of it is beyond the contract.
        planned = within = 0
        extra_raw = attended
        parts.append("aucun accueil prévu au contrat")
    else:
        start, end = _minutes(planned_day.start), _minutes(planned_day.end)
        planned = end - start
        within = sum(
            max(0, min(_minutes(p.departure), end) - max(_minutes(p.arrival), start))
            for p in presences
        )
        extra_raw = attended - within
        parts.append(f"prévu {_clock(start)}–{_clock(end)} ({_h(planned)})")

    if presences:
        spans = ", ".join(
            f"{_clock(_minutes(p.arrival))}–{_clock(_minutes(p.departure))}" for p in presences
        )
        parts.append(f"présent {spans} ({_h(attended)})")

    extra = 0
    if extra_raw > rules.tolerance_minutes:
        extra = _round_up(extra_raw, rules.rounding_minutes)
    if extra_raw:
        if extra:
            rounded = (
                ""
                if extra == extra_raw
                else f", arrondi à {_h(extra)} (toute tranche de "
                f"{rules.rounding_minutes} min commencée est due)"
            )
            parts.append(f"dépassement de {_duration(extra_raw)}{rounded}")
        else:
            parts.append(
                f"dépassement de {_duration(extra_raw)} dans la tolérance de "
                f"{rules.tolerance_minutes} min : non facturé"
            )

    kind: AbsenceKind | None = None
    deducted = leave = billed = 0
    missed = planned - within
    covering = [a for a in absences if a.covers(day)]
    if planned_day is not None and covering and missed:
        ranked = min((_treatment(a, day, rules), index, a) for index, a in enumerate(covering))
        (rank, reason), _index, absence = ranked
        kind = absence.kind
        label = ABSENCE_LABELS[kind]
        if rank == 0:
            deducted = missed
            parts.append(f"{label}, {reason} : {_h(missed)} déduites")
        elif rank == 1:
            leave = missed
            parts.append(f"{label} ({_h(missed)}), {reason}")
        else:
            billed = missed
            parts.append(f"{label}, {reason} ({_h(missed)})")
    elif missed:
        # No qualified absence: the planned hours not attended stay billed, as any absence
        # that is not deductible (the family reserved them).
        billed = missed
        if presences:
            parts.append(f"{_h(missed)} prévues non réalisées, facturées")
        else:
            parts.append(f"aucun pointage ni absence déclarée : {_h(missed)} facturées")
    if planned_day is None and covering:
        parts.append("absence déclarée un jour sans accueil prévu : rien à déduire")

    return DayDetail(
        day=day,
        planned_minutes=planned,
        attended_minutes=attended,
        extra_raw_minutes=extra_raw,
        extra_minutes=extra,
        absence_kind=kind,
        deducted_minutes=deducted,
        leave_minutes=leave,
        non_deductible_minutes=billed,
        line=f"{_day(day)} : " + " ; ".join(parts) + ".",
    )


def _absence_line(
    absence: Absence, rules: Rules, plan: Mapping[date, PlannedDay], first: date, last: date
) -> str:
    """One line per absence: its kind, its dates, the carence, and how many of its days of the
    month had no care planned (an absence on such a day deducts nothing)."""
    label = ABSENCE_LABELS[absence.kind]
    if absence.start == absence.end:
        text = f"{label[0].upper()}{label[1:]} le {_date(absence.start)}"
    else:
        text = f"{label[0].upper()}{label[1:]} du {_date(absence.start)} au {_date(absence.end)}"
    if absence.kind in rules.deductible_from_first_day:
        text += " : déductible dès le premier jour"
    elif absence.kind in rules.deductible_after_carence:
        carence_end = _carence_end(absence, rules)
        if rules.carence_days == 0:
            text += " : déductible dès le premier jour (pas de carence)"
        else:
            text += (
                f" : carence du {_date(absence.start)} au {_date(carence_end)} (premier jour et "
                f"{rules.carence_days - 1} jours calendaires suivants), déductible à partir du "
                f"{_date(carence_end + timedelta(days=1))}"
            )
    elif absence.kind == AbsenceKind.LEAVE:
        text += " : congé compris dans les semaines de congé du contrat, non déduit"
    else:
        text += " : non déductible"
    day, unplanned = max(absence.start, first), 0
    while day <= min(absence.end, last):
        unplanned += day not in plan
        day += timedelta(days=1)
    if unplanned:
        text += f" ; {unplanned} jour(s) du mois sans accueil prévu, sans effet sur la facture"
    return text + "."


# --- Amendments in the middle of a month -------------------------------------------------------


@dataclass(frozen=True)
class MonthShare:
    """The part of a month a schedule runs from a date: ``part / whole``, kept as integers
    (minutes of planned care, or calendar days) so the amount is rounded once, to the cent."""

    part: int
    whole: int
    basis: Literal["heures prévues", "jours calendaires"]

    @property
    def fraction(self) -> Decimal:
        """For display only (four decimals); amounts use :meth:`apply`."""
        return (Decimal(self.part) / Decimal(self.whole)).quantize(Decimal("0.0001"))

    def apply(self, amount: Decimal) -> Decimal:
        return (Decimal(amount) * self.part / self.whole).quantize(CENT, rounding=ROUND_HALF_UP)

    def describe(self) -> str:
        if self.basis == "heures prévues":
            return f"{_h(self.part)} prévues sur {_h(self.whole)}"
        return f"{self.part} jours sur {self.whole}"


def month_share(
    *, year: int, month: int, effective_from: date, planned: Sequence[PlannedDay]
) -> MonthShare:
    """The share of the month from ``effective_from`` (included) to its end, measured on the
    planned hours of ``planned`` (the schedule expanded for the whole month).

    Why planned hours: the PSU bills hours, not days, and the monthly fee is the smoothing of
    the contract's hours; a change on a Thursday for a child who comes Mondays and Tuesdays
    leaves fewer of the month's hours to the new terms than calendar days would say. When the
    schedule plans no hour in the month (a month of closure), calendar days are the fallback,
    so the share is always defined.
    """
    first, last = _month_bounds(year, month)
    if not first <= effective_from <= last:
        raise ValueError(f"La date d'effet {_date(effective_from)} n'est pas dans le mois.")
    in_month = [p for p in planned if first <= p.day <= last]
    whole = sum(p.minutes for p in in_month)
    if whole:
        part = sum(p.minutes for p in in_month if p.day >= effective_from)
        return MonthShare(part=part, whole=whole, basis="heures prévues")
    days = last.day
    return MonthShare(part=days - effective_from.day + 1, whole=days, basis="jours calendaires")


@dataclass(frozen=True)
class Proration:
    """A month billed under two sets of terms: before and from an amendment's date."""

    before: Decimal
    after: Decimal
    share_before: MonthShare
    share_after: MonthShare
    lines: tuple[str, ...]

    @property
    def total(self) -> Decimal:
        return self.before + self.after


def prorate_amendment(
    *,
    year: int,
    month: int,
    effective_from: date,
    old_monthly_amount: Decimal,
    old_planned: Sequence[PlannedDay],
    new_monthly_amount: Decimal,
    new_planned: Sequence[PlannedDay],
) -> Proration:
    """The month's fee when an amendment (new schedule, new resources, new rate) applies from
    ``effective_from``: the old fee for the old schedule's hours before the date, the new fee
    for the new schedule's hours from it. Each fee is measured against its own schedule,
    because each is the smoothing of its own contract hours."""
    old_amount, new_amount = Decimal(old_monthly_amount), Decimal(new_monthly_amount)
    if old_amount < 0 or new_amount < 0:
        raise ValueError("Un montant mensuel ne peut pas être négatif.")
    old_share = month_share(
        year=year, month=month, effective_from=effective_from, planned=old_planned
    )
    share_before = MonthShare(old_share.whole - old_share.part, old_share.whole, old_share.basis)
    share_after = month_share(
        year=year, month=month, effective_from=effective_from, planned=new_planned
    )
    before = share_before.apply(old_amount)
    if old_amount == new_amount and share_after == old_share:
        # Same fee on the same hours: the month must add up to the fee, not to two roundings.
        after = old_amount.quantize(CENT, rounding=ROUND_HALF_UP) - before
    else:
        after = share_after.apply(new_amount)
    day_before = effective_from - timedelta(days=1)
    lines: list[str] = []
    if share_before.part:
        lines.append(
            f"Jusqu'au {_date(day_before)} : {format_money(old_amount)} × "
            f"{share_before.describe()} = {format_money(before)}"
        )
    lines.append(
        f"À partir du {_date(effective_from)} (avenant) : {format_money(new_amount)} × "
        f"{share_after.describe()} = {format_money(after)}"
    )
    return Proration(
        before=before,
        after=after,
        share_before=share_before,
        share_after=share_after,
        lines=tuple(lines),
    )
