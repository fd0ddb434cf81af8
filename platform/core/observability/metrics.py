"""Marelle's Prometheus metrics.

Under gunicorn each sync worker is a process of its own: with ``PROMETHEUS_MULTIPROC_DIR`` set
(before the process starts: prometheus_client reads it at import), every process writes its
counters to files there and a scrape, whichever worker answers it, adds them all up
(``MultiProcessCollector``). Without it (demo, tests, one process) the metrics live in memory.

Labels stay few and bounded: no structure label on the HTTP metrics (a thousand structures
would multiply every series by a thousand), the route is the URL pattern's view name.
Bookings and payments count events where they happen — the web processes and, for tasks
(payment polling), the Celery workers' own processes: see docs/decisions/0027.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector

from core.observability.queues import CeleryQueueCollector

# Our metrics only, not prometheus_client's default registry (whose process collectors mean
# nothing once summed over processes).
registry = CollectorRegistry(auto_describe=True)
# No ``*_created`` series: they double the series for a timestamp nobody graphs.
disable_created_metrics()

http_requests = Counter(
    "marelle_http_requests",
    "Requêtes HTTP traitées (hors sondes), par méthode, classe de statut et route.",
    ["method", "status_class", "route"],
    registry=registry,
)
http_duration = Histogram(
    "marelle_http_request_duration_seconds",
    "Durée de traitement des requêtes HTTP (hors sondes), par méthode et route.",
    ["method", "route"],
    registry=registry,
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
bookings = Counter(
    "marelle_bookings",
    "Réservations confirmées, mises en liste d'attente ou annulées.",
    ["outcome"],
    registry=registry,
)
payments = Counter(
    "marelle_payments",
    "Paiements : issue des paiements en ligne par prestataire, règlements saisis par mode.",
    ["provider", "outcome"],
    registry=registry,
)

queue_collector = CeleryQueueCollector()
registry.register(queue_collector)

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
BOOKING_OUTCOMES = frozenset({"confirmed", "waitlisted", "cancelled"})


def observe_request(*, method: str, status: int, route: str | None, seconds: float) -> None:
    method = method if method in _METHODS else "other"
    route = route or "other"
    http_requests.labels(method, f"{status // 100}xx", route).inc()
    http_duration.labels(method, route).observe(seconds)


def count_bookings(states: Iterable[str]) -> None:
    """Count reservations that reached ``states`` (confirmed, waitlisted, cancelled; other
    states are ignored).

    Counted when the service has done its work, not on commit: an ``on_commit`` callback would
    change what the services register (tests count them). A transaction rolled back after the
    service (rare: the engine's own errors raise before) still counts; these are operating
    figures, the database is the record."""
    for state in states:
        if state in BOOKING_OUTCOMES:
            bookings.labels(state).inc()


def count_payment(*, provider: str, outcome: str) -> None:
    """Count a payment outcome: an online attempt's final status (``provider`` is the
    provider's code), or a payment recorded by staff (``provider`` is the method, ``outcome``
    ``recorded``; an online payment is counted by its attempt, not again here)."""
    if outcome == "recorded" and provider == "online":
        return
    payments.labels(provider, outcome).inc()


def exposition(accept: str | None) -> tuple[bytes, str]:
    """The metrics in the format the scraper asked for, and its content type."""
    encoder, content_type = choose_encoder(accept or "")
    return encoder(_scrape_registry()), content_type


def _scrape_registry() -> CollectorRegistry:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return registry
    # Every process's files, summed; the queue lengths are read once, here.
    merged = CollectorRegistry()
    MultiProcessCollector(merged)
    merged.register(queue_collector)
    return merged
