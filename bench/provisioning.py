#!/usr/bin/env python
"""Time to provision a structure: clone of the template schema vs plain migrations.

Usage: .venv/bin/python bench/provisioning.py [--runs 5]
Runs against its own database (marelle_bench) on the embedded PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from _setup import ROOT, machine, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()

    from django.db import connection
    from django.test.utils import override_settings

    from tenants.models import Tenant
    from tenants.provisioning import create_tenant

    def drop(slug: str) -> None:
        Tenant.objects.filter(slug=slug).delete()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS t_{slug.replace('-', '_')} CASCADE")

    results = {}
    for mode in ("clone", "migrate"):
        timings = []
        for i in range(args.runs):
            slug = f"bench-{mode}-{i}"
            drop(slug)
            start = time.perf_counter()
            with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=(mode == "clone")):
                create_tenant(
                    slug=slug,
                    name=f"Bench {i}",
                    kind="commune",
                    modules=["periscolaire", "creche", "sejours"],
                )
            timings.append(time.perf_counter() - start)
            connection.set_schema_to_public()
            drop(slug)
        results[mode] = {
            "runs": args.runs,
            "median_s": round(statistics.median(timings), 3),
            "min_s": round(min(timings), 3),
            "max_s": round(max(timings), 3),
        }
        print(
            f"{mode:8} median {results[mode]['median_s']:.3f} s "
            f"(min {results[mode]['min_s']:.3f}, max {results[mode]['max_s']:.3f}, "
            f"{args.runs} runs)"
        )
    results["machine"] = machine()
    out = ROOT / "bench" / "results" / "provisioning.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"→ {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
