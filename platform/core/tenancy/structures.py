"""The structures (tenants) as the core sees them: through django-tenants' settings
(``TENANT_MODEL``, ``TENANT_DOMAIN_MODEL``) and ``TENANT_PROVIDER_REFERENCE_MODEL``, never by
importing the ``tenants`` app, which depends on the core and not the reverse."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import connection
from django_tenants.utils import get_public_schema_name, get_tenant_domain_model, get_tenant_model

from core.tenancy.constants import TenantStatus


def structure_model():
    return get_tenant_model()


def domain_model():
    return get_tenant_domain_model()


def provider_reference_model():
    """The public table routing a payment provider's object id to its structure."""
    return apps.get_model(settings.TENANT_PROVIDER_REFERENCE_MODEL)


def active_schema_names(*, module: str | None = None) -> list[str]:
    """Schemas of the active structures (those that enabled ``module`` when given)."""
    structures = (
        structure_model()
        .objects.filter(status=TenantStatus.ACTIVE)
        .exclude(schema_name=get_public_schema_name())
    )
    if module is not None:
        structures = structures.filter(modules__contains=[module])
    return list(structures.values_list("schema_name", flat=True))


def queue_in_each_structure(task, *, module: str | None = None, kwargs: dict | None = None) -> int:
    """Queue ``task`` once per active structure, in that structure's schema; how many queued.

    Beat's entry points run in the public schema and fan out with this, so that a failure or a
    slow structure does not hold the others back. The header tells tenant-schemas-celery's
    worker which schema to run in; without it the task would run in the caller's (public).
    """
    schemas = active_schema_names(module=module)
    for schema_name in schemas:
        task.apply_async(kwargs=kwargs or {}, headers={"_schema_name": schema_name})
    return len(schemas)


def register_provider_reference(provider: str, reference: str) -> None:
    """Route the provider's webhooks for ``reference`` to the current structure."""
    if reference:
        provider_reference_model().objects.get_or_create(
            provider=provider, reference=reference, defaults={"tenant": connection.tenant}
        )
