"""Which of the code's migrations a structure's schema has: what the scheduler checks before
queuing work in it (docs/decisions/0028-per-structure-scheduling.md).

Each structure's row (public schema) keeps ``migrated_leaves``: per tenant app, the last of its
migrations applied to the structure's schema. It is written after each schema's migration
(django-tenants' ``schema_migrated`` signal, received in ``tenants/signals.py``), including the
faked migrations of a template clone at provisioning. A schema whose migration failed, or that
the upgrade's migration Job has not reached yet, keeps the older record: its periodic tasks are
not queued, since their code would read columns the schema does not have yet.

The record is compared with the migration graph of the code that reads it: a recorded
migration this code does not know belongs to a newer release (the schema is ahead, which the
expand/contract rule makes safe for older code).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django_tenants.utils import get_tenant_model, quote_schema_name

logger = logging.getLogger(__name__)


@functools.cache
def _loader() -> MigrationLoader:
    # Read from the migration files once per process (beat, worker): the code does not change.
    return MigrationLoader(None, ignore_no_migrations=True)


def _graph():
    return _loader().graph


def _known_as(app: str, name: str) -> tuple[str, str] | None | bool:
    """The graph node a recorded migration stands for in this code: itself; the squash that
    replaced it when it was the last of the squashed ones (the whole squash is applied);
    ``None`` when it is an earlier one of them (the schema is behind); ``True`` when this code
    has no such file at all (a newer release wrote it)."""
    key = (app, name)
    loader = _loader()
    if key in loader.graph.nodes:
        return key
    for squash, migration in loader.replacements.items():
        replaced = [tuple(r) for r in migration.replaces]
        if key in replaced:
            return squash if key == replaced[-1] else None
    if key in loader.disk_migrations:
        return None
    return True


@functools.cache
def code_leaves() -> dict[str, str]:
    """``{app label: last migration}`` of the tenant apps, in this code."""
    tenant_apps = set(settings.TENANT_APPS)
    labels = {c.label for c in apps.get_app_configs() if c.name in tenant_apps}
    return {app: name for app, name in _graph().leaf_nodes() if app in labels}


@functools.cache
def _history(app: str, name: str) -> tuple[str, ...]:
    """The migrations of ``app`` up to ``name`` included, oldest first."""
    return tuple(n for a, n in _graph().forwards_plan((app, name)) if a == app)


def leaves_of(applied: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Per tenant app, the last of its migrations among ``applied`` (``(app, name)`` pairs)."""
    done = set(applied)
    leaves: dict[str, str] = {}
    for app, leaf in code_leaves().items():
        names = [n for n in _history(app, leaf) if (app, n) in done]
        if names:
            leaves[app] = names[-1]
    return leaves


def migrations_applied(leaves: dict[str, str] | None) -> bool:
    """Whether a schema with these recorded leaves has every tenant migration of this code.

    True when, for each tenant app, the code's last migration is the recorded one or one of
    its ancestors, or the recorded one has no file here at all (a newer release migrated it).
    A recorded migration that a squash of this code replaced stands for that squash only when
    it was the last one replaced: a squashed file is not "newer"."""
    if not leaves:
        return False
    for app, leaf in code_leaves().items():
        recorded = leaves.get(app)
        if recorded is None:
            return False
        known = _known_as(app, recorded)
        if known is True:
            continue  # written by a newer release: the schema is ahead
        if known is None or leaf not in _history(*known):
            return False
    return True


def schema_leaves(schema_name: str) -> dict[str, str]:
    """The leaves read from the schema's own ``django_migrations`` table ({} without one)."""
    table = f"{quote_schema_name(schema_name)}.django_migrations"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [table])
        if cursor.fetchone()[0] is None:
            return {}
        cursor.execute(f"SELECT app, name FROM {table}")  # noqa: S608 - quoted schema name
        return leaves_of(cursor.fetchall())


def record_schema_leaves(schema_name: str) -> dict[str, str]:
    """Read the schema's applied migrations and record them on its structure; returns them.

    Never raises: run right after a migration, a failure here must not fail the migration (the
    structure then stays unscheduled until its next migration, and the log says why)."""
    try:
        with transaction.atomic():  # a savepoint inside a caller's transaction
            leaves = schema_leaves(schema_name)
            get_tenant_model().objects.filter(schema_name=schema_name).update(
                migrated_leaves=leaves
            )
    except DatabaseError:
        logger.exception("Could not record the migrations of schema %s", schema_name)
        return {}
    return leaves
