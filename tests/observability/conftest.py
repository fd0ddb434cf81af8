"""Fixtures of the observability tests: JSON log lines as production writes them, readiness
asked afresh, a real Celery worker."""

from __future__ import annotations

import io
import json
import logging

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from core.observability import readiness
from core.observability.logging import JsonFormatter, LogContextFilter


class JsonLines:
    """What the production handler (the context filter, the JSON formatter) writes."""

    def __init__(self) -> None:
        self.stream = io.StringIO()
        self.handler = logging.StreamHandler(self.stream)
        self.handler.addFilter(LogContextFilter())
        self.handler.setFormatter(JsonFormatter())

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    @property
    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.text.splitlines() if line]

    def by_logger(self, name: str) -> list[dict]:
        return [r for r in self.records if r["logger"] == name]


@pytest.fixture
def json_logs():
    """Records of every logger at INFO and above, as JSON lines; the access logger (WARNING in
    the tests' plain mode) is opened to INFO for the test."""
    lines = JsonLines()
    root, access = logging.getLogger(), logging.getLogger("core.observability.access")
    levels = root.level, access.level
    root.addHandler(lines.handler)
    root.setLevel(logging.INFO)
    access.setLevel(logging.INFO)
    try:
        yield lines
    finally:
        root.removeHandler(lines.handler)
        root.setLevel(levels[0])
        access.setLevel(levels[1])


@pytest.fixture(autouse=True)
def _readiness_asked_afresh():
    """The migrations answer is cached per process: each test starts without it."""
    readiness.forget_migrations_state()
    yield
    readiness.forget_migrations_state()


@pytest.fixture
def celery_worker(tenants, django_db_blocker):
    """A real worker over the embedded Redis broker, in a thread of this process."""
    app.conf.task_always_eager = False
    try:
        with (
            django_db_blocker.unblock(),
            start_worker(
                app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
            ),
        ):
            yield
    finally:
        app.conf.task_always_eager = True
