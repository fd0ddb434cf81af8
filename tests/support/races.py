"""Running the same work in threads at once, for the race tests (``tests/races/``)."""

from __future__ import annotations

import threading

from django.db import connection
from django_tenants.utils import tenant_context


def in_threads(target, count: int, tenant) -> list:
    """``target(index)`` in ``count`` threads released together, each on its own database
    connection inside ``tenant``; their results (in the order they finish). Any exception in
    a thread fails the caller."""
    results: list = []
    errors: list = []
    start = threading.Barrier(count)

    def work(index: int) -> None:
        try:
            with tenant_context(tenant):
                start.wait()
                results.append(target(index))
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results
