#!/usr/bin/env python
"""A window opens: many parents press "Terminer" on the same openings at the same moment.

Usage: .venv/bin/python bench/booking_rush.py [--parents 200] [--days 5] [--capacity 60]
       [--workers 4]
Sets up a structure where ``parents`` families each have the same ``days`` bookings in their
cart (openings of ``capacity`` places), starts gunicorn (sync workers) on 127.0.0.1, fires every
checkout at once from client threads, then checks the invariants: no opening over capacity,
``booked`` equal to the reservations holding a place, every request answered 200 and every line
confirmed or waiting-listed. Also measures PostgreSQL's own limit on this machine with pgbench
(one-row UPDATE, the contended statement of a booking).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from _setup import ROOT, machine, setup_django

HOST = "bench-rush.localhost"


def prepare(parents: int, days: int, capacity: int) -> tuple[list[str], list[int]]:
    from django.conf import settings
    from django.test import Client
    from django_tenants.utils import tenant_context

    from core.booking.models import Cart, Enrolment, Reservation
    from core.booking.services import cart as carts
    from core.catalog.models import Activity, Opening
    from tenants.models import Tenant
    from tenants.provisioning import create_tenant

    sys.path.insert(0, str(ROOT))
    from tests.support.booking import enrol, make_activity, next_weekdays
    from tests.support.factories import make_family

    tenant = Tenant.objects.filter(slug="bench-rush").first() or create_tenant(
        slug="bench-rush", name="Commune de la Ruée", kind="commune", modules=["periscolaire"]
    )
    sessions, openings = [], []
    with tenant_context(tenant):
        # A fresh rush each run: earlier runs' reservations and carts go.
        Reservation.objects.all().delete()
        Cart.objects.all().delete()
        Enrolment.objects.all().delete()
        Opening.objects.all().delete()
        Activity.objects.all().delete()
        activity = make_activity(name="Rush", days=next_weekdays(days, after=10))
        Opening.objects.filter(unit__activity=activity).update(capacity=capacity)
        openings = list(
            Opening.objects.filter(unit__activity=activity).values_list("pk", flat=True)
        )
        run = uuid.uuid4().hex[:8]
        for i in range(parents):
            family, user = make_family(tenant=tenant, email=f"rush.{run}.{i}@example.org")
            child = family.children.get()
            enrol(child, activity)
            cart = carts.cart_for(user=user, family=family)
            carts.add_changes(
                cart=cart,
                changes=[carts.RequestedChange(child.pk, pk, "book") for pk in openings],
            )
            client = Client(HTTP_HOST=HOST)
            client.force_login(user)
            sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return sessions, openings


def check(openings: list[int]) -> dict:
    from django.db.models import Count, Q
    from django_tenants.utils import tenant_context

    from core.booking.models import Reservation
    from core.catalog.models import Opening
    from tenants.models import Tenant

    with tenant_context(Tenant.objects.get(slug="bench-rush")):
        rows = Opening.objects.filter(pk__in=openings).annotate(
            holding=Count("reservations", filter=Q(reservations__state__in=Reservation.HOLDING)),
            waiting=Count("reservations", filter=Q(reservations__state=Reservation.WAITLISTED)),
        )
        over = [o.pk for o in rows if o.booked > o.capacity or o.holding != o.booked]
        states = dict(
            Reservation.objects.filter(opening_id__in=openings)
            .values_list("state")
            .annotate(n=Count("id"))
        )
    return {"openings_over_capacity_or_inconsistent": over, "states": states}


def pgbench(seconds: int) -> dict:
    """PostgreSQL's raw ceiling here: one-row UPDATE, 2 clients (= cores), same cluster."""
    from django.db import connection

    binary = shutil.which("pgbench") or str(
        Path(__import__("pgserver").__file__).parent / "pginstall" / "bin" / "pgbench"
    )
    settings = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_counter (id int primary key, n int)")
        cursor.execute("INSERT INTO bench_counter VALUES (1, 0) ON CONFLICT DO NOTHING")
    results = {}
    for name, sql in {
        "same_row": "UPDATE bench_counter SET n = n + 1 WHERE id = 1;",
    }.items():
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
            script.write(sql + "\n")
        out = subprocess.run(  # noqa: S603
            [
                binary,
                "-n",
                "-f",
                script.name,
                "-c",
                "2",
                "-j",
                "2",
                "-T",
                str(seconds),
                "-h",
                settings["HOST"],
                "-U",
                settings["USER"],
                settings["NAME"],
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        os.unlink(script.name)
        tps = next(line for line in out.splitlines() if line.startswith("tps"))
        latency = next(line for line in out.splitlines() if "latency average" in line)
        results[name] = {
            "tps": round(float(tps.split("=")[1].split()[0]), 1),
            "latency_ms": float(latency.split("=")[1].split()[0]),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parents", type=int, default=200)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--capacity", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--pgbench-seconds", type=int, default=10)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    sessions, openings = prepare(args.parents, args.days, args.capacity)
    env = {**os.environ, "MARELLE_DB_NAME": "marelle_bench", "LOG_LEVEL": "WARNING"}
    env["DEBUG"] = "false"
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--backlog",
            "2048",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
        start_new_session=True,
    )
    latencies: list[float] = []
    statuses: list[int] = []
    confirmed_lines = 0
    lock = threading.Lock()
    try:
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
                conn.request("GET", "/api/v1/structure/", headers={"Host": HOST})
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        barrier = threading.Barrier(len(sessions) + 1)

        def checkout(session_id: str) -> None:
            nonlocal confirmed_lines
            token = "b" * 32
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
            barrier.wait()
            start = time.perf_counter()
            conn.request(
                "POST",
                "/api/v1/booking/cart/checkout/",
                headers={
                    "Host": HOST,
                    "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_id}; csrftoken={token}",
                    "X-CSRFToken": token,
                    "Content-Type": "application/json",
                },
            )
            response = conn.getresponse()
            body = json.loads(response.read() or b"{}")
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses.append(response.status)
                confirmed_lines += sum(1 for d in body.get("done", []) if d["state"] == "confirmed")

        threads = [threading.Thread(target=checkout, args=(s,)) for s in sessions]
        for t in threads:
            t.start()
        barrier.wait()
        wall_start = time.perf_counter()
        for t in threads:
            t.join()
        wall = time.perf_counter() - wall_start
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    invariants = check(openings)
    latencies.sort()
    summary = {
        "parents": args.parents,
        "lines_per_parent": len(openings),
        "places": len(openings) * args.capacity,
        "gunicorn_workers": args.workers,
        "wall_seconds": round(wall, 2),
        "checkouts_per_s": round(len(statuses) / wall, 1),
        "confirmed_bookings_per_s": round(confirmed_lines / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
        "statuses": {str(s): statuses.count(s) for s in set(statuses)},
        **invariants,
        "pgbench_one_row_update": pgbench(args.pgbench_seconds),
        "machine": machine(),
    }
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench" / "results" / "booking_rush.json"
    out.write_text(json.dumps(summary, indent=2) + "\n")
    ok = (
        not invariants["openings_over_capacity_or_inconsistent"]
        and summary["statuses"] == {"200": args.parents}
        and set(invariants["states"]) <= {"confirmed", "waitlisted"}
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
