"""``/healthz``, ``/readyz`` and ``/metrics``, answered before anything else runs.

Kubernetes probes come with the pod's IP as Host: neither ``ALLOWED_HOSTS`` nor the tenant
middleware would accept it, so this middleware is first in ``MIDDLEWARE`` and never reads
the host (no ``request.get_host()``). On any host, these three paths are answered here and
nowhere else.

- ``/healthz`` (liveness): the process answers. No database, no Redis: a database outage
  must not make Kubernetes restart every web pod.
- ``/readyz`` (readiness): database, Redis, migrations applied (``readiness``); 503 with the
  failing checks otherwise, so the pod leaves the Service until it is fixed.
- ``/metrics``: Prometheus, only with ``Authorization: Bearer <METRICS_TOKEN>``; without the
  token (or with the setting empty: disabled) a plain 404, as for any unknown path, so the
  endpoint is not even revealed.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, JsonResponse

from core.observability import metrics, readiness

HEALTHZ, READYZ, METRICS = "/healthz", "/readyz", "/metrics"
_READ = ("GET", "HEAD")


class ProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path == HEALTHZ:
            return _answer(request, lambda: (200, {"status": "ok"}))
        if path == READYZ:
            return _answer(request, _readiness)
        if path == METRICS:
            return _metrics(request)
        return self.get_response(request)


def _answer(request: HttpRequest, check: Callable[[], tuple[int, dict]]) -> HttpResponse:
    if request.method not in _READ:
        response = JsonResponse({"status": "méthode non autorisée"}, status=405)
        response["Allow"] = ", ".join(_READ)
        return _no_store(response)
    status, body = check()
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    if request.method == "HEAD":
        response.content = b""
    return _no_store(response)


def _readiness() -> tuple[int, dict]:
    checks = readiness.check_all()
    if all(value == readiness.OK for value in checks.values()):
        return 200, {"status": "ok", "checks": checks}
    return 503, {"status": "indisponible", "checks": checks}


def _metrics(request: HttpRequest) -> HttpResponse:
    if not _authorized(request):
        return HttpResponseNotFound()
    if request.method not in _READ:
        response = HttpResponse(status=405)
        response["Allow"] = ", ".join(_READ)
        return response
    body, content_type = metrics.exposition(request.META.get("HTTP_ACCEPT"))
    response = HttpResponse(b"" if request.method == "HEAD" else body, content_type=content_type)
    return _no_store(response)


def _authorized(request: HttpRequest) -> bool:
    token = getattr(settings, "METRICS_TOKEN", "") or ""
    if not token:
        return False
    scheme, _, presented = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    # Constant time: the comparison must not tell how much of a guess was right.
    return hmac.compare_digest(presented.strip().encode(), token.encode())


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response
