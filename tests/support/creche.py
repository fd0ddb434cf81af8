"""Establishments, toddlers, contracts and closures for the crèche tests (decision 0024).

An establishment's places are held by the core's capacity engine: one activity per
establishment, one unit per half-hour, one opening per half-hour and open day. The builders
here create the establishment *and* its openings (``slots.sync_openings``), so a test can book
right away. Every builder is keyword-only; dates default from the (frozen) today, never from
the real one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

from core.catalog.models import Closure, Opening
from modules.creche.models import (
    CapacityBand,
    Contract,
    ContractTerms,
    Establishment,
    EstablishmentClosure,
    OpeningHours,
    Section,
)
from modules.creche.services import slots

#: Monday to Friday, 7:30–18:30.
WEEKDAY_HOURS: tuple[tuple[int, time, time], ...] = tuple(
    (weekday, time(7, 30), time(18, 30)) for weekday in range(5)
)
#: Bébés 0–18 months, Moyens 18–30, Grands 30–48: 8 places each.
SECTIONS: tuple[tuple[str, int, int, int], ...] = (
    ("Bébés", 0, 18, 8),
    ("Moyens", 18, 30, 8),
    ("Grands", 30, 48, 8),
)
#: Monday to Friday, 8:00–17:00 (a full-time contract).
FULL_WEEK = [
    {"week": "A", "weekday": weekday, "arrival": "08:00", "departure": "17:00"}
    for weekday in range(5)
]


def make_establishment(
    *,
    name: str = "Les Petits Pas",
    agrement: int = 24,
    kind: str = Establishment.KIND_MULTI_ACCUEIL,
    hours: Iterable[tuple[int, time, time]] = WEEKDAY_HOURS,
    bands: Iterable[tuple[time, time, int]] = ((time(7, 30), time(8, 30), 12),),
    sections: Iterable[tuple[str, int, int, int]] = SECTIONS,
    open_from: date | None = None,
    open_until: date | None = None,
    **fields,
) -> Establishment:
    """An establishment with its opening hours (``(weekday, opens, closes)``), its capacity
    bands (``(start, end, places)``; the agrément elsewhere), its sections (``(name, min
    months, max months, places)``) and its openings from ``open_from`` (default: today) to
    ``open_until`` (default: 90 days later). ``fields``: other ``Establishment`` fields
    (``occasional_care``, ``min_age_months``…)."""
    establishment = Establishment.objects.create(
        name=name, agrement=agrement, kind=kind, address="1 rue des Lilas, Lyon", **fields
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(establishment=establishment, weekday=weekday, opens=opens, closes=closes)
        for weekday, opens, closes in hours
    )
    CapacityBand.objects.bulk_create(
        CapacityBand(establishment=establishment, start=start, end=end, places=places)
        for start, end, places in bands
    )
    Section.objects.bulk_create(
        Section(
            establishment=establishment,
            name=label,
            min_age_months=low,
            max_age_months=high,
            places=places,
            order=order,
        )
        for order, (label, low, high, places) in enumerate(sections)
    )
    start = open_from or timezone.localdate()
    end = open_until or start + timedelta(days=90)
    slots.sync_openings(establishment, start=start, end=end)
    return establishment


def make_closure(
    establishment: Establishment,
    start: date,
    end: date,
    *,
    deducted: bool = False,
    label: str = "Fermeture",
) -> EstablishmentClosure:
    """A closure of the establishment from ``start`` to ``end``: planned (outside the
    contracts' weeks) or, with ``deducted``, exceptional (deducted from the first day). Its
    openings are closed by re-syncing them (places already taken stay counted)."""
    closure = Closure.objects.create(
        label=label, start_date=start, end_date=end, activity_id=establishment.activity_id
    )
    row = EstablishmentClosure.objects.create(
        establishment=establishment, closure=closure, deducted=deducted
    )
    slots.sync_openings(establishment, start=start, end=end)
    return row


def make_toddler(family, *, months: int = 18, first_name: str = "Nina"):
    """A child of ``family`` aged ``months`` months today (a crèche age; the families of
    ``make_family`` have school children)."""
    from core.families.models import Child

    today = timezone.localdate()
    total = today.year * 12 + today.month - 1 - months
    birth = date(total // 12, total % 12 + 1, min(today.day, 28))
    return Child.objects.create(
        family=family,
        first_name=first_name,
        last_name=family.children.first().last_name if family.children.exists() else "Martin",
        birth_date=birth,
        sex="F",
    )


def make_contract(
    *,
    child,
    establishment: Establishment,
    start: date | None = None,
    end: date | None = None,
    schedule: Sequence[dict] = FULL_WEEK,
    state: str = Contract.SIGNED,
    book: bool = False,
    by=None,
) -> Contract:
    """A contract of ``child`` (initial terms only, flat figures: 40 h a week, 2,00 € an
    hour) from ``start`` (default: today) to ``end`` (default: 6 months later). With ``book``
    its planned days hold their places through ``slots.book_days`` (as the contracts part
    does when the contract is proposed)."""
    start = start or timezone.localdate()
    end = end or start + timedelta(days=182)
    contract = Contract.objects.create(
        family=child.family,
        child=child,
        establishment=establishment,
        start_date=start,
        end_date=end,
        months_billed=11,
        state=state,
    )
    ContractTerms.objects.create(
        contract=contract,
        number=0,
        effective_from=start,
        schedule=list(schedule),
        weeks_per_year=Decimal("45"),
        children=1,
        hours_per_week=Decimal("40.00"),
        hourly_rate=Decimal("2.00"),
        monthly_hours=Decimal("150.00"),
        monthly_fee=Decimal("300.00"),
    )
    if book:
        from modules.creche.services.planning import planned_days

        # Only the days whose places are open (``make_establishment``'s horizon).
        last = (
            Opening.objects.filter(unit__activity_id=establishment.activity_id)
            .order_by("-date")
            .values_list("date", flat=True)
            .first()
        )
        days = planned_days(contract=contract, start=start, end=min(end, last or end))
        slots.book_days(
            child_id=child.pk,
            establishment=establishment,
            days=[slots.DayCare(d.day, d.start, d.end) for d in days],
            by=by,
        )
    return contract


def make_presence(
    *,
    child,
    establishment: Establishment,
    day: date | None = None,
    arrival: time = time(8, 10),
    departure: time | None = None,
):
    """A pointed presence of ``child`` on ``day`` (default: today), as staff record it."""
    from modules.creche.models import Presence

    return Presence.objects.create(
        child=child,
        establishment=establishment,
        date=day or timezone.localdate(),
        arrival=arrival,
        departure=departure,
        source=Presence.SOURCE_STAFF,
    )


def places_matrix_objects(family, user, child, *, label: str) -> dict[str, object]:
    """The objects the access matrix's PLACES routes name
    (``tests/api/access_matrix_creche_places.py``): an establishment with a planned closure,
    and a presence of ``child`` (a toddler of ``family`` is created for it: ``child`` may be a
    school child)."""
    today = timezone.localdate()
    establishment = make_establishment(name=f"Les Petits Pas {label}")
    closure = make_closure(
        establishment, today + timedelta(days=30), today + timedelta(days=31), label="Pont"
    )
    toddler = make_toddler(family, first_name=f"Nina {label}")
    make_contract(child=toddler, establishment=establishment, by=user)
    return {
        "establishment": establishment.pk,
        "establishment_closure": closure.pk,
        "presence": make_presence(child=toddler, establishment=establishment).pk,
    }
