"""Polling of the online payments whose parent never came back, in every active structure."""

from __future__ import annotations

import logging

from django_tenants.utils import get_public_schema_name

from config.celery import app
from core.payments.services import poll_pending
from tenants.constants import TenantStatus
from tenants.models import Tenant

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
    schemas = list(
        Tenant.objects.filter(status=TenantStatus.ACTIVE)
        .exclude(schema_name=get_public_schema_name())
        .values_list("schema_name", flat=True)
    )
    for schema_name in schemas:
        poll_pending_attempts.apply_async(headers={"_schema_name": schema_name})
    return len(schemas)
