"""Establishments as the direction sets them up: kind, agrément, ages, opening hours per weekday,
capacity bands, sections and closures. Every save re-syncs the half-hour places a year ahead
(``slots.sync_openings``), which never lowers a half-hour below the places already taken: the
caller is told how many half-hours kept more places than asked."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from core.booking.models import Reservation
from core.catalog.models import Activity, Closure, Opening
from core.tenancy.context import structure_today
from modules.creche.models import (
    CapacityBand,
    Contract,
    CrecheSettings,
    Establishment,
    EstablishmentClosure,
    OpeningHours,
    Section,
)
from modules.creche.models.establishments import on_slot
from modules.creche.services import slots

#: How far ahead the places are kept open (the nightly task keeps the horizon moving).
HORIZON_DAYS = 365

FIELDS = (
    "name",
    "kind",
    "address",
    "phone",
    "agrement",
    "min_age_months",
    "max_age_months",
    "occasional_care",
    "active",
    "order",
)


@dataclass(frozen=True)
class SyncReport:
    """What a save did to the places: openings created, and half-hours kept above the
    capacity asked because children already hold more places there."""

    created: int
    kept_above: int
    #: What a closure did to the places already held on its days (for staff), else "".
    closure_note: str = ""

    @property
    def message(self) -> str:
        parts = [self.closure_note] if self.closure_note else []
        if self.kept_above:
            parts.append(
                f"{self.kept_above} demi-heure(s) déjà réservée(s) au-delà de la nouvelle "
                "capacité gardent leurs places : la capacité n'est jamais abaissée sous les "
                "places prises."
            )
        return " ".join(parts)


def _check_slot(value: time, label: str) -> None:
    if not on_slot(value):
        raise ValidationError({label: "Les horaires se règlent à la demi-heure (7:30, 8:00…)."})


def _validate(data: dict, *, agrement: int, min_age: int, max_age: int) -> None:
    if min_age >= max_age:
        raise ValidationError({"max_age_months": "L'âge maximum doit dépasser l'âge minimum."})
    seen: set[int] = set()
    for row in data.get("hours", []):
        _check_slot(row["opens"], "hours")
        _check_slot(row["closes"], "hours")
        if row["closes"] <= row["opens"]:
            raise ValidationError({"hours": "La fermeture doit suivre l'ouverture."})
        if row["weekday"] in seen:
            raise ValidationError({"hours": "Un même jour figure deux fois dans les horaires."})
        seen.add(row["weekday"])
    for row in data.get("bands", []):
        _check_slot(row["start"], "bands")
        _check_slot(row["end"], "bands")
        if row["end"] <= row["start"]:
            raise ValidationError({"bands": "La fin d'une tranche doit suivre son début."})
        if row["places"] > agrement:
            raise ValidationError(
                {"bands": "Une tranche n'a jamais plus de places que l'agrément."}
            )
    for row in data.get("sections", []):
        if row["min_age_months"] >= row["max_age_months"]:
            raise ValidationError(
                {"sections": "Les âges d'une section vont du plus jeune au plus âgé."}
            )


def apply_validation(establishment: Establishment, settings: CrecheSettings | None = None) -> None:
    """The establishment's places follow the structure's choice for occasional care: with
    validation by the structure, a family's booking is a request (``requested``) until staff
    decide (contracts book as staff: always confirmed)."""
    if establishment.activity_id is None:
        return
    settings = settings or CrecheSettings.current()
    wanted = (
        Activity.VALIDATION_STAFF if settings.occasional_validation else Activity.VALIDATION_AUTO
    )
    Activity.objects.filter(pk=establishment.activity_id).exclude(booking_validation=wanted).update(
        booking_validation=wanted
    )


def resync(establishment: Establishment, *, start: date | None = None) -> SyncReport:
    """Bring the places from ``start`` (default: today) to a year ahead in line with the
    establishment's hours, bands and closures."""
    start = start or structure_today()
    end = structure_today() + timedelta(days=HORIZON_DAYS)
    if not establishment.hours.exists():
        return SyncReport(0, 0)
    created = slots.sync_openings(establishment, start=start, end=end)
    apply_validation(establishment)
    kept = 0
    bands = list(establishment.capacity_bands.all())
    for opening in Opening.objects.filter(
        unit__activity_id=establishment.activity_id,
        date__range=(start, end),
        booked__gt=0,
        booked=F("capacity"),
    ).select_related("unit"):
        if (
            slots.capacity_at(establishment, opening.unit.start_time, bands=bands)
            < opening.capacity
        ):
            kept += 1
    return SyncReport(created, kept)


@transaction.atomic
def save_establishment(
    *, data: dict, establishment: Establishment | None = None, by=None
) -> tuple[Establishment, SyncReport]:
    """Create or update an establishment from validated ``data`` (its fields, and when given,
    the whole lists ``hours``, ``bands`` and ``sections``, which replace the current ones),
    then re-sync its places."""
    current = establishment or Establishment()
    agrement = data.get("agrement", current.agrement)
    if agrement is None:
        raise ValidationError({"agrement": "Indiquez l'agrément (nombre de places)."})
    _validate(
        data,
        agrement=agrement,
        min_age=data.get("min_age_months", current.min_age_months),
        max_age=data.get("max_age_months", current.max_age_months),
    )
    for field in FIELDS:
        if field in data:
            setattr(current, field, data[field])
    current.full_clean(exclude=["activity"])
    current.save()
    if "hours" in data:
        current.hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(establishment=current, **row) for row in data["hours"]
        )
    if "bands" in data:
        current.capacity_bands.all().delete()
        CapacityBand.objects.bulk_create(
            CapacityBand(establishment=current, **row) for row in data["bands"]
        )
    elif "agrement" in data:
        CapacityBand.objects.filter(establishment=current, places__gt=agrement).update(
            places=agrement
        )
    if "sections" in data:
        _replace_sections(current, data["sections"])
    return current, resync(current)


