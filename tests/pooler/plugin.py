"""``MARELLE_DB_VIA_PGBOUNCER=session``: the run reaches its test database through PgBouncer.

Loaded by ``config.pytest_plugin`` when the variable is set, before Django reads its settings:
it starts a PgBouncer (``tests/pooler/pgbouncer.py``) in front of the embedded server and sets
``MARELLE_DB_HOST`` / ``MARELLE_DB_PORT``, which the settings put in ``DATABASES``. From then
on every connection of the run — creating the test database, provisioning ``alpha`` and
``beta``, the tests, their threads — goes through the pooler, as a pod's go through
CloudNativePG's Pooler (docs/decisions/0030-pooler-session-mode.md). The workers of a parallel
run inherit the variables and share the controller's pooler.

``transaction`` is accepted too, to watch the suite fail the way the rule says it would.
"""

from __future__ import annotations

import atexit
import os
from pathlib import Path

import pytest

from tests.pooler import pgbouncer

MODE = os.environ.get("MARELLE_DB_VIA_PGBOUNCER", "session")
# Enough server connections for the test thread, the live server's and the Celery worker's
# threads of each worker of a parallel run; a client beyond them waits (query_wait_timeout).
POOL_SIZE = 10

_bouncer: pgbouncer.PgBouncer | None = None


def _start() -> None:
    global _bouncer
    if os.environ.get("MARELLE_PGBOUNCER_PORT"):
        return  # a worker of a parallel run: the controller's pooler is running
    from config import embedded

    socket_dir = Path(embedded.postgres_database()["HOST"])
    _bouncer = pgbouncer.start(socket_dir=socket_dir, pool_mode=MODE, pool_size=POOL_SIZE)
    atexit.register(_bouncer.stop)
    os.environ["MARELLE_PGBOUNCER_PORT"] = str(_bouncer.port)
    os.environ["MARELLE_PGBOUNCER_DIRECT_HOST"] = str(socket_dir)
    os.environ["MARELLE_DB_HOST"] = "127.0.0.1"
    os.environ["MARELLE_DB_PORT"] = str(_bouncer.port)


_start()


def pytest_report_header(config) -> str:
    port = os.environ["MARELLE_PGBOUNCER_PORT"]
    return f"database through PgBouncer ({MODE} pooling) on 127.0.0.1:{port}"


def pytest_unconfigure(config) -> None:
    if _bouncer is not None:
        _bouncer.stop()


@pytest.fixture(scope="session", autouse=True)
def _test_database_leaves_the_pooler(request):
    """``DROP DATABASE`` at the session's end wants no other session on the test database, and a
    pooler keeps idle server connections by design. Torn down before ``django_db_setup`` (it
    depends on it): the pooler drops the test database's connections (``KILL``, then ``RESUME``
    so it takes new ones), and the rest of the teardown talks to the server directly."""
    request.getfixturevalue("django_db_setup")
    yield
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    connections.close_all()
    port = int(os.environ["MARELLE_PGBOUNCER_PORT"])
    pgbouncer.admin(port, f"KILL {settings_dict['NAME']}")
    pgbouncer.admin(port, f"RESUME {settings_dict['NAME']}")
    # The one dict every thread's connection is built from.
    settings_dict["HOST"] = os.environ["MARELLE_PGBOUNCER_DIRECT_HOST"]
    settings_dict["PORT"] = ""
