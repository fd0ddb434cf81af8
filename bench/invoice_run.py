#!/usr/bin/env python
"""A month's invoice run of a large structure: draft, then publish.

Usage: .venv/bin/python bench/invoice_run.py [--families 2000] [--lines 60000] [--runs 3]
Creates a throw-away structure with ``families`` families (one child each, enrolled in three
priced activities: morning, canteen with a QF tariff, evening) and reservations in October 2026
in every state, about ``lines`` of them billable, then times ``compute_run`` (the draft) and
``publish_run`` (numbering, invoices, lines, allocation) and counts their SQL queries. Each
repetition uses a fresh structure (issued invoices cannot be deleted); the schemas are dropped
at the end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal

from _setup import ROOT, machine, setup_django


def prepare(families: int, lines: int):
    from django_tenants.utils import tenant_context

    from core.booking.models import Enrolment, Reservation
    from core.catalog.defaults import create_activity
    from core.catalog.models import Opening
    from core.families.models import Child, Family, QuotientDeclaration
    from core.pricing.models import Tariff, TariffBracket
    from tenants.provisioning import create_tenant

    sys.path.insert(0, str(ROOT))
    slug = f"bench-billing-{uuid.uuid4().hex[:6]}"
    tenant = create_tenant(
        slug=slug, name="Commune de la Facture", kind="commune", modules=["periscolaire"]
    )
    with tenant_context(tenant):
        start, end = date(2026, 9, 1), date(2027, 7, 6)
        kinds = [
            ("accueil_matin", "ALAE Matin"),
            ("pause_meridienne", "Restauration"),
            ("accueil_soir", "ALAE Soir"),
        ]
        activities = []
        for kind, name in kinds:
            activity = create_activity(
                module="periscolaire",
                kind=kind,
                name=name,
                season="2026/2027",
                start_date=start,
                end_date=end,
            )
            activities.append(activity)
        Tariff.objects.create(
            name="Matin", activity=activities[0], valid_from=start, amount=Decimal("1.80")
        )
        qf = Tariff.objects.create(
            name="Restauration QF",
            activity=activities[1],
            valid_from=start,
            method=Tariff.METHOD_QF,
            meal_only=True,
        )
        for low, high, price in ((0, 500, "1.00"), (500, 900, "2.50"), (900, None, "3.80")):
            TariffBracket.objects.create(tariff=qf, qf_min=low, qf_max=high, amount=Decimal(price))
        Tariff.objects.create(
            name="Soir",
            activity=activities[2],
            valid_from=start,
            amount=Decimal("2.20"),
            sibling_discounts=[10],
        )
        days = []
        day = date(2026, 10, 1)
        while day <= date(2026, 10, 31):
            if day.weekday() in (0, 1, 3, 4):
                days.append(day)
            day += timedelta(days=1)
        units = [a.units.order_by("pk").first() for a in activities]
        openings = {}
        for unit in units:
            for o in Opening.objects.bulk_create(
                Opening(unit=unit, date=d, capacity=families) for d in days
            ):
                openings[(unit.pk, o.date)] = o
        family_rows = Family.objects.bulk_create(
            Family(
                number=100000 + i,
                name=f"Famille {i}",
                postal_code="45000",
                city="Orléans",
                address_line1=f"{i} rue des Écoles",
            )
            for i in range(families)
        )
        children = Child.objects.bulk_create(
            Child(family=f, first_name="Enfant", last_name=f.name, birth_date=date(2018, 5, 4))
            for f in family_rows
        )
        QuotientDeclaration.objects.bulk_create(
            QuotientDeclaration(
                family=f,
                value=300 + (i * 37) % 1200,
                valid_from=start,
                status=QuotientDeclaration.STATUS_ACCEPTED,
            )
            for i, f in enumerate(family_rows)
            if i % 3
        )
        enrolments = {}
        for e in Enrolment.objects.bulk_create(
            Enrolment(child=c, activity=a, status=Enrolment.STATUS_VALIDATED)
            for c in children
            for a in activities
        ):
            enrolments[(e.child_id, e.activity_id)] = e
        # ``lines`` billable: 2 of the 11 states in rotation are not billed.
        per_family = max(1, round(lines * 11 / 9 / families))
        slots = [(u, d) for d in days for u in units]
        states = (
            [Reservation.CONFIRMED] * 6
            + [Reservation.PRESENT] * 2
            + [Reservation.ABSENT_BILLED, Reservation.ABSENT_EXCUSED, Reservation.CANCELLED]
        )
        batch = []
        for i, child in enumerate(children):
            for j in range(per_family):
                unit, d = slots[(i + j * 3) % len(slots)] if per_family > len(slots) else slots[j]
                batch.append(
                    Reservation(
                        child=child,
                        opening=openings[(unit.pk, d)],
                        enrolment=enrolments[(child.pk, unit.activity_id)],
                        unit=unit,
                        date=d,
                        state=states[(i + j) % len(states)],
                    )
                )
        Reservation.objects.bulk_create(batch, batch_size=5000)
    return tenant, activities, len(batch)


def measure(families: int, lines: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tenants.utils import tenant_context

    from core.billing.models import Invoice, InvoiceLine
    from core.billing.services.runs import compute_run, create_run, publish_run, request_publish

    tenant, activities, reservations = prepare(families, lines)
    try:
        with tenant_context(tenant):
            run = create_run(
                label="Octobre 2026", period_start=date(2026, 10, 1), period_end=date(2026, 10, 31)
            )
            with CaptureQueriesContext(connection) as draft_q:
                t0 = time.perf_counter()
                run = compute_run(run_id=run.pk)
                draft_s = time.perf_counter() - t0
            request_publish(run=run, issue_date=date(2026, 11, 2))
            with CaptureQueriesContext(connection) as publish_q:
                t0 = time.perf_counter()
                publish_run(run_id=run.pk)
                publish_s = time.perf_counter() - t0
            invoices = Invoice.objects.filter(run=run).count()
            issued = InvoiceLine.objects.filter(invoice__run=run).count()
            numbers = sorted(Invoice.objects.filter(run=run).values_list("sequence", flat=True))
            assert numbers == list(range(1, invoices + 1)), "gap or duplicate"
            return {
                "reservations": reservations,
                "lines": run.line_count,
                "issued_lines": issued,
                "invoices": invoices,
                "total": run.total,
                "draft_s": draft_s,
                "publish_s": publish_s,
                "draft_queries": len(draft_q.captured_queries),
                "publish_queries": len(publish_q.captured_queries),
            }
    finally:
        connection.set_schema_to_public()
        tenant.delete(force_drop=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--families", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=60000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    results = [measure(args.families, args.lines) for _ in range(args.runs)]
    print(f"Machine: {machine()}")
    first = results[0]
    print(
        f"{args.families} families, {first['reservations']} reservations in October → "
        f"{first['lines']} billable lines, {first['invoices']} invoices, {first['total']} €"
    )
    for r in results:
        print(
            f"  draft {r['draft_s']:.2f} s ({r['draft_queries']} queries) · "
            f"publish {r['publish_s']:.2f} s ({r['publish_queries']} queries) · "
            f"total {r['draft_s'] + r['publish_s']:.2f} s"
        )
    draft = statistics.median(r["draft_s"] for r in results)
    publish = statistics.median(r["publish_s"] for r in results)
    print(
        f"Median: draft {draft:.2f} s, publish {publish:.2f} s, whole run {draft + publish:.2f} s;"
        f" queries per family: draft {first['draft_queries'] / args.families:.3f}, "
        f"publish {first['publish_queries'] / args.families:.3f}"
    )


if __name__ == "__main__":
    main()
