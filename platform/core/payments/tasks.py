"""Polling of the online payments whose parent never came back, in every active structure."""

from __future__ import annotations

import logging

from config.celery import app
from core.payments.services import poll_pending
from core.tenancy.structures import queue_in_each_structure

logger = logging.getLogger(__name__)


@app.task(acks_late=True)
def poll_pending_attempts() -> int:
    """Runs in the schema of the structure that queued it (tenant-schemas-celery)."""
    count = poll_pending()
    if count:
        logger.info("%s pending payment attempt(s) polled", count)
    return count


@app.task
def poll_pending_attempts_everywhere() -> int:
    """Beat entry point (public schema): one task per active structure."""
    return queue_in_each_structure(poll_pending_attempts)
