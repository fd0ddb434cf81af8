#!/usr/bin/env python
"""Requests per second of GET /api/v1/structure/ through gunicorn on loopback.

Usage: .venv/bin/python bench/structure_rps.py [--seconds 15] [--clients 4] [--workers 2]
Starts gunicorn (sync workers, as in production) on 127.0.0.1 against the bench database,
loads it from client processes on the same machine (they share its 2 cores), then stops it.
Also counts the SQL queries one request costs once the host map is cached.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import time

from _setup import ROOT, machine, setup_django

HOST = "bench-rps.localhost"
PATH = "/api/v1/structure/"


def client(port: int, seconds: float, queue) -> None:
    latencies, errors = [], 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", PATH, headers={"Host": HOST})
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status != 200:
                errors += 1
        except OSError:
            errors += 1
        latencies.append(time.perf_counter() - start)
    queue.put((latencies, errors))


def queries_per_request() -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    c = Client(HTTP_HOST=HOST)
    c.get(PATH)
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(PATH).status_code == 200
    return len(ctx.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    setup_django()

    from tenants.models import Tenant
    from tenants.provisioning import create_tenant

    if not Tenant.objects.filter(slug="bench-rps").exists():
        create_tenant(
            slug="bench-rps",
            name="Commune de Banc-d'Essai",
            kind="commune",
            modules=["periscolaire", "creche"],
        )
    n_queries = queries_per_request()

    env = {
        **os.environ,
        "MARELLE_DB_NAME": "marelle_bench",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "false",
    }
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
            "--log-level",
            "warning",
        ],
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
                conn.request("GET", PATH, headers={"Host": HOST})
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        queue = multiprocessing.Queue()
        procs = [
            multiprocessing.Process(target=client, args=(args.port, args.seconds, queue))
            for _ in range(args.clients)
        ]
        for p in procs:
            p.start()
        results = [queue.get() for _ in procs]
        for p in procs:
            p.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    rps = len(latencies) / args.seconds
    summary = {
        "requests": len(latencies),
        "errors": errors,
        "seconds": args.seconds,
        "clients": args.clients,
        "gunicorn_workers": args.workers,
        "requests_per_s": round(rps, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
        "sql_queries_per_request": n_queries,
        "machine": machine(),
    }
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench" / "results" / "structure_rps.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
