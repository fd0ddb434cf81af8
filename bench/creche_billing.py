#!/usr/bin/env python
"""A crèche's monthly billing: the lines of ``modules.creche.services.billing.month_lines``.

Usage: .venv/bin/python bench/creche_billing.py [--children 60] [--runs 3]
Creates a throw-away structure with the crèche module, one multi-accueil and ``children``
toddlers (one family each) under contracts from September, then October 2026 (22 open days)
of pointage: every child every day, a quarter of them with extra time in the evening, one in
seven with a qualified illness of three days (carence then deduction) and one in eleven with a
day of hospitalisation, plus one exceptional closure day deducted for everyone; one family in
ten has a second toddler without a contract who comes one morning in occasional care. Times
``month_lines`` for October and counts its SQL queries, then does the same with a third of the
children to show the number of queries does not grow with them. The schema is dropped at the
end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from datetime import time as clock
from types import SimpleNamespace

from _setup import ROOT, machine, setup_django

OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))
SCHEDULE = [
    {"week": "A", "weekday": weekday, "arrival": "08:00", "departure": "17:00"}
    for weekday in range(5)
]


def prepare(children: int):
    from decimal import Decimal

    from django_tenants.utils import tenant_context

    from core.catalog.models import Closure
    from core.families.models import AnnualResources, Child, Family
    from modules.creche.attendance import AbsenceKind
    from modules.creche.models import (
        Absence,
        Contract,
        ContractTerms,
        Establishment,
        EstablishmentClosure,
        OpeningHours,
        Presence,
    )
    from modules.creche.models.schedules import parse_schedule
    from modules.creche.services import rates, slots
    from tenants.provisioning import create_tenant

    sys.path.insert(0, str(ROOT))
    slug = f"bench-creche-{uuid.uuid4().hex[:6]}"
    tenant = create_tenant(
        slug=slug, name="Commune des Petits Pas", kind="commune", modules=["creche"]
    )
    with tenant_context(tenant):
        establishment = Establishment.objects.create(name="Les Petits Pas", agrement=children)
        OpeningHours.objects.bulk_create(
            OpeningHours(
                establishment=establishment, weekday=d, opens=clock(7, 30), closes=clock(18, 30)
            )
            for d in range(5)
        )
        activity = slots.ensure_activity(establishment, until=date(2027, 8, 31))
        closure = Closure.objects.create(
            label="Grève",
            start_date=date(2026, 10, 20),
            end_date=date(2026, 10, 20),
            activity=activity,
        )
        EstablishmentClosure.objects.create(
            establishment=establishment, closure=closure, deducted=True
        )
        families = Family.objects.bulk_create(
            Family(number=200000 + i, name=f"Famille {i}", postal_code="36000")
            for i in range(children)
        )
        kids = Child.objects.bulk_create(
            Child(
                family=f, first_name="Bébé", last_name=f.name, birth_date=date(2025, 1 + i % 12, 5)
            )
            for i, f in enumerate(families)
        )
        AnnualResources.objects.bulk_create(
            AnnualResources(family=f, year=2024, amount=Decimal(15000 + 1000 * (i % 80)))
            for i, f in enumerate(families)
        )
        start, end = date(2026, 9, 1), date(2027, 7, 30)
        contracts = Contract.objects.bulk_create(
            Contract(
                family=f,
                child=c,
                establishment=establishment,
                start_date=start,
                end_date=end,
                months_billed=11,
                state=Contract.SIGNED,
            )
            for f, c in zip(families, kids, strict=True)
        )
        schedule = parse_schedule(SCHEDULE)
        terms = []
        for i, contract in enumerate(contracts):
            resources = Decimal(15000 + 1000 * (i % 80))
            computed = rates.compute(
                establishment=establishment,
                on=start,
                schedule=schedule,
                weeks_per_year=Decimal(45),
                leave_weeks=Decimal(0),
                months_billed=11,
                annual_resources=resources,
                children=1 + i % 3,
            )
            terms.append(
                ContractTerms(
                    contract=contract,
                    number=0,
                    effective_from=start,
                    schedule=SCHEDULE,
                    weeks_per_year=Decimal(45),
                    annual_resources=resources,
                    resources_year=2024,
                    children=1 + i % 3,
                    **computed.fields(),
                )
            )
        ContractTerms.objects.bulk_create(terms)
        days = []
        day = OCTOBER[0]
        while day <= OCTOBER[1]:
            if day.weekday() < 5:
                days.append(day)
            day += timedelta(days=1)
        presences, absences = [], []
        for i, contract in enumerate(contracts):
            ill = set(days[5:8]) if i % 7 == 0 else set()
            hospital = {days[12]} if i % 11 == 0 else set()
            for d in days:
                if d in ill or d in hospital or d == date(2026, 10, 20):
                    continue
                late = i % 4 == 0 and d.weekday() in (1, 3)
                presences.append(
                    Presence(
                        child_id=contract.child_id,
                        establishment=establishment,
                        date=d,
                        arrival=clock(8, 0),
                        departure=clock(17, 20) if late else clock(17, 0),
                        source=Presence.SOURCE_STAFF,
                    )
                )
            for dates, kind in (
                (ill, AbsenceKind.ILLNESS),
                (hospital, AbsenceKind.HOSPITALISATION),
            ):
                if dates:
                    absences.append(
                        Absence(
                            child_id=contract.child_id,
                            contract=contract,
                            start_date=min(dates),
                            end_date=max(dates),
                            declared_kind=kind,
                            kind=kind,
                            state=Absence.QUALIFIED,
                        )
                    )
        Presence.objects.bulk_create(presences, batch_size=5000)
        Absence.objects.bulk_create(absences)
        occasional(activity, families[::10], day=date(2026, 10, 14))
    return tenant, activity, len(days), len(presences)


def occasional(activity, families, *, day: date) -> None:
    """A second toddler of each of ``families``, booked 8:00–12:00 on ``day`` (occasional)."""
    from core.booking.models import Enrolment, Reservation
    from core.catalog.models import Opening
    from core.families.models import Child

    units = [u for u in activity.units.order_by("start_time") if clock(8) <= u.start_time][:8]
    openings = []
    for unit in units:
        opening, _ = Opening.objects.get_or_create(
            unit=unit, date=day, group=None, defaults={"capacity": 100}
        )
        openings.append(opening)
    toddlers = Child.objects.bulk_create(
        Child(family=f, first_name="Cadet", last_name=f.name, birth_date=date(2025, 6, 1))
        for f in families
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(child=c, activity=activity, status=Enrolment.STATUS_VALIDATED) for c in toddlers
    )
    Reservation.objects.bulk_create(
        Reservation(
            child=e.child,
            opening=o,
            enrolment=e,
            unit=o.unit,
            date=day,
            state=Reservation.CONFIRMED,
        )
        for e in enrolments
        for o in openings
    )


def timed(activity) -> tuple[float, int, list]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.catalog.models import Activity
    from modules.creche.services.billing import month_lines

    run = SimpleNamespace(
        period_start=OCTOBER[0],
        period_end=OCTOBER[1],
        activities=Activity.objects.filter(pk=activity.pk),
    )
    with CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        lines = month_lines(run=run)
        seconds = time.perf_counter() - t0
    return seconds, len(queries.captured_queries), lines


def measure(children: int) -> dict:
    from django.db import connection
    from django_tenants.utils import tenant_context

    tenant, activity, days, presences = prepare(children)
    try:
        with tenant_context(tenant):
            seconds, queries, lines = timed(activity)
            return {
                "children": children,
                "days": days,
                "presences": presences,
                "lines": len(lines),
                "total": sum(line.amount for line in lines),
                "seconds": seconds,
                "queries": queries,
            }
    finally:
        connection.set_schema_to_public()
        tenant.delete(force_drop=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    results = [measure(args.children) for _ in range(args.runs)]
    small = measure(max(1, args.children // 3))
    print(f"Machine: {machine()}")
    first = results[0]
    print(
        f"{first['children']} children × {first['days']} open days of October 2026, "
        f"{first['presences']} presences → {first['lines']} lines, {first['total']} €"
    )
    for r in results:
        print(f"  month_lines {r['seconds']:.2f} s ({r['queries']} queries)")
    print(
        f"Median: {statistics.median(r['seconds'] for r in results):.2f} s; "
        f"{small['children']} children: {small['seconds']:.2f} s ({small['queries']} queries) — "
        f"queries {'bounded' if small['queries'] == first['queries'] else 'GROWING'}"
    )


if __name__ == "__main__":
    main()
