"""PgBouncers of the tests' own in front of the embedded server, and two stand-in structures.

``pooler_structures`` are two schemas of the test database, each with a ``structure`` table
naming its owner: reading it says on whose schema a connection is. They are not tenants (no
domain, nothing provisioned), so the rest of the suite never sees them; django-tenants only
cares about the schema name it puts in ``search_path``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.pooler import pgbouncer

SCHEMAS = {"alpha": "pooler_alpha", "beta": "pooler_beta"}


@pytest.fixture(scope="session")
def socket_dir() -> Path:
    """Where the embedded server's socket is (the settings may point at a pooler instead)."""
    from config import embedded

    return embedded.PG_DIR


@pytest.fixture(scope="session")
def test_database(django_db_setup) -> str:
    return connection.settings_dict["NAME"]


@pytest.fixture(scope="module")
def pooler_structures(test_database, socket_dir) -> Iterator[dict[str, str]]:
    """``{"alpha": "pooler_alpha", "beta": "pooler_beta"}``, committed (the pooler's clients
    are connections of their own), dropped at the module's end."""
    with psycopg.connect(
        host=str(socket_dir), dbname=test_database, user=pgbouncer.USER, autocommit=True
    ) as conn:
        for owner, schema in SCHEMAS.items():
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            conn.execute(f"CREATE SCHEMA {schema}")
            conn.execute(f"CREATE TABLE {schema}.structure (name text NOT NULL)")
            conn.execute(f"INSERT INTO {schema}.structure VALUES (%s)", [owner])
    yield dict(SCHEMAS)
    with psycopg.connect(
        host=str(socket_dir), dbname=test_database, user=pgbouncer.USER, autocommit=True
    ) as conn:
        for schema in SCHEMAS.values():
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def start_pgbouncer(socket_dir) -> Iterator[Callable[..., pgbouncer.PgBouncer]]:
    """``start_pgbouncer(pool_mode="transaction", pool_size=1)``: stopped after the test."""
    started: list[pgbouncer.PgBouncer] = []

    def start(*, pool_mode: str, pool_size: int) -> pgbouncer.PgBouncer:
        bouncer = pgbouncer.start(socket_dir=socket_dir, pool_mode=pool_mode, pool_size=pool_size)
        started.append(bouncer)
        return bouncer

    yield start
    for bouncer in started:
        bouncer.stop()
