"""Log records with their context, as plain text (demo, tests) or JSON lines (production).

``LogContextFilter`` (on the console handler) adds ``tenant``, ``request_id``, ``user_id`` and
``task_id`` to every record, whichever logger emitted it. ``JsonFormatter`` writes one JSON
object per line with those fields, the timestamp, level, logger, message and the traceback,
and nothing else: the extras other libraries attach (Django's ``request``, whose text carries
the query string; a ``dict`` message) are dropped, so no personal data rides along by accident.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection
from pythonjsonlogger.json import JsonFormatter as _BaseJsonFormatter

from core.observability import context

CONTEXT_FIELDS = ("tenant", "request_id", "user_id", "task_id")
# Extras kept from the records our own code emits (the access line of each request).
_ALLOWED_EXTRAS = ("method", "route", "status", "duration_ms", "task")
_TRACE_FIELDS = ("exc_info", "stack_info")


class LogContextFilter(logging.Filter):
    """Adds the current structure, request, user and task to every record.

    The structure is the schema the database connection is on (what the code really
    touches, even inside a ``tenant_context`` of an operator's command), else the one the
    request or task started in; ``"-"`` when neither is known, as the plain format shows it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.tenant = _schema() or context.tenant.get() or "-"
        record.request_id = context.request_id.get()
        record.user_id = context.current_user_id()
        record.task_id = context.task_id.get()
        return True


def _schema() -> str | None:
    # Reading the attribute opens no connection: django-tenants keeps it on the wrapper.
    return getattr(connection, "schema_name", None) or None


class JsonFormatter(_BaseJsonFormatter):
    """One JSON object per record: timestamp, level, logger, message, the context fields, the
    traceback when there is one, and the allow-listed extras of our own access lines."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", ["levelname", "name", "message", *CONTEXT_FIELDS])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", True)
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        # A dict message's keys are not ours to trust: only its traceback is kept.
        kept = {key: message_dict[key] for key in _TRACE_FIELDS if key in message_dict}
        super().add_fields(log_data, record, kept)
        for key in list(log_data):
            if key not in _OUTPUT_FIELDS:
                del log_data[key]
        for field in CONTEXT_FIELDS:  # a record that skipped the filter (another handler)
            log_data.setdefault(field, None)
        if log_data["tenant"] == "-":  # the plain format's "unknown"
            log_data["tenant"] = None
        # The timestamp first, as log viewers show it.
        fields = dict(log_data)
        log_data.clear()
        log_data["timestamp"] = fields.pop("timestamp", None)
        log_data.update(fields)


_OUTPUT_FIELDS = frozenset(
    {"timestamp", "level", "logger", "message", *CONTEXT_FIELDS, *_ALLOWED_EXTRAS, *_TRACE_FIELDS}
)
