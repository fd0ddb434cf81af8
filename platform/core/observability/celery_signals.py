"""The log context of Celery tasks: the structure the task runs in and the task's id, and the
request id of the request that queued it, so one request's lines and its tasks' join up.

Connected by ``config.celery``. tenant-schemas-celery switches the connection to the task's
schema on ``task_prerun`` too; the schema is read from the message's headers here, which does
not depend on which receiver runs first.
"""

from __future__ import annotations

from typing import Any

from celery.signals import before_task_publish, setup_logging, task_postrun, task_prerun

from core.observability import context
from core.observability.log_format import log_format

REQUEST_ID_HEADER = "marelle_request_id"

# The tokens to restore when the task ends, by task id (a task may run eagerly inside a
# request, whose own context must come back intact).
_bound: dict[str, list] = {}


def _header(task: Any, name: str) -> str | None:
    request = task.request
    headers = getattr(request, "headers", None) or {}
    return headers.get(name) or getattr(request, name, None)


def bind_task_context(task_id: str | None = None, task: Any = None, **kwargs: Any) -> None:
    if task is None or task_id is None:
        return
    from django.db import connection

    schema = _header(task, "_schema_name") or getattr(connection, "schema_name", None)
    values: dict[str, Any] = {"task_id": task_id, "tenant": schema}
    queued_by = _header(task, REQUEST_ID_HEADER)
    if queued_by:
        values["request_id"] = queued_by
    _bound[task_id] = context.bind(**values)


def unbind_task_context(task_id: str | None = None, **kwargs: Any) -> None:
    tokens = _bound.pop(task_id, None) if task_id else None
    if tokens:
        context.unbind(tokens)


def stamp_request_id(headers: dict | None = None, **kwargs: Any) -> None:
    """Carry the current request id in the message (Celery's protocol 2 headers)."""
    request_id = context.request_id.get()
    if request_id and headers is not None:
        headers.setdefault(REQUEST_ID_HEADER, request_id)


def connect() -> None:
    task_prerun.connect(bind_task_context, weak=False, dispatch_uid="marelle_log_context_in")
    task_postrun.connect(unbind_task_context, weak=False, dispatch_uid="marelle_log_context_out")
    before_task_publish.connect(
        stamp_request_id, weak=False, dispatch_uid="marelle_log_context_publish"
    )
    if log_format() == "json":
        # Only then: any receiver of this signal turns Celery's own (plain) setup off.
        setup_logging.connect(keep_django_logging, weak=False, dispatch_uid="marelle_logging")


def keep_django_logging(**kwargs: Any) -> None:
    """JSON logs in workers and beat: Celery leaves logging to Django's ``LOGGING`` (its own
    setup would put a plain-text handler on the root and task loggers). The level is
    ``LOG_LEVEL``'s, as in the web pods, not the ``--loglevel`` of the command line."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
