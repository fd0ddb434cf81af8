"""Nightly anonymisation of family files past the structure's retention period."""

from __future__ import annotations

import logging

from django_tenants.utils import get_public_schema_name

from config.celery import app
from core.families.services.gdpr import anonymise_inactive_families
from tenants.constants import TenantStatus
from tenants.models import Tenant

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
    schemas = list(
        Tenant.objects.filter(status=TenantStatus.ACTIVE)
        .exclude(schema_name=get_public_schema_name())
        .values_list("schema_name", flat=True)
    )
    for schema_name in schemas:
        anonymise_inactive_families_in_structure.apply_async(headers={"_schema_name": schema_name})
    return len(schemas)
