"""Loaded by pytest (``-p config.pytest_plugin``) before Django reads its settings: the test
run gets its own cache prefix, Celery queue and media folder, so it never mixes with a demo
sharing the embedded servers, and starts with clean throttling counters."""

from __future__ import annotations

import os
import tempfile

TEST_PREFIX = "marelle-test"

os.environ.setdefault("MARELLE_TESTING", "1")
os.environ["CACHE_KEY_PREFIX"] = TEST_PREFIX
os.environ["CELERY_QUEUE"] = TEST_PREFIX
# Playwright's sync API runs an asyncio loop in the test thread; Django would otherwise refuse
# database access from that thread (the e2e tests set up data around the browser calls).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="marelle-media-"))


def pytest_sessionstart(session) -> None:
    """Forget cache entries (host map, login throttling) left by an earlier test run."""
    from django.core.cache import caches

    for alias in ("default", "platform"):
        client = caches[alias].client.get_client(write=True)
        keys = list(client.scan_iter(match=f"*{TEST_PREFIX}*", count=1000))
        if keys:
            client.delete(*keys)
