"""The structures (tenants) as the core sees them: through django-tenants' settings
(``TENANT_MODEL``, ``TENANT_DOMAIN_MODEL``) and ``TENANT_PROVIDER_REFERENCE_MODEL``, never by
importing the ``tenants`` app, which depends on the core and not the reverse."""

from __future__ import annotations

import hashlib
import logging

from django.apps import apps
from django.conf import settings
from django.db import connection
from django_tenants.utils import get_public_schema_name, get_tenant_domain_model, get_tenant_model

from core.tenancy.constants import TenantStatus
from core.tenancy.migration_state import migrations_applied, record_schema_leaves

logger = logging.getLogger(__name__)


def structure_model():
    return get_tenant_model()


def domain_model():
    return get_tenant_domain_model()


def provider_reference_model():
    """The public table routing a payment provider's object id to its structure."""
    return apps.get_model(settings.TENANT_PROVIDER_REFERENCE_MODEL)


def active_schema_names(*, module: str | None = None) -> list[str]:
    """Schemas of the active structures (those that enabled ``module`` when given)."""
    return list(_active_structures(module=module).values_list("schema_name", flat=True))


def _active_structures(*, module: str | None):
    # Suspended and still-provisioning structures are left out.
    structures = (
        structure_model()
        .objects.filter(status=TenantStatus.ACTIVE)
        .exclude(schema_name=get_public_schema_name())
    )
    if module is not None:
        structures = structures.filter(modules__contains=[module])
    return structures


def schedulable_schema_names(*, module: str | None = None) -> list[str]:
    """Schemas where periodic work may run: active structures (with ``module`` when given)
    whose schema has every tenant migration of this code. One query; a structure never
    recorded (provisioned before the record existed) has its schema read once, then recorded.
    """
    schemas = []
    rows = _active_structures(module=module).values_list("schema_name", "migrated_leaves")
    for schema_name, leaves in rows.order_by("schema_name"):
        if not leaves:
            leaves = record_schema_leaves(schema_name)
        if migrations_applied(leaves):
            schemas.append(schema_name)
        else:
            logger.warning(
                "Schema %s skipped: this release's migrations are not applied", schema_name
            )
    return schemas


def fanout_countdown(schema_name: str, task_name: str, window: int) -> int:
    """The structure's delay, in seconds, within a ``window``: a stable hash of the schema and
    the task, so that the structures spread evenly over the window and each one keeps its
    slot from one run to the next (a task every 5 minutes still runs every 5 minutes)."""
    if window <= 0:
        return 0
    digest = hashlib.blake2b(f"{task_name}:{schema_name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % window


def queue_in_each_structure(
    task, *, module: str | None = None, kwargs: dict | None = None, jitter: int | None = None
) -> int:
    """Queue ``task`` once per schedulable structure, in that structure's schema; how many.

    Beat's entry points run in the public schema and fan out with this, so that a failure or a
    slow structure does not hold the others back. The header tells tenant-schemas-celery's
    worker which schema to run in; without it the task would run in the caller's (public).
    Each structure's task waits its ``fanout_countdown`` within ``jitter`` seconds (default
    ``CELERY_FANOUT_JITTER_SECONDS``): a thousand structures do not start in the same second.
    """
    window = settings.CELERY_FANOUT_JITTER_SECONDS if jitter is None else jitter
    schemas = schedulable_schema_names(module=module)
    for schema_name in schemas:
        options: dict = {"kwargs": kwargs or {}, "headers": {"_schema_name": schema_name}}
        countdown = fanout_countdown(schema_name, task.name, window)
        if countdown:
            options["countdown"] = countdown
        task.apply_async(**options)
    return len(schemas)


def register_provider_reference(provider: str, reference: str) -> None:
    """Route the provider's webhooks for ``reference`` to the current structure."""
    if reference:
        provider_reference_model().objects.get_or_create(
            provider=provider, reference=reference, defaults={"tenant": connection.tenant}
        )
