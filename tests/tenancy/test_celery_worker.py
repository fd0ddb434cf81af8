"""Tasks run by a real Celery worker over the real (embedded) Redis broker."""

from __future__ import annotations

import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django_tenants.utils import tenant_context

from config.celery import app
from core.messaging.services import queue_email
from tests.support.worker import wait_for


@app.task(name="tests.record_schema")
def record_schema(token: str) -> None:
    import sentry_sdk

    tag = sentry_sdk.get_isolation_scope()._tags.get("tenant")
    cache.set(f"probe:{token}", {"schema": connection.schema_name, "sentry_tenant": tag}, 60)


@pytest.fixture
def celery_worker(tenants, django_db_blocker):
    app.conf.task_always_eager = False
    try:
        # The worker thread opens its own connection to the test database.
        with (
            django_db_blocker.unblock(),
            start_worker(
                app,
                pool="solo",
                # Both queues: the PDF and export tasks are routed to the documents one.
                queues=[settings.CELERY_TASK_DEFAULT_QUEUE, settings.CELERY_DOCUMENTS_QUEUE],
                perform_ping_check=False,
                loglevel="WARNING",
                shutdown_timeout=10,
            ),
        ):
            yield
    finally:
        app.conf.task_always_eager = True


def test_task_queued_in_a_structure_runs_in_its_schema_with_its_sentry_tag(tenants, celery_worker):
    alpha, beta = tenants["alpha"], tenants["beta"]
    token = uuid.uuid4().hex
    with tenant_context(alpha):
        record_schema.delay(token)
        seen = wait_for(lambda: cache.get(f"probe:{token}"))
    assert seen == {"schema": "t_alpha", "sentry_tenant": "t_alpha"}
    with tenant_context(beta):
        assert cache.get(f"probe:{token}") is None  # the worker wrote under alpha's keys
    connection.set_schema_to_public()


def test_email_is_sent_by_the_worker_after_commit_with_the_structure_as_sender(
    tenants, celery_worker, db, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with tenant_context(tenants["beta"]):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            queue_email(to=["famille@example.org"], subject="Bienvenue", body="Bonjour")
        assert not mail.outbox, "nothing leaves before the commit"
    # The commit happens after the code left the structure's context: the task still runs in
    # the structure that queued the e-mail.
    connection.set_schema_to_public()
    for callback in callbacks:
        callback()

    message = wait_for(lambda: mail.outbox and mail.outbox[-1])
    assert message.to == ["famille@example.org"]
    assert message.from_email.startswith("Association Bêta <")
    connection.set_schema_to_public()
