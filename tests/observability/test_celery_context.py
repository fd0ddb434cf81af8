"""Celery tasks log with their structure, their task id and the queuing request's id."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from config.celery import app
from core.observability import context
from tests.support.worker import wait_for


@app.task(name="tests.observability.log_a_line")
def log_a_line() -> None:
    logging.getLogger("tests.observability.task").warning("tâche exécutée")


@pytest.mark.django_db
def test_eager_task_lines_carry_structure_and_task_id(alpha, json_logs):
    result = log_a_line.delay()
    [line] = json_logs.by_logger("tests.observability.task")
    assert line["tenant"] == "t_alpha"
    assert line["task_id"] == result.id
    assert context.task_id.get() is None, "the task's context ends with it"


def test_worker_task_lines_carry_structure_task_id_and_request_id(
    tenants, celery_worker, json_logs
):
    tokens = context.bind(request_id="req-queued-1")
    try:
        with tenant_context(tenants["beta"]):
            result = log_a_line.delay()
    finally:
        context.unbind(tokens)
    connection.set_schema_to_public()
    [line] = wait_for(lambda: json_logs.by_logger("tests.observability.task"))
    assert line["tenant"] == "t_beta"
    assert line["task_id"] == result.id
    assert line["request_id"] == "req-queued-1"
