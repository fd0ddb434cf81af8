"""Nightly expiry of documents, in every active structure."""

from __future__ import annotations

import logging

from django_tenants.utils import get_public_schema_name

from config.celery import app
from core.documents.services import expire_documents
from tenants.constants import TenantStatus
from tenants.models import Tenant

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
    schemas = list(
        Tenant.objects.filter(status=TenantStatus.ACTIVE)
        .exclude(schema_name=get_public_schema_name())
        .values_list("schema_name", flat=True)
    )
    for schema_name in schemas:
        # The header tells the worker which schema to run in; without it the task would run
        # in this task's own schema (public).
        expire_documents_in_structure.apply_async(headers={"_schema_name": schema_name})
    return len(schemas)
