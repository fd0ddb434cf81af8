"""PostgreSQL advisory locks, keyed by a name (hashed to the lock's 64-bit key)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


def _key(name: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True
    )


@contextmanager
def advisory_lock(name: str) -> Iterator[None]:
    """Session-level lock held for the block (works inside or outside a transaction)."""
    key = _key(f"marelle:{name}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def advisory_xact_lock(name: str) -> None:
    """Transaction-level lock: held until the surrounding transaction commits or rolls back."""
    if not connection.in_atomic_block:
        raise RuntimeError("advisory_xact_lock needs a transaction.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_key(f"marelle:{name}")])
