"""Which log format a process uses, for the Celery worker and beat, which decide it before
Django's settings can be read (no Django import here). Same rule as the settings'."""

from __future__ import annotations

import os
from collections.abc import Mapping


def log_format(environ: Mapping[str, str] = os.environ) -> str:
    """``LOG_FORMAT`` if set, else JSON in production (``DATABASE_URL`` set), plain otherwise
    (the demo and the tests keep their readable lines)."""
    chosen = environ.get("LOG_FORMAT", "").strip().lower()
    if chosen:
        return chosen
    return "json" if environ.get("DATABASE_URL") else "plain"