def _replace_sections(establishment: Establishment, rows: list[dict]) -> None:
    """Sections are matched by id (kept: contracts point at them), new ones created, the
    missing ones deleted (contracts then lose their section, never their place)."""
    existing = {s.pk: s for s in establishment.sections.all()}
    kept = set()
    for order, row in enumerate(rows):
        section = existing.get(row.get("id")) or Section(establishment=establishment)
        for field in ("name", "min_age_months", "max_age_months", "places"):
            setattr(section, field, row[field])
        section.order = order
        section.save()
        kept.add(section.pk)
    Section.objects.filter(establishment=establishment).exclude(pk__in=kept).delete()


@transaction.atomic
def add_closure(
    *, establishment: Establishment, start: date, end: date, label: str, deducted: bool, by=None
) -> tuple[EstablishmentClosure, SyncReport]:
    """Close the establishment from ``start`` to ``end``: its half-hours are closed, nobody
    books them any more. A planned closure is outside the contracts' weeks (their planning
    skips it, nothing is billed): the places held on its days from today on are given back,
    contracts and occasional care alike. An exceptional one is ``deducted`` from the first
    day: the contracts keep their places (billing deducts the days as absences) while the
    occasional days, which nothing would deduct, are given back. The report tells staff how
    many children were concerned."""
    if end < start:
        raise ValidationError({"end_date": "La fin de la fermeture doit suivre son début."})
    if not label.strip():
        raise ValidationError({"label": "Indiquez le motif de la fermeture."})
    if establishment.activity_id is None:
        slots.ensure_activity(establishment)
    closure = Closure.objects.create(
        label=label.strip(), start_date=start, end_date=end, activity_id=establishment.activity_id
    )
    row = EstablishmentClosure.objects.create(
        establishment=establishment, closure=closure, deducted=deducted
    )
    note = _release_closed_days(
        establishment=establishment, start=start, end=end, deducted=deducted, by=by
    )
    report = resync(establishment, start=max(start, structure_today()))
    return row, replace(report, closure_note=note)


def _contract_days(*, establishment: Establishment, start: date, end: date) -> set:
    """``(child, day)`` of [start, end] covered by one of the establishment's contracts (its
    date range; proposed, signed or ended)."""
    covered = set()
    for child_id, first, last in Contract.objects.filter(
        establishment=establishment,
        state__in=(Contract.PROPOSED, Contract.SIGNED, Contract.ENDED),
        start_date__lte=end,
        end_date__gte=start,
    ).values_list("child_id", "start_date", "end_date"):
        day = max(first, start)
        while day <= min(last, end):
            covered.add((child_id, day))
            day += timedelta(days=1)
    return covered


def _release_closed_days(
    *, establishment: Establishment, start: date, end: date, deducted: bool, by
) -> str:
    """Give back the places a new closure makes useless (see :func:`add_closure`) and say what
    was done, for staff to warn the families."""
    start = max(start, structure_today())
    if end < start:
        return ""
    kept: set = set()
    if deducted:
        kept = _contract_days(establishment=establishment, start=start, end=end)
    freed = slots.release_span(establishment=establishment, start=start, end=end, by=by, keep=kept)
    parts = []
    if freed:
        what = "l'accueil occasionnel" if deducted else "les contrats et l'accueil occasionnel"
        parts.append(
            f"{len(freed)} enfant(s) avaient des places réservées pendant la fermeture "
            f"({what}) : elles sont rendues, prévenez les familles concernées."
        )
    if deducted:
        staying = {
            child_id
            for child_id, day in Reservation.objects.filter(
                unit__activity_id=establishment.activity_id,
                date__range=(start, end),
                state__in=Reservation.HOLDING,
            ).values_list("child_id", "date")
            if (child_id, day) in kept
        }
        if staying:
            parts.append(
                f"{len(staying)} enfant(s) sous contrat gardent leurs places ces jours-là : la "
                "fermeture exceptionnelle leur est déduite comme une absence."
            )
    return " ".join(parts)


@transaction.atomic
def remove_closure(*, row: EstablishmentClosure) -> SyncReport:
    """Reopen the days of a closure (from today on)."""
    establishment, start = row.establishment, row.closure.start_date
    row.closure.delete()
    return resync(establishment, start=max(start, structure_today()))


def extend_openings() -> int:
    """Keep each active establishment's places open from today to a year ahead; returns the
    openings created. Safe to run twice (existing openings are only brought up to date), and
    twice at once: each establishment is synced under its row lock, which a parallel run (or
    the staff saving it, which syncs it too) makes this one skip."""
    created = 0
    for pk in Establishment.objects.filter(active=True).values_list("pk", flat=True):
        with transaction.atomic():
            establishment = (
                Establishment.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, active=True)
                .prefetch_related("hours")
                .first()
            )
            if establishment is not None and establishment.hours.all():
                created += resync(establishment).created
    return created
