"""The template schema new structures are cloned from.

Copying a migrated schema (a replay of its ``pg_dump``, tenants/template_copy.py, or
django-tenants' ``clone_schema`` without pg_dump; then faking the migrations) is much faster
than running every migration for each new structure (see docs/performance.md).
A stale template would produce a schema missing the latest tables, so provisioning always
brings the template up to date first — a no-op when it already is.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tenants.utils import quote_schema_name, schema_context, schema_exists

# Held while the template is migrated or copied (provisioning, setup_platform).
TEMPLATE_LOCK = "template-schema"


def template_schema_name() -> str:
    return settings.TENANT_BASE_SCHEMA


def template_is_current() -> bool:
    name = template_schema_name()
    if not schema_exists(name):
        return False
    with schema_context(name):
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        # The public-only apps' migrations are never applied to a tenant schema.
        return not [m for m, _ in plan if _is_tenant_app(m.app_label)]


def _is_tenant_app(app_label: str) -> bool:
    from django.apps import apps

    tenant_apps = set(settings.TENANT_APPS)
    config = apps.get_app_config(app_label)
    return config.name in tenant_apps


def ensure_template_schema(verbosity: int = 0) -> None:
    """Create the template schema if missing and apply any pending tenant migration to it."""
    name = template_schema_name()
    if not schema_exists(name):
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA {quote_schema_name(name)}")
    elif template_is_current():
        return
    call_command(
        "migrate_schemas", tenant=True, schema_name=name, interactive=False, verbosity=verbosity
    )
    connection.set_schema_to_public()
