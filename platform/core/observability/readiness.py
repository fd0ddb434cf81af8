"""What ``/readyz`` checks: the database, Redis, and that the migrations are applied.

Each check answers ``"ok"`` or a French word for what is wrong, and never raises. Redis is
asked through the cache's own connection settings, with a one-second timeout, so a Redis that
hangs fails the probe instead of hanging it. "Migrations applied" means the public schema has
nothing left to migrate and the template schema (new structures' model, migrated after the
public schema and before every structure) is current: the code's migrations cannot become
unapplied, so a positive answer is kept for the process's life; a negative one is asked again
at most every few seconds (a pod waiting for the migration Job).
"""

from __future__ import annotations

import logging
import threading
import time

import redis
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists

logger = logging.getLogger(__name__)

OK = "ok"
ERROR = "erreur"
PENDING = "en attente"
REDIS_TIMEOUT = 1.0
MIGRATIONS_RECHECK_SECONDS = 5.0

_lock = threading.Lock()
_migrations_ok = False
_migrations_checked_at: float | None = None
_redis_pools: dict[str, redis.ConnectionPool] = {}


def check_all() -> dict[str, str]:
    database = check_database()
    return {
        "database": database,
        "redis": check_redis(),
        # Without a database, whether migrations are applied is unknown: an error too.
        "migrations": check_migrations() if database == OK else ERROR,
    }


def check_database() -> str:
    try:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # a probe answers, whatever the failure
        logger.warning("readiness: database check failed", exc_info=True)
        return ERROR
    return OK


def check_redis(alias: str = "default") -> str:
    try:
        _probe_client(alias).ping()
    except Exception:  # refused, timed out, not a Redis cache: all "not ready"
        logger.warning("readiness: redis check failed", exc_info=True)
        return ERROR
    return OK


def _probe_client(alias: str) -> redis.Redis:
    """A client on the cache's Redis (same address, credentials, TLS) with short timeouts."""
    pool = caches[alias].client.get_client(write=True).connection_pool
    kwargs = {
        **pool.connection_kwargs,
        "socket_timeout": REDIS_TIMEOUT,
        "socket_connect_timeout": REDIS_TIMEOUT,
    }
    key = f"{pool.connection_class.__qualname__}:{sorted(kwargs.items())!r}"
    probe_pool = _redis_pools.get(key)
    if probe_pool is None:
        probe_pool = redis.ConnectionPool(
            connection_class=pool.connection_class, max_connections=2, **kwargs
        )
        _redis_pools[key] = probe_pool
    return redis.Redis(connection_pool=probe_pool)


def check_migrations() -> str:
    global _migrations_ok, _migrations_checked_at
    with _lock:
        if _migrations_ok:
            return OK
        now = time.monotonic()
        if (
            _migrations_checked_at is not None
            and now - _migrations_checked_at < MIGRATIONS_RECHECK_SECONDS
        ):
            return PENDING
        try:
            applied = _public_schema_current() and _template_schema_current()
        except Exception:
            logger.warning("readiness: migrations check failed", exc_info=True)
            return ERROR
        finally:
            connection.set_schema_to_public()
        _migrations_ok, _migrations_checked_at = applied, now
        return OK if applied else PENDING


def forget_migrations_state() -> None:
    """Ask again at the next probe (tests, and after ``setup_platform`` in the same process)."""
    global _migrations_ok, _migrations_checked_at
    with _lock:
        _migrations_ok, _migrations_checked_at = False, None


def _pending(schema_name: str) -> list[str]:
    """App labels of the migrations not applied in ``schema_name``."""
    with schema_context(schema_name):
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [migration.app_label for migration, _ in plan]


def _public_schema_current() -> bool:
    return not _pending(get_public_schema_name())


def _template_schema_current() -> bool:
    """As ``tenants.template.template_is_current`` (the core cannot import ``tenants``): the
    public-only apps' migrations are never applied to a tenant schema."""
    name = settings.TENANT_BASE_SCHEMA
    if not schema_exists(name):
        return False
    tenant_apps = set(settings.TENANT_APPS)
    return not [label for label in _pending(name) if apps.get_app_config(label).name in tenant_apps]
