"""A third structure of this folder's own, and a real Celery worker that runs two tasks at
once (two threads), listening to both queues."""

from __future__ import annotations

import threading

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection

from config.celery import app

GAMMA = {
    "slug": "gamma-planif",
    "name": "Association Gamma",
    "kind": "association",
    "modules": ["sejours", "creche"],
}


@pytest.fixture(scope="module")
def gamma(tenants, django_db_blocker):
    """A structure whose committed data no other test sees; dropped with its schema after the
    module (the worker's threads must see the data, so it is committed)."""
    from tenants.provisioning import create_tenant

    with django_db_blocker.unblock():
        tenant = create_tenant(**GAMMA)
        connection.set_schema_to_public()
    yield tenant
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        tenant.refresh_from_db()
        tenant.delete(force_drop=True)


class Runs:
    """What the worker ran: ``(task name, schema, return value)``, in order of completion."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, object]] = []
        self._lock = threading.Lock()

    def record(self, sender=None, task=None, retval=None, **kwargs) -> None:
        headers = task.request.headers or {}
        schema = headers.get("_schema_name") or task.request.get("_schema_name") or "public"
        with self._lock:
            self.items.append((task.name, schema, retval))

    def of(self, name: str, schema: str | None = None) -> list[object]:
        with self._lock:
            return [r for n, s, r in self.items if n == name and schema in (None, s)]


@pytest.fixture
def worker(tenants, django_db_blocker, settings):
    """A real worker over the real broker, two threads (the two deliveries of a task may run
    at once), both queues; the fan-out without its spread (no countdown)."""
    settings.CELERY_FANOUT_JITTER_SECONDS = 0
    runs = Runs()
    task_postrun.connect(runs.record, weak=False, dispatch_uid="scheduling-runs")
    app.conf.task_always_eager = False
    queues = [settings.CELERY_TASK_DEFAULT_QUEUE, settings.CELERY_DOCUMENTS_QUEUE]
    try:
        with (
            django_db_blocker.unblock(),
            start_worker(
                app,
                pool="threads",
                concurrency=2,
                queues=queues,
                perform_ping_check=False,
                loglevel="WARNING",
                shutdown_timeout=20,
            ),
        ):
            yield runs
    finally:
        app.conf.task_always_eager = True
        task_postrun.disconnect(dispatch_uid="scheduling-runs")
