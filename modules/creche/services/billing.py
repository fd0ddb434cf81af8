"""The crèche's monthly invoice lines (``Module.invoice_line_sources``): for each contract
running in a run's month(s), the monthly fee (whole in every month the contract touches, split
by an avenant only, the rate recomputed under the PSU parameters in force that month), the
extra hours and the deductions per kind of absence (each day at its own rate), the family's
occasional care, and the regularisation at the contract's end.

Stable references — ``fee:<contract>:<YYYY-MM>``, ``extra:<contract>:<YYYY-MM>``,
``deduction:<contract>:<YYYY-MM>:<kind>``,
``occasional:<family>:<child>:<establishment>:<YYYY-MM>``, ``regularisation:<contract>`` — so
the core bills each once, whatever the number of runs.

A run bills every calendar month its period touches, whole (the monthly billing is run after
the month, once the pointage is complete). The number of queries does not depend on the number
of children: everything is loaded per run (``load_month``), then computed in Python
(``bench/creche_billing.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from core.billing.models import Invoice, InvoiceLine
from core.billing.rules import BILLABLE_STATES
from core.billing.services.drafts import issued_lines
from core.booking.models import Reservation
from core.families.models import AnnualResources, Family
from core.module_hooks import ExtraLine
from core.money import format_money
from modules.creche import attendance, psu
from modules.creche.models import (
    Absence,
    Contract,
    ContractTerms,
    CrecheSettings,
    Establishment,
    Presence,
)
from modules.creche.models.schedules import day_of, parse_schedule
from modules.creche.services import planning, rates

MODULE = "creche"
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
BILLED_STATES = (Contract.PROPOSED, Contract.SIGNED, Contract.ENDED)
SLOT_HOURS = Decimal("0.5")
# An illness begun before the month counts its carence from its first day: absences are read
# from this many days before the month (a longer illness is merged by its continuation).
ABSENCE_LOOKBACK_DAYS = 62
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _hours_text(value: Decimal) -> str:
    return f"{value} h".replace(".", ",")


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def months_between(start: date, end: date) -> list[tuple[int, int]]:
    """The calendar months that [start, end] touches, in order."""
    months, year, month = [], start.year, start.month
    while date(year, month, 1) <= end:
        months.append((year, month))
        year, month = year + (month == 12), month % 12 + 1
    return months


def issued_references(references: Iterable[str]) -> set[str]:
    """Those of the crèche's line ``references`` already on an issued invoice (one query)."""
    return set(
        issued_lines()
        .filter(source_module=MODULE, source_reference__in=list(references))
        .values_list("source_reference", flat=True)
    )


# --- What one contract's month gives -------------------------------------------------------------


@dataclass
class Segment:
    """The part of the month under one set of terms, at the rate in force that month."""

    terms: ContractTerms
    start: date
    end: date
    rate: psu.Rate
    full_fee: Decimal
    share: attendance.MonthShare
    amount: Decimal
    hours: Decimal


