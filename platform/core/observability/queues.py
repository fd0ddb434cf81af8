"""Celery queue lengths, read from the broker's Redis at scrape time.

Celery's Redis transport keeps each queue as a Redis list named after it, plus one list per
priority step (``<queue>\\x06\\x16<priority>``) for messages sent with a priority: the
length of a queue is the sum. A broker that does not answer within a second is reported by
``marelle_celery_broker_up 0`` and no lengths, never by a scrape that hangs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import redis
from django.conf import settings
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

_PRIORITY_SEP = "\x06\x16"
_PRIORITY_STEPS = (3, 6, 9)
_TIMEOUT = 1.0


def configured_queues() -> list[str]:
    """The default queue, the documents queue (WeasyPrint PDFs, exports) and any queue named
    in the task routes."""
    names = {
        getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery"),
        getattr(settings, "CELERY_DOCUMENTS_QUEUE", "documents"),
    }
    routes = getattr(settings, "CELERY_TASK_ROUTES", None) or {}
    if isinstance(routes, dict):
        for route in routes.values():
            if isinstance(route, dict) and route.get("queue"):
                names.add(route["queue"])
    return sorted(names)


def redis_url(broker_url: str) -> str | None:
    """The broker's URL as redis-py reads it (kombu's unix-socket scheme differs), or None
    when the broker is not Redis."""
    if broker_url.startswith("redis+socket://"):
        return "unix://" + broker_url.removeprefix("redis+socket://")
    if broker_url.startswith(("redis://", "rediss://", "unix://")):
        return broker_url
    return None


_clients: dict[str, redis.Redis] = {}


def _client(url: str) -> redis.Redis:
    client = _clients.get(url)
    if client is None:
        client = redis.Redis.from_url(url, socket_timeout=_TIMEOUT, socket_connect_timeout=_TIMEOUT)
        _clients[url] = client
    return client


def queue_lengths(queues: list[str]) -> dict[str, int] | None:
    """Each queue's length, or None when the broker cannot be read."""
    url = redis_url(getattr(settings, "CELERY_BROKER_URL", "") or "")
    if url is None:
        return None
    try:
        pipe = _client(url).pipeline(transaction=False)
        for queue in queues:
            pipe.llen(queue)
            for step in _PRIORITY_STEPS:
                pipe.llen(f"{queue}{_PRIORITY_SEP}{step}")
        counts = pipe.execute()
    except redis.RedisError:
        logger.warning("metrics: the Celery broker did not answer", exc_info=True)
        return None
    width = 1 + len(_PRIORITY_STEPS)
    return {q: sum(counts[i * width : (i + 1) * width]) for i, q in enumerate(queues)}


class CeleryQueueCollector(Collector):
    """``marelle_celery_queue_length{queue}`` and ``marelle_celery_broker_up``."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        lengths = queue_lengths(configured_queues())
        up = GaugeMetricFamily(
            "marelle_celery_broker_up", "1 si le broker Celery a répondu lors de la collecte."
        )
        up.add_metric([], 0 if lengths is None else 1)
        yield up
        length = GaugeMetricFamily(
            "marelle_celery_queue_length",
            "Messages en attente dans la file Celery.",
            labels=["queue"],
        )
        for queue, count in (lengths or {}).items():
            length.add_metric([queue], count)
        yield length

    def describe(self) -> list:
        # Nothing to describe ahead: registering must not reach the broker.
        return []
