#!/usr/bin/env python
"""The staff inbox of a structure with 10,000 conversations: p50 of the list and its queries.

Usage: .venv/bin/python bench/inbox.py [--threads 10000] [--families 2000] [--repeat 30]
Creates a throw-away structure with ``families`` families and ``threads`` conversations spread
over its services (a family message each, a staff reply on half of them, the gestionnaire's
read marks on a third), then times GET /api/v1/staff/communication/threads/ as the
gestionnaire, in-process through Django's test client: page 1, page 1 with filters
(service + state), a search, and a late page. Counts the SQL queries of each request: they do
not grow with the number of threads. The schema is dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import uuid
from datetime import timedelta

from _setup import ROOT, machine, setup_django

PATH = "/api/v1/staff/communication/threads/"


def prepare(n_threads: int, n_families: int):
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from core.accounts.models import User
    from core.accounts.roles import Role
    from core.accounts.services import create_account
    from core.communication.models import Message, ReadMark, Service, Thread
    from core.families.models import Family, Guardian
    from tenants.provisioning import create_tenant

    slug = f"bench-inbox-{uuid.uuid4().hex[:6]}"
    tenant = create_tenant(
        slug=slug, name="Commune de la Boîte", kind="commune", modules=["periscolaire"]
    )
    with tenant_context(tenant):
        staff = create_account(email="gestion@bench.example", roles=[Role.GESTIONNAIRE])
        password = make_password(None)
        users = User.objects.bulk_create(
            User(email=f"parent{i}@bench.example", password=password) for i in range(n_families)
        )
        families = Family.objects.bulk_create(
            Family(number=300000 + i, name=f"Famille {i}", postal_code="45000", city="Orléans")
            for i in range(n_families)
        )
        Guardian.objects.bulk_create(
            Guardian(family=f, user=u, is_primary=True, first_name="Parent", last_name=f.name)
            for f, u in zip(families, users, strict=True)
        )
        services = list(Service.objects.prefetch_related("themes"))
        start = timezone.now() - timedelta(days=365)
        threads = []
        for i in range(n_threads):
            service = services[i % len(services)]
            themes = list(service.themes.all())
            when = start + timedelta(minutes=50 * i)
            threads.append(
                Thread(
                    family=families[i % n_families],
                    service=service,
                    theme=themes[i % len(themes)] if themes else None,
                    subject=f"Question {i}",
                    state=[Thread.STATE_NEW, Thread.STATE_OPEN, Thread.STATE_CLOSED][i % 3],
                    assignee=staff if i % 4 == 0 else None,
                    created_at=when,
                    last_message_at=when,
                    last_family_visible_at=when,
                )
            )
        threads = Thread.objects.bulk_create(threads, batch_size=2000)
        messages, marks = [], []
        for i, thread in enumerate(threads):
            user = users[i % n_families]
            messages.append(
                Message(
                    thread=thread,
                    author=user,
                    side=Message.SIDE_FAMILY,
                    text="Bonjour",
                    created_at=thread.created_at,
                )
            )
            if i % 2:
                messages.append(
                    Message(
                        thread=thread,
                        author=staff,
                        side=Message.SIDE_STAFF,
                        text="Bien reçu",
                        created_at=thread.created_at,
                    )
                )
            if i % 3 == 0:
                marks.append(ReadMark(thread=thread, user=staff, read_at=thread.created_at))
        Message.objects.bulk_create(messages, batch_size=5000)
        ReadMark.objects.bulk_create(marks, batch_size=5000)
        service_id = services[1].pk
    return tenant, staff, service_id


def timed(client, params: dict, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(PATH, params)  # warm the host map and the session
    assert response.status_code == 200, response.content
    durations = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(PATH, params)
        durations.append(time.perf_counter() - t0)
    with CaptureQueriesContext(connection) as ctx:
        client.get(PATH, params)
    body = response.json()
    return {
        "params": params,
        "count": body["count"],
        "p50_ms": round(statistics.median(durations) * 1000, 1),
        "queries": len(ctx.captured_queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=10000)
    parser.add_argument("--families", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client
    from django_tenants.utils import tenant_context

    tenant, staff, service_id = prepare(args.threads, args.families)
    try:
        client = Client(HTTP_HOST=f"{tenant.slug}.localhost")
        with tenant_context(tenant):
            client.force_login(staff)
        cases = {
            "page_1": {},
            "filtered": {"service": service_id, "state": "new"},
            "search": {"q": "Famille 12"},
            "page_100": {"page": 100},
        }
        results = {name: timed(client, params, args.repeat) for name, params in cases.items()}
    finally:
        connection.set_schema_to_public()
        tenant.delete(force_drop=True)
    print(f"Machine: {machine()}")
    print(f"{args.threads} threads, {args.families} families")
    for name, r in results.items():
        print(f"  {name}: p50 {r['p50_ms']} ms, {r['queries']} queries, {r['count']} matching")
    summary = {
        "threads": args.threads,
        "families": args.families,
        "repeat": args.repeat,
        **results,
        "machine": machine(),
    }
    (ROOT / "bench" / "results" / "inbox.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    )


if __name__ == "__main__":
    main()
