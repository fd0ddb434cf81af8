"""django-tenants' own connection behind PgBouncer: what the request cycle does to it.

Each test builds django-tenants' ``DatabaseWrapper`` on the test database's settings, pointed
at a PgBouncer of its own, and plays what a request does to it: ``request_started`` and
``request_finished`` call ``close_if_unusable_or_obsolete()`` (``close_old_connections``),
django-tenants' middleware calls ``set_schema`` / ``set_tenant``. Our settings keep
``TENANT_LIMIT_SET_CALLS``: the ``SET search_path`` is issued once after each ``set_schema``,
then trusted — exactly what transaction pooling breaks.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connection
from django_tenants.postgresql_backend.base import DatabaseWrapper

from tests.pooler import pgbouncer

pytestmark = pytest.mark.skipif(
    not pgbouncer.available(), reason="PgBouncer absent: bash scripts/ensure-pgbouncer.sh"
)


@pytest.fixture
def wrappers(django_db_blocker, test_database) -> Iterator[list[DatabaseWrapper]]:
    """Every wrapper a test builds is closed after it; database access is allowed meanwhile."""
    built: list[DatabaseWrapper] = []
    with django_db_blocker.unblock():
        yield built
        for wrapper in built:
            wrapper.close()


def _wrapper(built: list, bouncer: pgbouncer.PgBouncer, **overrides) -> DatabaseWrapper:
    settings_dict = {
        **connection.settings_dict,
        "HOST": "127.0.0.1",
        "PORT": str(bouncer.port),
        **overrides,
    }
    wrapper = DatabaseWrapper(settings_dict, alias="pooler")
    built.append(wrapper)
    return wrapper


def _read(wrapper: DatabaseWrapper) -> tuple[str, int]:
    """The structure this connection reads, and the server process answering it."""
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT name, pg_backend_pid() FROM structure")
        return cursor.fetchone()


def _request(wrapper: DatabaseWrapper, schema: str) -> tuple[str, int]:
    """One request on this connection, as Django and django-tenants' middleware run it."""
    wrapper.close_if_unusable_or_obsolete()  # request_started
    wrapper.set_schema(schema)  # TenantMainMiddleware
    try:
        return _read(wrapper)
    finally:
        wrapper.close_if_unusable_or_obsolete()  # request_finished


def test_django_tenants_reads_another_structure_under_transaction_pooling(
    start_pgbouncer, pooler_structures, wrappers
):
    assert settings.TENANT_LIMIT_SET_CALLS
    bouncer = start_pgbouncer(pool_mode="transaction", pool_size=1)
    a, b = _wrapper(wrappers, bouncer), _wrapper(wrappers, bouncer)

    a.set_schema(pooler_structures["alpha"])
    assert _read(a)[0] == "alpha"
    b.set_schema(pooler_structures["beta"])
    assert _read(b)[0] == "beta"

    # A's next query in alpha's request: beta's data.
    assert _read(a)[0] == "beta"


def test_django_tenants_stays_on_its_structure_under_session_pooling(
    start_pgbouncer, pooler_structures, wrappers
):
    bouncer = start_pgbouncer(pool_mode="session", pool_size=2)
    a, b = _wrapper(wrappers, bouncer), _wrapper(wrappers, bouncer)

    a.set_schema(pooler_structures["alpha"])
    assert _read(a)[0] == "alpha"
    b.set_schema(pooler_structures["beta"])
    assert _read(b)[0] == "beta"

    assert _read(a)[0] == "alpha"


@pytest.mark.parametrize(
    ("max_age", "health_checks"),
    [(0, False), (60, True)],
    ids=["closed-after-each-request", "persistent-with-health-checks"],
)
def test_the_next_request_on_a_pooled_connection_reads_its_own_structure(
    start_pgbouncer, pooler_structures, wrappers, max_age, health_checks
):
    """One server connection (pool of 1) serves alpha's request then beta's: handed back to the
    pool after alpha's (CONN_MAX_AGE=0), or kept by Django (CONN_MAX_AGE>0). Either way beta's
    request reads beta: django-tenants sets the schema again at each request."""
    bouncer = start_pgbouncer(pool_mode="session", pool_size=1)
    wrapper = _wrapper(wrappers, bouncer, CONN_MAX_AGE=max_age, CONN_HEALTH_CHECKS=health_checks)

    alpha, alpha_backend = _request(wrapper, pooler_structures["alpha"])
    assert (wrapper.connection is not None) == (max_age > 0)
    beta, beta_backend = _request(wrapper, pooler_structures["beta"])

    assert (alpha, beta) == ("alpha", "beta")
    assert beta_backend == alpha_backend
