"""The rule of docs/decisions/0030: session pooling, never transaction pooling.

django-tenants puts a structure's schema in ``search_path`` with a ``SET`` of its own, outside
any transaction (Django runs in autocommit), and trusts it for the connection's life. Under
transaction pooling a client holds a server connection for one transaction only: the ``SET``
lands on one server connection, the next query maybe on another, whose ``search_path`` another
client set. The control shows it; under session pooling each client keeps its server
connection, and PgBouncer's ``server_reset_query`` (``DISCARD ALL``) clears it before the next.

Plain psycopg clients here (autocommit, as Django's); test_django_behind_pooler.py does the same
with django-tenants' own connection.
"""

from __future__ import annotations

import psycopg
import pytest

from tests.pooler import pgbouncer

pytestmark = pytest.mark.skipif(
    not pgbouncer.available(), reason="PgBouncer absent: bash scripts/ensure-pgbouncer.sh"
)


def _structure(conn: psycopg.Connection) -> str:
    return conn.execute("SELECT name FROM structure").fetchone()[0]


def _backend(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT pg_backend_pid()").fetchone()[0]


def _advisory_locks_held(conn: psycopg.Connection, key: int) -> int:
    return conn.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        [key],
    ).fetchone()[0]


def test_transaction_pooling_mixes_tenants(start_pgbouncer, pooler_structures, test_database):
    bouncer = start_pgbouncer(pool_mode="transaction", pool_size=1)
    with bouncer.connect(test_database) as a, bouncer.connect(test_database) as b:
        a.execute(f"SET search_path = {pooler_structures['alpha']}")
        b.execute(f"SET search_path = {pooler_structures['beta']}")

        # A never asked for beta: the server connection it is lent now is the one B set.
        assert a.execute("SHOW search_path").fetchone()[0] == pooler_structures["beta"]
        assert _structure(a) == "beta"
        assert _backend(a) == _backend(b)


def test_session_pooling_keeps_each_connection_on_its_structure(
    start_pgbouncer, pooler_structures, test_database
):
    bouncer = start_pgbouncer(pool_mode="session", pool_size=2)
    with bouncer.connect(test_database) as a, bouncer.connect(test_database) as b:
        a.execute(f"SET search_path = {pooler_structures['alpha']}")
        b.execute(f"SET search_path = {pooler_structures['beta']}")

        assert _structure(a) == "alpha"
        assert _structure(b) == "beta"
        assert _structure(a) == "alpha"
        assert _backend(a) != _backend(b)


def test_session_pooling_hands_the_next_client_a_reset_server_connection(
    start_pgbouncer, pooler_structures, test_database
):
    """A connection closed (CONN_MAX_AGE=0, the end of a request) goes back to the pool; the next
    client gets the same server connection, without the previous client's ``search_path``."""
    bouncer = start_pgbouncer(pool_mode="session", pool_size=1)
    with bouncer.connect(test_database) as a:
        a.execute(f"SET search_path = {pooler_structures['alpha']}")
        assert _structure(a) == "alpha"
        alpha_backend = _backend(a)

    with bouncer.connect(test_database) as b:
        assert _backend(b) == alpha_backend
        assert b.execute("SHOW search_path").fetchone()[0] == '"$user", public'
        with pytest.raises(psycopg.errors.UndefinedTable):
            _structure(b)


def test_pooler_forwards_to_the_embedded_server_over_its_unix_socket(
    start_pgbouncer, test_database
):
    bouncer = start_pgbouncer(pool_mode="session", pool_size=1)
    with bouncer.connect(test_database) as conn:
        # The server listens on no TCP address: a client on 127.0.0.1 reached it through the
        # pooler, which the server sees coming over its Unix socket (no client address).
        assert conn.execute("SHOW listen_addresses").fetchone()[0] == ""
        assert conn.execute("SELECT inet_client_addr()").fetchone()[0] is None
        assert conn.execute("SELECT current_database()").fetchone()[0] == test_database
        clients = bouncer.admin("SHOW CLIENTS")
        assert [c["database"] for c in clients if c["database"] != "pgbouncer"] == [test_database]


def test_transaction_pooling_strands_a_session_advisory_lock(start_pgbouncer, test_database):
    """``core.tenancy.locks.advisory_lock`` takes and releases a session lock in two statements:
    under transaction pooling the release may run on another server connection."""
    bouncer = start_pgbouncer(pool_mode="transaction", pool_size=2)
    with bouncer.connect(test_database) as a, bouncer.connect(test_database) as b:
        a.execute("SELECT pg_advisory_lock(18030)")
        with b.transaction():
            # B's transaction holds the server connection A's lock is on.
            b.execute("SELECT 1")
            assert a.execute("SELECT pg_advisory_unlock(18030)").fetchone()[0] is False
        # A believes it released the lock; a server connection of the pool still holds it.
        assert _advisory_locks_held(b, 18030) == 1


def test_session_pooling_releases_a_departed_clients_advisory_lock(start_pgbouncer, test_database):
    bouncer = start_pgbouncer(pool_mode="session", pool_size=1)
    with bouncer.connect(test_database) as a:
        assert a.execute("SELECT pg_try_advisory_lock(18030)").fetchone()[0] is True
        backend = _backend(a)
    with bouncer.connect(test_database) as b:
        # The same server connection, its lock released by DISCARD ALL.
        assert _backend(b) == backend
        assert _advisory_locks_held(b, 18030) == 0
