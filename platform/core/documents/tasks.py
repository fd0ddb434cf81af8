"""Nightly expiry of documents, in every active structure."""

from __future__ import annotations

import logging

from config.celery import app
from core.documents.services import expire_documents
from core.tenancy.structures import queue_in_each_structure

logger = logging.getLogger(__name__)


@app.task(acks_late=True)
def expire_documents_in_structure() -> int:
    """Runs in the schema of the structure that queued it (tenant-schemas-celery)."""
    count = expire_documents()
    if count:
        logger.info("%s document(s) expired", count)
    return count


@app.task
def expire_documents_everywhere() -> int:
    """Beat entry point (public schema): one task per active structure, so that a failure or
    a slow structure does not hold the others back. Returns how many were queued."""
    return queue_in_each_structure(expire_documents_in_structure)
