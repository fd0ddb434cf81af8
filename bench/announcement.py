#!/usr/bin/env python
"""An announcement to 5,000 guardians: time to queue (materialise the recipients) and to
deliver (e-mails in batches), SQL queries per batch.

Usage: .venv/bin/python bench/announcement.py [--guardians 5000] [--runs 3]
Creates a throw-away structure with ``guardians`` families (one guardian with a login each),
then for each repetition writes an announcement to « toutes les familles », times
``queue_announcement`` (one ``INSERT … SELECT``) and the task's body ``deliver`` with Django's
in-memory e-mail backend (the e-mails are rendered and handed to the connection, nothing leaves
the machine), and counts the SQL queries of the whole delivery and of one batch. The schema is
dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import uuid
from unittest import mock

from _setup import ROOT, machine, setup_django


def prepare(guardians: int):
    from django.contrib.auth.hashers import make_password
    from django_tenants.utils import tenant_context

    from core.accounts.models import User
    from core.families.models import Family, Guardian
    from tenants.provisioning import create_tenant

    slug = f"bench-annonce-{uuid.uuid4().hex[:6]}"
    tenant = create_tenant(
        slug=slug, name="Commune de l'Annonce", kind="commune", modules=["periscolaire"]
    )
    with tenant_context(tenant):
        password = make_password(None)
        users = User.objects.bulk_create(
            User(email=f"parent{i}@bench.example", password=password) for i in range(guardians)
        )
        families = Family.objects.bulk_create(
            Family(number=200000 + i, name=f"Famille {i}", postal_code="45000", city="Orléans")
            for i in range(guardians)
        )
        Guardian.objects.bulk_create(
            Guardian(family=f, user=u, is_primary=True, first_name="Parent", last_name=f.name)
            for f, u in zip(families, users, strict=True)
        )
    return tenant


def measure(tenant) -> dict:
    from django.conf import settings
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tenants.utils import tenant_context

    from core.communication.models import Announcement, AnnouncementRecipient
    from core.communication.services import announcements as service
    from core.communication.tasks import announcements as tasks

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    with tenant_context(tenant):
        announcement = service.create_draft(
            user=None,
            title="Fermeture exceptionnelle",
            text="<p>L'accueil sera <strong>fermé</strong> vendredi.</p>",
            target=[{"kind": "all"}],
        )
        # Queue without running the task (the delivery is timed on its own below).
        with CaptureQueriesContext(connection) as queue_q:
            t0 = time.perf_counter()
            preview = service.preview(target=announcement.target)
            with mock.patch("django.db.transaction.on_commit"):  # the task is timed below
                service.queue_announcement(announcement=announcement, user=None)
            queue_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        # The first batch alone, for its query count; then the task's body sends the rest.
        batch = tasks._EmailBatch(Announcement.objects.get(pk=announcement.pk))
        with CaptureQueriesContext(connection) as batch_q:
            tasks.send_email_batch(announcement=announcement, batch=batch)
        with CaptureQueriesContext(connection) as deliver_q:
            tasks.deliver(announcement_id=announcement.pk)
        deliver_s = time.perf_counter() - t0
        rows = AnnouncementRecipient.objects.filter(announcement=announcement)
        assert rows.count() == preview.guardians, "the count shown is the rows materialised"
        assert rows.filter(emailed_at__isnull=True).count() == 0
        assert len(mail.outbox) == preview.guardians, "one e-mail per guardian"
        return {
            "guardians": preview.guardians,
            "queue_s": queue_s,
            "queue_queries": len(queue_q.captured_queries),
            "deliver_s": deliver_s,
            "deliver_queries": len(deliver_q.captured_queries) + len(batch_q.captured_queries),
            "batch_size": tasks.BATCH_SIZE,
            "batch_queries": len(batch_q.captured_queries),
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--guardians", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    tenant = prepare(args.guardians)
    try:
        results = [measure(tenant) for _ in range(args.runs)]
    finally:
        connection.set_schema_to_public()
        tenant.delete(force_drop=True)
    first = results[0]
    print(f"Machine: {machine()}")
    print(f"{first['guardians']} guardians, batches of {first['batch_size']}")
    for r in results:
        print(
            f"  queue {r['queue_s'] * 1000:.0f} ms ({r['queue_queries']} queries) · "
            f"deliver {r['deliver_s']:.2f} s ({r['deliver_queries']} queries) · "
            f"{r['batch_queries']} queries per batch"
        )
    summary = {
        "guardians": first["guardians"],
        "batch_size": first["batch_size"],
        "queue_ms_median": round(statistics.median(r["queue_s"] for r in results) * 1000, 1),
        "deliver_s_median": round(statistics.median(r["deliver_s"] for r in results), 2),
        "emails_per_s": round(
            first["guardians"] / statistics.median(r["deliver_s"] for r in results), 1
        ),
        "queries_per_batch": first["batch_queries"],
        "queue_queries": first["queue_queries"],
        "machine": machine(),
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    (ROOT / "bench" / "results" / "announcement.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    )


if __name__ == "__main__":
    main()
