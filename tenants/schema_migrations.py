"""Which structures' schemas lag behind the code's migrations, and migrating them in parallel.

``setup_platform`` runs on every deploy (the chart's migration Job). Asking Django's
``migrate`` about each of 1,000 schemas costs a connection, a loader and a plan per schema
even when nothing is pending; reading the ``django_migrations`` rows of many schemas in one
query and comparing them with the code's migration graph tells, in a second or two, which
schemas need migrating. Only those go through django-tenants' multiprocessing executor
(docs/decisions/0031-scaling-and-citus.md).
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django_tenants.migration_executors.base import run_migrations
from django_tenants.migration_executors.multiproc import MultiprocessingExecutor, get_pool
from django_tenants.utils import (
    get_public_schema_name,
    get_tenant_database_alias,
    quote_schema_name,
)

from tenants.models import Tenant

logger = logging.getLogger(__name__)

# Schemas read per query: one UNION ALL branch each (a query of a few hundred kB at most).
CHECK_BATCH = 200
EXECUTOR = "multiprocessing"


@dataclass
class StructurePlan:
    """Where every structure's schema stands against the code's migrations."""

    checked: int = 0
    up_to_date: list[str] = field(default_factory=list)
    # schema → how many of the code's migrations it has not recorded
    behind: dict[str, int] = field(default_factory=dict)
    # structures registered without a schema yet (provisioning clones the current template)
    without_schema: list[str] = field(default_factory=list)


def default_parallelism() -> int:
    """``MIGRATION_PARALLELISM`` when set, else one process per core up to four."""
    configured = os.environ.get("MIGRATION_PARALLELISM", "").strip()
    if configured:
        return max(1, int(configured))
    return max(1, min(4, os.cpu_count() or 1))


def expected_migrations() -> set[tuple[str, str]]:
    """Every migration of the code, as (app label, name).

    A tenant schema records all of them, those of the public-only apps included (Django
    records a migration the router kept from running), so a schema missing any is behind.
    """
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.graph.nodes)


def structure_schemas() -> list[str]:
    return list(
        Tenant.objects.exclude(schema_name=get_public_schema_name())
        .order_by("schema_name")
        .values_list("schema_name", flat=True)
    )


def plan_structures(
    schemas: Iterable[str] | None = None, *, expected: set[tuple[str, str]] | None = None
) -> StructurePlan:
    """Sort the structures' schemas into up to date, behind and not created yet."""
    schemas = structure_schemas() if schemas is None else list(schemas)
    expected = expected_migrations() if expected is None else expected
    plan = StructurePlan(checked=len(schemas))
    recorded = _schemas_with_migration_table(schemas)
    plan.without_schema = [s for s in schemas if s not in recorded]
    present = [s for s in schemas if s in recorded]
    keys = sorted(f"{app}.{name}" for app, name in expected)
    for start in range(0, len(present), CHECK_BATCH):
        batch = present[start : start + CHECK_BATCH]
        counts = _recorded_counts(batch, keys)
        for schema in batch:
            missing = len(keys) - counts.get(schema, 0)
            if missing:
                plan.behind[schema] = missing
            else:
                plan.up_to_date.append(schema)
    return plan


def _schemas_with_migration_table(schemas: list[str]) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'django_migrations' AND c.relkind = 'r' "
            "AND n.nspname = ANY(%s)",
            [schemas],
        )
        return {row[0] for row in cursor.fetchall()}


def _recorded_counts(schemas: list[str], keys: list[str]) -> dict[str, int]:
    """Per schema, how many of ``keys`` (``app.name``) its ``django_migrations`` holds."""
    # Schema names come from the Tenant table (t_<slug>, validated) and are quoted anyway.
    branches = " UNION ALL ".join(
        f"SELECT %s AS schema_name, app, name FROM {quote_schema_name(s)}.django_migrations"  # noqa: S608
        for s in schemas
    )
    key = "m.app || '.' || m.name"
    counted = f"SELECT m.schema_name, count(DISTINCT {key}) FROM ({branches}) m"  # noqa: S608
    sql = f"WITH expected(k) AS (SELECT unnest(%s::text[])) {counted} "
    sql += f"JOIN expected e ON e.k = {key} GROUP BY m.schema_name"
    with connection.cursor() as cursor:
        cursor.execute(sql, [keys, *schemas])
        return dict(cursor.fetchall())


def migrate_options(*, verbosity: int) -> dict:
    """The options django-tenants hands Django's ``migrate`` for each schema, as
    ``call_command`` would parse them (checks skipped: they ran once in the parent)."""
    from django.core.management.commands.migrate import Command as Migrate

    parser = Migrate().create_parser("manage.py", "migrate")
    options = vars(parser.parse_args(["--noinput", "--verbosity", str(verbosity)]))
    options["skip_checks"] = True
    return options


def _migrate_one(options: dict, count: int, item: tuple[int, str]) -> tuple[str, str | None]:
    """One schema, in a worker process (or in-process): its error instead of raising, so
    that every other schema is still attempted and the failed ones can be named."""
    idx, schema = item
    try:
        run_migrations((), options, EXECUTOR, schema, allow_atomic=False, idx=idx, count=count)
    except Exception as exc:  # noqa: BLE001 - reported by schema name, the run goes on
        # The first line only: a DETAIL line may quote row values (personal data).
        message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
        connections[get_tenant_database_alias()].close()
        return schema, f"{type(exc).__name__}: {message}"
    return schema, None


class ParallelExecutor(MultiprocessingExecutor):
    """django-tenants' multiprocessing executor (its fork pool, sized by
    ``TENANT_MULTIPROCESSING_MAX_PROCESSES``, chunks of ``TENANT_MULTIPROCESSING_CHUNKS``),
    collecting failures by schema: its own ``Pool.map`` abandons the rest of a chunk at the
    first error and re-raises it without saying which schema failed."""

    def migrate(
        self, schemas: list[str], *, on_done: Callable[[str, str | None], None] | None = None
    ) -> dict[str, str]:
        processes = getattr(settings, "TENANT_MULTIPROCESSING_MAX_PROCESSES", 2)
        chunks = getattr(settings, "TENANT_MULTIPROCESSING_CHUNKS", 2)
        work = functools.partial(_migrate_one, self.options, len(schemas))
        failures: dict[str, str] = {}

        def record(schema: str, error: str | None) -> None:
            if error:
                failures[schema] = error
            if on_done:
                on_done(schema, error)

        if processes <= 1:
            for item in enumerate(schemas):
                record(*work(item))
            return failures
        # The children must not share the parent's socket: each opens its own connection.
        tenant_connection = connections[self.TENANT_DB_ALIAS]
        tenant_connection.close()
        tenant_connection.connection = None
        pool = get_pool()
        try:
            for schema, error in pool.imap_unordered(work, enumerate(schemas), chunks):
                record(schema, error)
        finally:
            pool.close()
            pool.join()
        return failures


def chunk_size(count: int, processes: int) -> int:
    """Small enough that the processes finish together, large enough to spare round trips."""
    return max(1, min(10, count // (processes * 4)))
