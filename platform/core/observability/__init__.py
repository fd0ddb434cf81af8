"""What operators see of a running Marelle: probes, structured logs and metrics.

- ``probes``: ``/healthz``, ``/readyz`` and ``/metrics``, answered before the tenant
  middleware (Kubernetes probes arrive with the pod's IP as Host).
- ``request_context``: the request id, the structure and the user id of the current request
  (``context``), put on every log record (``logging``), and the request counters.
- ``metrics``: the Prometheus metrics, multi-process safe under gunicorn.
- ``celery_signals``: the same log context for Celery tasks.

See docs/decisions/0027-observability.md.
"""
