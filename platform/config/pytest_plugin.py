"""Loaded by pytest (``-p config.pytest_plugin``) before Django reads its settings.

Each test run gets its own test database, cache key prefix, Celery queue and media folder, so
two runs on one checkout, or a run beside the demo, never share anything on the embedded
servers. So does each worker of a parallel run (pytest-xdist): a process of its own, which
loads this plugin too (its database name then gets the worker's suffix, ``_gw0``…, from
pytest-django).
"""

from __future__ import annotations

import os
import tempfile

RUN_ID = f"{os.getpid()}"

os.environ.setdefault("MARELLE_TESTING", "1")
os.environ["MARELLE_TEST_DB_NAME"] = f"test_marelle_{RUN_ID}"
os.environ["CACHE_KEY_PREFIX"] = f"marelle-test-{RUN_ID}"
os.environ["CELERY_QUEUE"] = f"marelle-test-{RUN_ID}"
# Playwright's sync API runs an asyncio loop in the test thread; Django would otherwise refuse
# database access from that thread (the e2e tests set up data around the browser calls).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
if "MEDIA_ROOT" not in os.environ:
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="marelle-media-")
    os.environ["MARELLE_TEST_MEDIA_ROOT"] = os.environ["MEDIA_ROOT"]
# The workers of a parallel run inherit the environment of the process that starts them: each
# takes a folder of its own inside the run's.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if WORKER and os.environ.get("MARELLE_TEST_MEDIA_ROOT") == os.environ["MEDIA_ROOT"]:
    os.environ["MEDIA_ROOT"] = os.path.join(os.environ["MEDIA_ROOT"], WORKER)
    os.makedirs(os.environ["MEDIA_ROOT"], exist_ok=True)


def _shift_the_clock(when: str) -> None:
    """``MARELLE_TEST_CLOCK`` (``scripts/test-at.sh``): the whole run happens at another date.

    time-machine moves Python's clocks for every thread of this process (the tests, the live
    server, the in-process Celery worker) to that instant, still ticking; the e2e tests give the
    browser the same clock. A naive value is a wall-clock time in Paris.
    """
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    instant = datetime.fromisoformat(when)
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=ZoneInfo("Europe/Paris"))
    time_machine.travel(instant, tick=True).start()


if os.environ.get("MARELLE_TEST_CLOCK"):
    _shift_the_clock(os.environ["MARELLE_TEST_CLOCK"])

# ``MARELLE_DB_VIA_PGBOUNCER=session``: the run reaches its test database through a PgBouncer
# of its own, started by ``tests/pooler/plugin.py`` before the settings are read (see
# docs/decisions/0030-pooler-session-mode.md). ``tests`` is not an installed package: the
# checkout's root goes on the path, as pytest's ``pythonpath`` puts it there later anyway.
if os.environ.get("MARELLE_DB_VIA_PGBOUNCER"):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    pytest_plugins = ["tests.pooler.plugin"]
