import logging

from django.db import connection


class TenantContextFilter(logging.Filter):
    """Adds the current schema to every log record (``%(tenant)s``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.tenant = getattr(connection, "schema_name", "-") or "-"
        return True
