"""Nightly anonymisation of family files past the structure's retention period."""

from __future__ import annotations

import logging

from config.celery import app
from core.families.services.gdpr import anonymise_inactive_families
from core.tenancy.structures import queue_in_each_structure

logger = logging.getLogger(__name__)


@app.task(acks_late=True)
def anonymise_inactive_families_in_structure() -> int:
    """Runs in the schema of the structure that queued it (tenant-schemas-celery)."""
    count = anonymise_inactive_families()
    if count:
        logger.info("%s inactive family file(s) anonymised", count)
    return count


@app.task
def anonymise_inactive_families_everywhere() -> int:
    """Beat entry point (public schema): one task per active structure."""
    return queue_in_each_structure(anonymise_inactive_families_in_structure)