@dataclass
class ContractMonth:
    contract: Contract
    year: int
    month: int
    quantities: attendance.MonthQuantities
    segments: list[Segment]
    fee_lines: tuple[str, ...]
    lines: list[ExtraLine] = field(default_factory=list)
    open_presences: int = 0

    @property
    def rate(self) -> Decimal:
        return self.segments[-1].rate.hourly_rate if self.segments else ZERO

    @property
    def billed_hours(self) -> Decimal:
        """Hours this month's lines bill: the fee's hours, plus extras, minus deductions."""
        return sum((line.quantity for line in self.lines), ZERO)

    @property
    def amount(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


@dataclass
class Loaded:
    """Everything a month's computation reads, loaded in a fixed number of queries."""

    first: date
    last: date
    contracts: list[Contract]
    presences: dict[int, list[Presence]]
    absences: dict[int, list[Absence]]
    calendars: dict[int, planning.Calendar]
    params: psu.ParameterHistory
    rules: attendance.Rules
    settings: CrecheSettings


def _contracts(*, first: date, last: date, establishment_ids: Iterable[int] | None):
    qs = (
        Contract.objects.filter(state__in=BILLED_STATES, start_date__lte=last, end_date__gte=first)
        .select_related("child", "family", "establishment__activity")
        .prefetch_related(Prefetch("terms", queryset=ContractTerms.objects.order_by("number")))
        .order_by("family_id", "child_id", "pk")
    )
    if establishment_ids is not None:
        qs = qs.filter(establishment_id__in=list(establishment_ids))
    return list(qs)


def load(
    *,
    first: date,
    last: date,
    establishment_ids: Iterable[int] | None = None,
    contracts: list[Contract] | None = None,
) -> Loaded:
    """The contracts billed in [first, last] and their pointage, absences and calendars."""
    if contracts is None:
        contracts = _contracts(first=first, last=last, establishment_ids=establishment_ids)
    child_ids = {c.child_id for c in contracts}
    presences: dict[int, list[Presence]] = defaultdict(list)
    for presence in Presence.objects.filter(child_id__in=child_ids, date__range=(first, last)):
        presences[presence.child_id].append(presence)
    absences: dict[int, list[Absence]] = defaultdict(list)
    for absence in Absence.objects.filter(
        contract_id__in=[c.pk for c in contracts],
        start_date__lte=last,
        end_date__gte=first - timedelta(days=ABSENCE_LOOKBACK_DAYS),
    ):
        absences[absence.contract_id].append(absence)
    calendars = {}
    for establishment in {c.establishment_id: c.establishment for c in contracts}.values():
        calendars[establishment.pk] = planning.calendar_for(
            establishment_id=establishment.pk,
            activity_id=establishment.activity_id,
            start=first,
            end=last,
        )
    settings = CrecheSettings.current()
    return Loaded(
        first=first,
        last=last,
        contracts=contracts,
        presences=presences,
        absences=absences,
        calendars=calendars,
        params=rates.history(),
        rules=settings.rules(),
        settings=settings,
    )


def _expand(
    terms: ContractTerms, *, contract: Contract, first: date, last: date, calendar
) -> list[attendance.PlannedDay]:
    """The schedule of ``terms`` over the whole month, whatever the contract's dates: the
    measure an avenant's part of the month is a share of."""
    days = parse_schedule(terms.schedule, alternating=terms.alternating)
    planned, day = [], first
    while day <= last:
        if not calendar.closed(day):
            slot = day_of(days, day, start=contract.start_date, alternating=terms.alternating)
            if slot is not None:
                planned.append(attendance.PlannedDay(day, slot.arrival, slot.departure))
        day += timedelta(days=1)
    return planned


def _segments(
    contract: Contract, *, first: date, last: date, data: Loaded
) -> tuple[list[Segment], tuple[str, ...]]:
    """The fee of the month: one segment per set of terms in force, each fee prorated on its
    own schedule's planned hours (``attendance.month_share``); one set of terms in the month
    bills its whole fee."""
    # A month the contract touches is billed whole, even when the contract starts or ends in
    # it: the mensualisation already spreads the contract's real weeks over the months it
    # touches (``contracts.default_months``), so prorating the first or last month would
    # reduce it twice. Only an avenant splits a month (``docs/creche.md``).
    terms = (
        sorted(
            (t for t in contract.terms.all() if t.effective_from <= contract.end_date),
            key=lambda t: (t.effective_from, t.number),
        )
        or sorted(contract.terms.all(), key=lambda t: (t.effective_from, t.number))[:1]
    )
    calendar = data.calendars[contract.establishment_id]

    def applies_from(index: int, row: ContractTerms) -> date:
        # The first terms, and terms dated on or before the contract's start, run from the
        # month's first day.
        if index == 0 or row.effective_from <= contract.start_date:
            return first
        return max(first, row.effective_from)

    bounds: list[tuple[ContractTerms, date, date]] = []
    for index, row in enumerate(terms):
        following = applies_from(index + 1, terms[index + 1]) if index + 1 < len(terms) else None
        seg_start = applies_from(index, row)
        seg_end = min(last, following - timedelta(days=1)) if following else last
        if seg_start <= seg_end:
            bounds.append((row, seg_start, seg_end))
    segments: list[Segment] = []
    lines: list[str] = []
    for row, seg_start, seg_end in bounds:
        rate = rates.rate_on(
            establishment=contract.establishment,
            on=seg_start,
            annual_resources=row.annual_resources,
            children=row.children,
            aeeh_children=row.aeeh_children,
            missing_resources=row.missing_resources,
            params=data.params,
            rounding=data.settings.rate_rounding_rule(),
        )
        full_fee = psu.monthly_fee(hours=row.monthly_hours, rate=rate)
        planned = _expand(row, contract=contract, first=first, last=last, calendar=calendar)
        whole = sum(p.minutes for p in planned)
        if whole:
            part = sum(p.minutes for p in planned if seg_start <= p.day <= seg_end)
            share = attendance.MonthShare(part, whole, "heures prévues")
        else:
            share = attendance.MonthShare(
                (seg_end - seg_start).days + 1, last.day, "jours calendaires"
            )
        segments.append(
            Segment(
                terms=row,
                start=seg_start,
                end=seg_end,
                rate=rate,
                full_fee=full_fee,
                share=share,
                amount=share.apply(full_fee),
                hours=share.apply(row.monthly_hours),
            )
        )
    if (
        len(segments) == 2
        and segments[0].start == first
        and segments[1].end == last
        and segments[1].start == segments[1].terms.effective_from
    ):
        # An avenant in a month otherwise whole: the core rule and its explanation.
        old, new = segments
        proration = attendance.prorate_amendment(
            year=first.year,
            month=first.month,
            effective_from=new.start,
            old_monthly_amount=old.full_fee,
            old_planned=_expand(
                old.terms, contract=contract, first=first, last=last, calendar=calendar
            ),
            new_monthly_amount=new.full_fee,
            new_planned=_expand(
                new.terms, contract=contract, first=first, last=last, calendar=calendar
            ),
        )
        old.amount, new.amount = proration.before, proration.after
        lines.extend(proration.lines)
    else:
        for segment in segments:
            whole_month = segment.share.part == segment.share.whole
            text = (
                f"Mensualité : {_hours_text(segment.terms.monthly_hours)} × "
                f"{format_money(segment.rate.hourly_rate)} = {format_money(segment.full_fee)}"
            )
            if not whole_month:
                text += (
                    f", du {segment.start:%d/%m/%Y} au {segment.end:%d/%m/%Y} : "
                    f"× {segment.share.describe()} = {format_money(segment.amount)}"
                )
            lines.append(text)
    return segments, tuple(lines)


def _quantities(contract: Contract, *, first: date, last: date, data: Loaded):
    calendar = data.calendars[contract.establishment_id]
    planned = planning.planned_days(
        contract=contract,
        start=first,
        end=last,
        terms=list(contract.terms.all()),
        calendar=calendar,
    )
    # Only the contract's own days: a day before its start or after its end (adaptation,
    # occasional care, another contract) is not extra time of this contract.
    start, end = max(first, contract.start_date), min(last, contract.end_date)
    records = [p for p in data.presences.get(contract.child_id, ()) if start <= p.date <= end]
    presences = [
        attendance.Presence(p.date, p.arrival, p.departure)
        for p in records
        if p.departure is not None and p.establishment_id == contract.establishment_id
    ]
    absences = [
        attendance.Absence(a.start_date, a.end_date, a.kind)
        for a in data.absences.get(contract.pk, ())
        if a.state == Absence.QUALIFIED
    ]
    absences += planning.closure_absences(calendar)
    quantities = attendance.month_quantities(
        year=first.year,
        month=first.month,
        planned=planned,
        presences=presences,
        absences=absences,
        rules=data.rules,
    )
    return quantities, sum(1 for p in records if p.departure is None)


def _rate_on_day(segments: list[Segment], day: date) -> Decimal:
    for segment in segments:
        if segment.start <= day <= segment.end:
            return segment.rate.hourly_rate
    return segments[-1].rate.hourly_rate


def _common(contract: Contract, first: date) -> dict:
    child = contract.child
    activity = contract.establishment.activity
    return {
        "family_id": contract.family_id,
        "child_id": contract.child_id,
        "child_name": f"{child.first_name} {child.last_name}",
        "activity_id": activity.pk if activity else None,
        "activity_name": (activity.name if activity else contract.establishment.name)[:150],
        "date": first,
        "tariff_name": "Barème PSU (Cnaf)",
    }


def contract_month(contract: Contract, *, year: int, month: int, data: Loaded) -> ContractMonth:
    """One contract's month: its quantities and its invoice lines."""
    first, last = month_bounds(year, month)
    segments, fee_lines = _segments(contract, first=first, last=last, data=data)
    quantities, open_presences = _quantities(contract, first=first, last=last, data=data)
    result = ContractMonth(
        contract, year, month, quantities, segments, fee_lines, open_presences=open_presences
    )
    if not segments:
        return result
    key = f"{contract.pk}:{year:04d}-{month:02d}"
    name = month_name(year, month)
    common = _common(contract, first)
    rate = result.rate
    fee = sum((s.amount for s in segments), ZERO)
    fee_hours = sum((s.hours for s in segments), ZERO)
    single_rate = len({s.rate.hourly_rate for s in segments}) == 1
    result.lines.append(
        ExtraLine(
            reference=f"fee:{key}",
            label=(
                f"Mensualité de {name} — {contract.establishment.name} : " + " ; ".join(fee_lines)
            )[:250],
            amount=fee,
            quantity=fee_hours,
            unit_price=rate if single_rate else None,
            **common,
        )
    )
    if quantities.extra_hours > 0:
        # Each day's extra time at that day's rate: an avenant in the month changes the rate
        # from its date, as for the deductions.
        extra_amount = money(
            sum(
                (
                    Decimal(day.extra_minutes) / 60 * _rate_on_day(segments, day.day)
                    for day in quantities.days
                    if day.extra_minutes
                ),
                ZERO,
            )
        )
        extra_rates = {
            _rate_on_day(segments, day.day) for day in quantities.days if day.extra_minutes
        }
        if len(extra_rates) == 1:
            (extra_rate,) = extra_rates
            price = f"× {format_money(extra_rate)}"
        else:
            extra_rate = None
            price = "au tarif horaire de chaque jour = " + format_money(extra_amount)
        unit = data.rules.rounding_minutes
        result.lines.append(
            ExtraLine(
                reference=f"extra:{key}",
                label=(
                    f"Heures en plus du contrat en {name} : "
                    f"{_hours_text(quantities.extra_hours)} {price} "
                    f"(toute tranche de {unit} min commencée est due)"
                )[:250],
                amount=extra_amount,
                quantity=quantities.extra_hours,
                unit_price=extra_rate,
                **common,
            )
        )
    minutes_by_kind: dict[attendance.AbsenceKind, Decimal] = defaultdict(lambda: ZERO)
    for day in quantities.days:
        if day.deducted_minutes and day.absence_kind is not None:
            minutes_by_kind[day.absence_kind] += (
                Decimal(day.deducted_minutes) / 60 * _rate_on_day(segments, day.day)
            )
    for kind, hours in quantities.deducted_by_kind.items():
        if hours <= 0:
            continue
        amount = money(minutes_by_kind[kind])
        result.lines.append(
            ExtraLine(
                reference=f"deduction:{key}:{kind.value}",
                label=(
                    f"Déduction {name} — {attendance.ABSENCE_LABELS[kind]} : {_hours_text(hours)}"
                )[:250],
                amount=-amount,
                quantity=-hours,
                unit_price=money(amount / hours) if hours else rate,
                **common,
            )
        )
    return result


# --- Occasional care -----------------------------------------------------------------------------


@dataclass
class Occasional:
    family_id: int
    child_id: int
    child_name: str
    establishment: Establishment
    year: int
    month: int
    hours: Decimal
    rate: psu.Rate | None
    line: ExtraLine | None
    # The end of a contract of the child there when some of these days follow it and were
    # booked before it: maybe the places of a contract ended early in the past, which the
    # engine could not cancel (the pre-billing warns).
    after_end: date | None = None


def _covered_days(
    *, child_ids: set[int], establishment_ids: set[int], first: date, last: date
) -> dict[tuple[int, int], list[tuple[date, date]]]:
    """Per (child, establishment): the date ranges of the child's contracts there in any state
    but draft. A reservation in such a range belongs to the contract, billed (or not) by its
    fee: the engine cannot cancel past reservations, so a day a closure, an early end, an
    avenant dated in the past or a cancellation took off the contract keeps its reservation,
    which is not occasional care."""
    covered: dict[tuple[int, int], list[tuple[date, date]]] = defaultdict(list)
    rows = (
        Contract.objects.filter(
            child_id__in=child_ids,
            establishment_id__in=establishment_ids,
            start_date__lte=last,
            end_date__gte=first,
        )
        .exclude(state=Contract.DRAFT)
        .values_list("child_id", "establishment_id", "start_date", "end_date")
    )
    for child_id, establishment_id, start, end in rows:
        covered[(child_id, establishment_id)].append((start, end))
    return covered


def occasional_care(
    *,
    first: date,
    last: date,
    establishments: list[Establishment],
    data: Loaded,
) -> list[Occasional]:
    """The families' reservations on the establishments' places on days no contract of the
    child in that establishment covers, per child, establishment and month: the slots held ×
    half an hour × the family's PSU rate (its resources of year N-2, its children, the
    structure's rule when they are unknown)."""
    by_activity = {e.activity_id: e for e in establishments if e.activity_id}
    if not by_activity:
        return []
    rows = list(
        Reservation.objects.filter(
            unit__activity_id__in=list(by_activity),
            date__range=(first, last),
            state__in=BILLABLE_STATES,
        ).values_list(
            "child_id",
            "child__family_id",
            "child__first_name",
            "child__last_name",
            "unit__activity_id",
            "date",
            "created_at",
        )
    )
    if not rows:
        return []
    covered = _covered_days(
        child_ids={row[0] for row in rows},
        establishment_ids={e.pk for e in by_activity.values()},
        first=first,
        last=last,
    )
    slots: dict[tuple[int, int, int, int, int], int] = defaultdict(int)
    names: dict[int, str] = {}
    after_end: dict[tuple[int, int, int, int, int], date] = {}
    for child_id, family_id, first_name, last_name, activity_id, day, created in rows:
        ranges = covered.get((child_id, by_activity[activity_id].pk), ())
        if any(start <= day <= end for start, end in ranges):
            continue
        key = (family_id, child_id, activity_id, day.year, day.month)
        slots[key] += 1
        names[child_id] = f"{first_name} {last_name}"
        booked = timezone.localdate(created)
        for _start, end in ranges:
            if end < day and booked <= end:
                after_end[key] = max(after_end.get(key, end), end)
    if not slots:
        return []
    family_ids = {key[0] for key in slots}
    # The PSU reads the resources of year N-2 of the billed month, as a contract's terms do.
    resources = {
        (family_id, year): amount
        for family_id, year, amount in AnnualResources.objects.filter(
            family_id__in=family_ids, year__in={key[3] - 2 for key in slots}
        ).values_list("family_id", "year", "amount")
    }
    counts = dict(
        Family.objects.filter(pk__in=family_ids)
        .annotate(n=Count("children"))
        .values_list("pk", "n")
    )
    # AEEH is known from the family's contracts only (the latest terms say it).
    aeeh = dict(
        ContractTerms.objects.filter(contract__family_id__in=family_ids)
        .order_by("contract__family_id", "-effective_from")
        .distinct("contract__family_id")
        .values_list("contract__family_id", "aeeh_children")
    )
    result = []
    for (family_id, child_id, activity_id, year, month), count in sorted(slots.items()):
        establishment = by_activity[activity_id]
        hours = SLOT_HOURS * count
        rate = rates.rate_on(
            establishment=establishment,
            on=date(year, month, 1),
            annual_resources=resources.get((family_id, year - 2)),
            children=max(counts.get(family_id, 1), 1),
            aeeh_children=aeeh.get(family_id, 0),
            missing_resources=data.settings.missing_resources,
            params=data.params,
            rounding=data.settings.rate_rounding_rule(),
        )
        activity = establishment.activity
        line = ExtraLine(
            family_id=family_id,
            reference=(
                f"occasional:{family_id}:{child_id}:{establishment.pk}:{year:04d}-{month:02d}"
            ),
            label=(
                f"Accueil occasionnel de {month_name(year, month)} — {establishment.name} : "
                f"{_hours_text(hours)} × {format_money(rate.hourly_rate)}"
            )[:250],
            amount=money(hours * rate.hourly_rate),
            quantity=hours,
            unit_price=rate.hourly_rate,
            child_id=child_id,
            child_name=names[child_id],
            activity_id=activity.pk,
            activity_name=activity.name[:150],
            date=date(year, month, 1),
            tariff_name="Barème PSU (Cnaf)",
        )
        result.append(
            Occasional(
                family_id,
                child_id,
                names[child_id],
                establishment,
                year,
                month,
                hours,
                rate,
                line,
                after_end=after_end.get((family_id, child_id, activity_id, year, month)),
            )
        )
    return result


# --- Regularisation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Regularisation:
    contract: Contract
    hours_due: Decimal
    hours_billed: Decimal
    rate: Decimal
    amount: Decimal
    line: ExtraLine | None


def _issued_hours(contracts: list[Contract]) -> dict[int, tuple[Decimal, set[str]]]:
    """Per contract: the hours of its issued fee, extra and deduction lines, less those of the
    credit notes correcting them, and the references issued.

    A full credit note copies the invoice's lines without the module's reference (the copy
    points at the line it corrects, ``corrects``): its hours are read from the corrected line
    and subtracted. A partial credit note is one manual line in euros, bound to no hours: it
    changes no hours here (``docs/creche.md``)."""
    if not contracts:
        return {}
    own, corrected = Q(), Q()
    for contract in contracts:
        for prefix in ("fee", "extra", "deduction"):
            own |= Q(source_reference__startswith=f"{prefix}:{contract.pk}:")
            corrected |= Q(corrects__source_reference__startswith=f"{prefix}:{contract.pk}:")
    found: dict[int, tuple[Decimal, set[str]]] = {c.pk: (ZERO, set()) for c in contracts}
    rows = (
        InvoiceLine.objects.filter(invoice__isnull=False)
        .filter(
            (Q(source_module=MODULE) & own)
            | (
                Q(corrects__source_module=MODULE, invoice__kind=Invoice.KIND_CREDIT_NOTE)
                & corrected
            )
        )
        .values_list(
            "source_reference",
            "quantity",
            "corrects__source_reference",
            "corrects__quantity",
            "invoice__kind",
        )
    )
    for reference, quantity, corrected_reference, corrected_quantity, kind in rows:
        if corrected_reference and kind == Invoice.KIND_CREDIT_NOTE:
            reference, quantity = corrected_reference, corrected_quantity
        contract_id = int(reference.split(":")[1])
        total, refs = found[contract_id]
        sign = -1 if kind == Invoice.KIND_CREDIT_NOTE else 1
        found[contract_id] = (total + sign * quantity, refs | {reference})
    return found


def regularisations(*, ending: list[ContractMonth]) -> list[Regularisation]:
    """At a contract's end: the hours due over its whole life (planned − deductions − leave +
    extra hours, month by month) against the hours its invoices billed (issued lines, plus the
    last month's lines not issued yet), × the rate of the last month (``psu.regularisation``)."""
    if not ending:
        return []
    contracts = [m.contract for m in ending]
    start = min(c.start_date for c in contracts)
    last = max(c.end_date for c in contracts)
    history = load(first=start, last=last, contracts=contracts)
    issued = _issued_hours(contracts)
    result = []
    for final in ending:
        contract = final.contract
        due = ZERO
        for year, month in months_between(contract.start_date, contract.end_date):
            first_day, last_day = month_bounds(year, month)
            month_data = _month_view(history, first_day, last_day)
            quantities, _ = _quantities(contract, first=first_day, last=last_day, data=month_data)
            due += quantities.due_hours
        billed, refs = issued[contract.pk]
        billed += sum((ln.quantity for ln in final.lines if ln.reference not in refs), ZERO)
        rate = final.rate
        amount = psu.regularisation(hours_billed=max(billed, ZERO), hours_due=due, rate=rate)
        line = None
        if amount:
            word = "à payer" if amount > 0 else "en votre faveur"
            line = ExtraLine(
                reference=f"regularisation:{contract.pk}",
                label=(
                    f"Régularisation de fin de contrat ({contract.start_date:%d/%m/%Y} – "
                    f"{contract.end_date:%d/%m/%Y}) : {_hours_text(due)} dues − "
                    f"{_hours_text(billed)} facturées = {_hours_text(due - billed)} × "
                    f"{format_money(rate)}, {word}"
                )[:250],
                amount=amount,
                quantity=due - billed,
                unit_price=rate,
                **_common(contract, month_bounds(final.year, final.month)[0]),
            )
        result.append(Regularisation(contract, due, billed, rate, amount, line))
    return result


def _month_view(history: Loaded, first: date, last: date) -> Loaded:
    """A month's view of data loaded for a longer span: the calendars need the month's
    closures, which ``calendar_for`` gave for the whole span already."""
    return Loaded(
        first=first,
        last=last,
        contracts=history.contracts,
        presences=history.presences,
        absences=history.absences,
        calendars=history.calendars,
        params=history.params,
        rules=history.rules,
        settings=history.settings,
    )


# --- A month, a run ------------------------------------------------------------------------------


@dataclass
class MonthBilling:
    year: int
    month: int
    data: Loaded
    contracts: list[ContractMonth]
    occasional: list[Occasional]
    regularisations: list[Regularisation]

    def lines(self) -> Iterator[ExtraLine]:
        for contract_month in self.contracts:
            yield from contract_month.lines
        for regularisation in self.regularisations:
            if regularisation.line is not None:
                yield regularisation.line
        for occasional in self.occasional:
            if occasional.line is not None:
                yield occasional.line


def compute_month(
    *, year: int, month: int, establishment_ids: Iterable[int] | None = None
) -> MonthBilling:
    """Every crèche line of a month (of some establishments), with the quantities behind it."""
    first, last = month_bounds(year, month)
    ids = list(establishment_ids) if establishment_ids is not None else None
    data = load(first=first, last=last, establishment_ids=ids)
    months = [contract_month(c, year=year, month=month, data=data) for c in data.contracts]
    ending = [m for m in months if first <= m.contract.end_date <= last and m.segments]
    establishments = list(
        Establishment.objects.filter(activity__isnull=False)
        .select_related("activity")
        .filter(**({"pk__in": ids} if ids is not None else {}))
    )
    return MonthBilling(
        year=year,
        month=month,
        data=data,
        contracts=months,
        occasional=occasional_care(
            first=first, last=last, establishments=establishments, data=data
        ),
        regularisations=regularisations(ending=ending),
    )


def month_lines(*, run) -> list[ExtraLine]:
    """The lines of every month ``run`` (``InvoiceRun``) touches; a run limited to some
    activities bills only the establishments whose places are among them."""
    activity_ids = list(run.activities.values_list("pk", flat=True))
    establishment_ids = None
    if activity_ids:
        establishment_ids = list(
            Establishment.objects.filter(activity_id__in=activity_ids).values_list("pk", flat=True)
        )
        if not establishment_ids:
            return []
    lines: list[ExtraLine] = []
    for year, month in months_between(run.period_start, run.period_end):
        billing = compute_month(year=year, month=month, establishment_ids=establishment_ids)
        lines.extend(billing.lines())
    return lines
