"""The pooler run (``MARELLE_DB_VIA_PGBOUNCER=session``) really goes through PgBouncer.

``make test`` runs the isolation tests (tests/tenancy/test_tenancy.py, the access matrix of
tests/api) with the test database behind a session-mode PgBouncer (tests/pooler/plugin.py);
these tests check that the run's connections are the pooler's clients, and that real requests
on a persistent connection keep each structure on its own schema. Skipped in the ordinary run.
"""

from __future__ import annotations

import os
import socket
import threading

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.test import RequestFactory
from django_tenants.postgresql_backend.base import DatabaseWrapper

from tests.pooler import pgbouncer

pytestmark = pytest.mark.skipif(
    not os.environ.get("MARELLE_DB_VIA_PGBOUNCER"),
    reason="only in the pooler run: MARELLE_DB_VIA_PGBOUNCER=session",
)


def _bouncer_port() -> int:
    return int(os.environ["MARELLE_PGBOUNCER_PORT"])


def _local_port(wrapper) -> int:
    """The TCP port of this Django connection's end of its socket."""
    with socket.fromfd(wrapper.connection.fileno(), socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.getsockname()[1]


def test_the_run_reaches_its_test_database_through_pgbouncer(alpha):
    assert connection.settings_dict["HOST"] == "127.0.0.1"
    assert connection.settings_dict["PORT"] == str(_bouncer_port())
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('listen_addresses'), inet_client_addr()")
        # The server listens on no TCP address and sees a client on its Unix socket: the
        # pooler, relaying Django's TCP connection.
        assert cursor.fetchone() == ("", None)

    clients = pgbouncer.admin(_bouncer_port(), "SHOW CLIENTS")
    ours = [c for c in clients if c["port"] == _local_port(connection)]
    assert [c["database"] for c in ours] == [connection.settings_dict["NAME"]]
    pools = pgbouncer.admin(_bouncer_port(), "SHOW POOLS")
    (pool,) = [p for p in pools if p["database"] == connection.settings_dict["NAME"]]
    assert pool["pool_mode"] == os.environ["MARELLE_DB_VIA_PGBOUNCER"] == "session"


def _serve(host: str) -> tuple[int, list[tuple[str, list[str] | None]]]:
    """One real request through Django's WSGI handler (middleware, signals, django-tenants);
    its status and each query with the ``search_path`` django-tenants had set for it."""
    queries: list[tuple[str, list[str] | None]] = []

    def record(execute, sql, params, many, context):
        queries.append((sql, list(context["connection"].search_path_set_schemas or [])))
        return execute(sql, params, many, context)

    environ = (
        RequestFactory(HTTP_HOST=host, REMOTE_ADDR="198.51.100.7").get("/api/v1/structure/").environ
    )
    statuses: list[str] = []
    with connection.execute_wrapper(record):
        body = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
        b"".join(body)
        body.close()  # request_finished: close_old_connections
    return int(statuses[0].split()[0]), queries


@pytest.mark.parametrize("max_age", [0, 60], ids=["CONN_MAX_AGE=0", "CONN_MAX_AGE=60"])
def test_requests_through_the_pooler_each_run_on_their_structures_schema(
    tenants, django_db_blocker, max_age
):
    """Alpha's request, then beta's, on one thread's connection: closed after each request
    (its server connection back to the pool) or persistent (with health checks)."""
    outcome: dict = {}

    def requests() -> None:
        connections["default"] = DatabaseWrapper(
            {
                **connections.settings["default"],
                "CONN_MAX_AGE": max_age,
                "CONN_HEALTH_CHECKS": max_age > 0,
            },
            "default",
        )
        try:
            outcome["alpha"] = _serve("alpha.localhost")
            outcome["kept"] = connections["default"].connection is not None
            outcome["beta"] = _serve("beta.localhost")
        except BaseException as error:  # reported by the test's thread
            outcome["error"] = error
        finally:
            connections["default"].close()

    with django_db_blocker.unblock():
        thread = threading.Thread(target=requests)
        thread.start()
        thread.join()
    if "error" in outcome:
        raise outcome["error"]

    assert outcome["kept"] == (max_age > 0)
    for slug in ("alpha", "beta"):
        status, queries = outcome[slug]
        assert status == 200
        schema = tenants[slug].schema_name
        on_tenant = [path for sql, path in queries if path and path[0] != "public"]
        assert on_tenant, queries
        assert all(path[0] == schema for path in on_tenant), queries
