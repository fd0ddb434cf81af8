#!/usr/bin/env python
"""The commission's proposal on the database: rows read, proposal computed, run stored.

Usage: .venv/bin/python bench/allocation_db.py [--children 2000] [--stays 40] [--runs 5]
Creates a throw-away structure with the séjours module, ``stays`` stays of a wish campaign
and ``children`` children (one family each, a quotient familial each) with three wishes
each, then times ``commission.run_proposal`` (read the rows in a fixed number of queries,
``allocation.propose``, store the run with its decisions and trails) ``runs`` times and
counts its SQL queries; the same count is measured on a campaign a quarter the size, to show
it does not grow with the number of wishes. The schema is dropped at the end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from datetime import date, timedelta

from _setup import ROOT, machine, setup_django


def seed_campaign(*, children: int, stays: int, label: str, number_from: int):
    from django.utils import timezone

    from core.families.models import Child, Family, QuotientDeclaration
    from modules.sejours.models import Wish
    from tests.support.sejours import make_campaign, make_stay

    campaign = make_campaign(label=label)
    start = date(2027, 7, 5)
    stay_rows = [
        make_stay(
            name=f"{label} — séjour {i + 1}",
            start=start + timedelta(days=7 * (i % 6)),
            capacity=max(1, children // (stays * 2)),  # demand: about twice the places
            campaign=campaign,
            min_age=6 + (i % 3) * 2,
            max_age=11 + (i % 3) * 2,
        )
        for i in range(stays)
    ]
    families = Family.objects.bulk_create(
        Family(
            number=number_from + i,
            name=f"Famille {i}",
            postal_code="38000" if i % 3 else "38100",
            city="Grenoble",
        )
        for i in range(children)
    )
    QuotientDeclaration.objects.bulk_create(
        QuotientDeclaration(
            family=f,
            value=250 + (i * 37) % 1500,
            valid_from=date(2027, 1, 1),
            status=QuotientDeclaration.STATUS_ACCEPTED,
        )
        for i, f in enumerate(families)
    )
    kids = Child.objects.bulk_create(
        Child(
            family=f,
            first_name="Enfant",
            last_name=f.name,
            birth_date=date(2014 + i % 8, 1 + i % 12, 1 + i % 28),
        )
        for i, f in enumerate(families)
    )
    now = timezone.now()
    Wish.objects.bulk_create(
        Wish(
            campaign=campaign,
            family_id=k.family_id,
            child=k,
            stay=stay_rows[(i * 7 + rank * 13) % stays],
            rank=rank,
            created_at=now - timedelta(minutes=i),
        )
        for i, k in enumerate(kids)
        for rank in (1, 2, 3)
    )
    return campaign


def measure(children: int, stays: int, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tenants.utils import tenant_context

    from modules.sejours.services.commission import run_proposal
    from tenants.provisioning import create_tenant

    sys.path.insert(0, str(ROOT))
    tenant = create_tenant(
        slug=f"bench-sejours-{uuid.uuid4().hex[:6]}",
        name="Commune des Séjours",
        kind="commune",
        modules=["sejours"],
    )
    try:
        with tenant_context(tenant):
            small = seed_campaign(
                children=children // 4, stays=stays, label="Printemps", number_from=100000
            )
            large = seed_campaign(children=children, stays=stays, label="Été", number_from=200000)
            run_proposal(campaign=small, by=None, seed=0)  # settings rows created once
            with CaptureQueriesContext(connection) as small_q:
                run_proposal(campaign=small, by=None, seed=1)
            times, queries, placed = [], [], 0
            for seed in range(runs):
                with CaptureQueriesContext(connection) as q:
                    t0 = time.perf_counter()
                    run = run_proposal(campaign=large, by=None, seed=seed)
                    times.append(time.perf_counter() - t0)
                queries.append(len(q.captured_queries))
                placed = run.summary["counts"]["placed"]
            return {
                "times": times,
                "queries": queries,
                "small_queries": len(small_q.captured_queries),
                "wishes": run.summary["wishes"],
                "placed": placed,
            }
    finally:
        connection.set_schema_to_public()
        tenant.delete(force_drop=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=2000)
    parser.add_argument("--stays", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    r = measure(args.children, args.stays, args.runs)
    print(f"Machine: {machine()}")
    print(
        f"{args.children} children × 3 wishes = {r['wishes']} wishes over {args.stays} stays "
        f"→ {r['placed']} children placed"
    )
    for t, q in zip(r["times"], r["queries"], strict=True):
        print(f"  run_proposal {t:.3f} s ({q} queries)")
    print(
        f"Median: {statistics.median(r['times']):.3f} s; queries: {r['queries'][0]} for "
        f"{args.children} children, {r['small_queries']} for {args.children // 4}"
    )
    assert r["small_queries"] == r["queries"][0], "the number of queries grows with the campaign"


if __name__ == "__main__":
    main()
