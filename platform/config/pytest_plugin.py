"""Loaded by pytest (``-p config.pytest_plugin``) before Django reads its settings.

Each test run gets its own test database, cache key prefix, Celery queue and media folder, so
two runs on one checkout, or a run beside the demo, never share anything on the embedded
servers.
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
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="marelle-media-"))
